import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { D } from '../../domain/money.js';
import { ACCOUNTS } from '../../domain/ledger-posting.js';
import type { LedgerDocument, LedgerDocumentType } from '../../usecases/ledger-document.js';

/**
 * Directo XML Direct documents built from the till's documents, and Directo's answers read back,
 * with fast-xml-parser (it escapes every value). Which component takes which document, and why:
 * directo.ts.
 */

export type DirectoComponent = 'invoice' | 'receipt' | 'writeoff';

export const COMPONENT: Readonly<Record<LedgerDocumentType, DirectoComponent>> = {
  sale: 'invoice',
  credit_note: 'invoice',
  cash_in: 'receipt',
  cash_out: 'receipt',
  cash_difference: 'receipt',
  write_off: 'writeoff',
  inventory: 'writeoff',
};

/** Directo's document numbers are SQL ints. */
export const MAX_DIRECTO_NUMBER = 2_147_483_647;

/**
 * Directo numbers are integers and several document types share a component, so every number the
 * till prints gets its own integer: numberBase (a range per till) + a block per series + the
 * digits. Blocks of ten million keep the till's digits readable at the end of the integer
 * (K000042 → 10000042); derived numbers (a close's documents, a credit note's written-off goods)
 * take the digits times ten plus a slot for what they are. Distinct numbers never meet: blocks
 * do not overlap and each is one-to-one inside.
 */
const BLOCK = 10_000_000;
const SERIES: Readonly<Record<string, number>> = { K: 1, KR: 2, C: 3, M: 4, W: 5, I: 6 };
const CLOSE_BLOCK = 7;
const RETURNED_WRITE_OFF_BLOCK = 8;
/**
 * What a close posts under its Z number: the stock count, the difference, each direction cash
 * went (Z12-stock, Z12-bank…), and the day's sales and write-off sheets (ZS12, ZW12).
 */
const CLOSE_PARTS = ['stock', 'difference', 'bank', 'collection', 'safe', 'out', 'change', 'S', 'W'];

/** A close's document: its Z number and the slot of what it is; null for any other number. */
function closePart(number: string): { z: number; slot: number } | null {
  const part = /^Z(\d{1,6})-([a-z]+)$/.exec(number);
  if (part && CLOSE_PARTS.includes(part[2]!)) return { z: Number(part[1]), slot: CLOSE_PARTS.indexOf(part[2]!) + 1 };
  const sheet = /^Z([SW])(\d{1,6})$/.exec(number);
  return sheet ? { z: Number(sheet[2]), slot: CLOSE_PARTS.indexOf(sheet[1]!) + 1 } : null;
}

export function directoNumber(number: string, numberBase: number): { number: number } | { problem: string } {
  const plain = /^([A-Z]{1,2})(\d{1,7})$/.exec(number);
  const returned = /^([A-Z]{1,2})(\d{1,6})-W$/.exec(number);
  const close = closePart(number);
  let inRange: number | undefined;
  if (close) inRange = CLOSE_BLOCK * BLOCK + close.z * 10 + close.slot;
  else if (plain && SERIES[plain[1]!] !== undefined) inRange = SERIES[plain[1]!]! * BLOCK + Number(plain[2]);
  else if (returned && SERIES[returned[1]!] !== undefined) inRange = RETURNED_WRITE_OFF_BLOCK * BLOCK + Number(returned[2]) * 10 + SERIES[returned[1]!]!;
  if (inRange === undefined) {
    return { problem: `the number ${number} has no place among Directo's integer numbers (series ${Object.keys(SERIES).join(', ')}, Z…-part, ZS…, ZW…, …-W)` };
  }
  const result = numberBase + inRange;
  if (result > MAX_DIRECTO_NUMBER) return { problem: `the number ${number} would be ${result} in Directo, above its largest number ${MAX_DIRECTO_NUMBER}: the till's number range is too high` };
  return { number: result };
}

/**
 * Integer units of 10^-places as a decimal text ("2553", 2 → "25.53"), exactly, in decimal
 * arithmetic. A value that is not a safe integer was never counted exactly: refused, not written.
 */
export function decimalText(units: number, places: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not a whole number of 10^-${places} units: ${units}`);
  return new D(units).dividedBy(new D(10).pow(places)).toFixed(places);
}

/** A decimal text as integer units of 10^-places; null when it is not a number, has more places or is too large to count exactly. */
export function decimalUnits(text: string | undefined, places: number): number | null {
  if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text.trim())) return null;
  const units = new D(text.trim()).times(new D(10).pow(places));
  if (!units.isInteger()) return null;
  const n = units.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}

/** "2400" basis points → "24", 950 → "9.5". */
export const rateText = (rateBp: number): string => new D(rateBp).dividedBy(100).toString();

/** XML attributes can hold line breaks, but parsers fold them: text goes on one line. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** An element as the builder takes it and the parser gives it: attributes prefixed `@_`, strings only. */
export type XmlRecord = { [name: string]: string | XmlRecord | XmlRecord[] };

const attributes = (values: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [`@_${k}`, v]));

const negative = (n: number): number => -Math.abs(n);

/** The original sale's Directo number, from its key `company:till:type:number`, when this till made it. */
function creditedNumber(doc: LedgerDocument, numberBase: number): string | undefined {
  const [, till, type, number] = doc.creditOf?.split(':') ?? [];
  if (!number || type !== 'sale' || till !== doc.till.replace(/[:\s]+/g, '-')) return undefined;
  const mapped = directoNumber(number, numberBase);
  return 'number' in mapped ? String(mapped.number) : undefined;
}

function invoiceRecord(doc: LedgerDocument, number: number, numberBase: number): XmlRecord {
  const credit = doc.type === 'credit_note';
  const sign = (n: number) => (credit ? negative(n) : n);
  const rows = doc.lines.map((l, i) =>
    attributes({
      rn: String(i + 1),
      item: l.code,
      description: oneLine(l.name),
      barcode: l.barcode,
      quantity: decimalText(sign(l.quantityMilli), 3),
      unit: l.unit,
      price: decimalText(l.unitPriceMinor, 2),
      discount: decimalText(l.discountMinor, 2),
      vatprc: rateText(l.vatRateBp),
      sum: decimalText(sign(l.sumMinor), 2),
    }),
  );
  const totalMinor = doc.lines.reduce((s, l) => s + sign(l.sumMinor), 0);
  const paidMinor = doc.payments.reduce((s, p) => s + sign(p.amountMinor), 0);
  const netMinor = doc.vat.reduce((s, v) => s + sign(v.netMinor), 0);
  const vatMinor = doc.vat.reduce((s, v) => s + sign(v.vatMinor), 0);
  return {
    ...attributes({
      number: String(number),
      date: doc.date,
      customer: doc.customer?.code,
      customername: doc.customer ? oneLine(doc.customer.name) : undefined,
      regno: doc.customer?.regNo,
      vatregno: doc.customer?.vatNo,
      currency: doc.currency,
      confirm: '1',
      creditinvoice: credit ? creditedNumber(doc, numberBase) : undefined,
      comment: doc.key,
      text: oneLine(credit && doc.creditOf ? `${doc.description} (credits ${doc.creditOf})` : doc.description),
      sum: doc.vat.length > 0 ? decimalText(netMinor, 2) : undefined,
      vat: doc.vat.length > 0 ? decimalText(vatMinor, 2) : undefined,
      totalsum: decimalText(totalMinor, 2),
      // The cash rounding: what the payments came to beyond the rows' total.
      rounding: doc.payments.length > 0 ? decimalText(paidMinor - totalMinor, 2) : undefined,
    }),
    rows: { row: rows },
    ...(doc.payments.length > 0
      ? { payments: { payment: doc.payments.map((p) => attributes({ paymentmode: p.method, sum: decimalText(sign(p.amountMinor), 2) })) } }
      : {}),
  };
}

function receiptRecord(doc: LedgerDocument, number: number): XmlRecord {
  const drawer = doc.postings.filter((p) => p.account === ACCOUNTS.cash && p.commodity === doc.currency);
  const intoDrawer = drawer.reduce((s, p) => s + p.amount, 0);
  const other = doc.postings.find((p) => p.account !== ACCOUNTS.cash)?.account ?? '';
  return {
    ...attributes({ number: String(number), date: doc.date, currency: doc.currency, paymentmode: 'cash', confirm: '1', comment: doc.key, text: oneLine(doc.description) }),
    rows: { row: [attributes({ received: decimalText(intoDrawer, 2), text: oneLine(other) })] },
  };
}

/**
 * Goods that leave the shop, positive. From the rows when the document has them (names, units),
 * else from its postings: the goods moved into the write-off or stock-difference account.
 */
function writeoffRows(doc: LedgerDocument): { code: string; name: string; unit: string; quantityMilli: number }[] {
  if (doc.lines.length > 0) {
    // A stock count's rows hold what it found more (+) or less (−) than the stock said.
    return doc.lines.map((l) => ({ code: l.code, name: l.name, unit: l.unit, quantityMilli: doc.type === 'inventory' ? -l.quantityMilli : l.quantityMilli }));
  }
  return doc.postings
    .filter((p) => p.commodity !== doc.currency && !p.account.startsWith('assets:'))
    .map((p) => ({ code: p.commodity, name: '', unit: '', quantityMilli: p.amount }));
}

function writeoffRecord(doc: LedgerDocument, number: number): XmlRecord {
  const rows = writeoffRows(doc).map((r, i) =>
    attributes({ rn: String(i + 1), item: r.code, description: oneLine(r.name), quantity: decimalText(r.quantityMilli, 3), unit: r.unit }),
  );
  return { ...attributes({ number: String(number), date: doc.date, confirm: '1', comment: doc.key, text: oneLine(doc.description) }), rows: { row: rows } };
}

/** Why Directo could never take this document as it is; null when it can. */
export function directoProblem(doc: LedgerDocument, numberBase: number): string | null {
  const mapped = directoNumber(doc.number, numberBase);
  if ('problem' in mapped) return mapped.problem;
  if (COMPONENT[doc.type] === 'invoice' && doc.lines.length === 0) return 'an invoice needs rows, and the document has none';
  if (COMPONENT[doc.type] === 'writeoff' && writeoffRows(doc).length === 0) return 'a write-off needs item rows, and the document has none';
  return null;
}

/** The document as Directo takes it; call after directoProblem said nothing. */
export function directoDocument(doc: LedgerDocument, numberBase: number): { component: DirectoComponent; number: number; record: XmlRecord; xml: string } {
  const mapped = directoNumber(doc.number, numberBase);
  if (!('number' in mapped)) throw new Error(mapped.problem);
  const component = COMPONENT[doc.type];
  const record =
    component === 'invoice' ? invoiceRecord(doc, mapped.number, numberBase) : component === 'receipt' ? receiptRecord(doc, mapped.number) : writeoffRecord(doc, mapped.number);
  return { component, number: mapped.number, record, xml: buildXml(component, [record]) };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

/** `<invoices><invoice …/></invoices>`: the plural wraps the documents, as in Directo's schemas. */
export const buildXml = (element: string, records: XmlRecord[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [`${element}s`]: { [element]: records } })}`;

const LISTS = new Set(['invoice', 'receipt', 'writeoff', 'item', 'row', 'payment', 'result']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false,
  parseTagValue: false,
  // Answers come as `<Result Type=…>` or `<result type=…>`: names are compared without case.
  transformTagName: (name) => name.toLowerCase(),
  transformAttributeName: (name) => name.toLowerCase(),
  isArray: (name) => LISTS.has(name),
});

/** The body as XML, or null when it is not XML at all. */
export function parseXml(body: string): Record<string, unknown> | null {
  const text = body.trim();
  if (!text.startsWith('<') || XMLValidator.validate(text) !== true) return null;
  return parser.parse(text) as Record<string, unknown>;
}

export type DirectoAnswer =
  | { kind: 'result'; type: number; desc: string }
  | { kind: 'error'; text: string }
  | { kind: 'no-result' }
  | { kind: 'not-xml' };

const asRecords = (value: unknown): XmlRecord[] => (Array.isArray(value) ? (value as XmlRecord[]) : []);
export const attr = (record: XmlRecord | undefined, name: string): string | undefined => {
  const value = record?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
};

/** What a put was answered: `<results><Result Type Desc …/></results>`, a bare `<result/>` or `<err>`. */
export function readAnswer(body: string): DirectoAnswer {
  const xml = parseXml(body);
  if (!xml) return { kind: 'not-xml' };
  const err = xml['err'];
  if (err !== undefined) return { kind: 'error', text: typeof err === 'string' ? err : 'error' };
  const results = xml['results'];
  const first = asRecords(typeof results === 'object' && results !== null ? (results as Record<string, unknown>)['result'] : xml['result'])[0];
  const type = Number(attr(first, 'type'));
  if (!first || !Number.isInteger(type)) return { kind: 'no-result' };
  return { kind: 'result', type, desc: attr(first, 'desc') ?? '' };
}

/** The documents of a component in a get's answer (`<invoices><invoice/>…</invoices>`). */
export function readDocuments(body: string, component: string): XmlRecord[] | null {
  const xml = parseXml(body);
  if (!xml) return null;
  const root = xml[`${component}s`];
  return typeof root === 'object' && root !== null ? asRecords((root as Record<string, unknown>)[component]) : [];
}

const children = (record: XmlRecord, list: string, element: string): XmlRecord[] => {
  const holder = record[list];
  return typeof holder === 'object' && holder !== null && !Array.isArray(holder) ? asRecords(holder[element]) : [];
};
export const rowsOf = (record: XmlRecord): XmlRecord[] => children(record, 'rows', 'row');
export const paymentsOf = (record: XmlRecord): XmlRecord[] => children(record, 'payments', 'payment');

/**
 * What makes two documents under one number the same: the gross total in cents (rows' sums for
 * an invoice, amounts for a receipt), the goods and quantities, and the till's key when Directo
 * shows it. Worked out the same way for what the till sends and what Directo gives back.
 */
export function figures(component: DirectoComponent, record: XmlRecord): { totalMinor: number | null; rows: string[]; comment: string | undefined } {
  const rows = rowsOf(record);
  const amounts = rows.map((r) => decimalUnits(attr(r, component === 'receipt' ? 'received' : 'sum'), 2));
  const totalMinor = component === 'writeoff' ? 0 : amounts.some((a) => a === null) ? null : amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  const goods = component === 'receipt' ? [] : rows.map((r) => `${attr(r, 'item') ?? ''} ${decimalUnits(attr(r, 'quantity'), 3) ?? '?'}`).sort();
  return { totalMinor, rows: goods, comment: attr(record, 'comment') };
}

export function sameDocument(component: DirectoComponent, ours: XmlRecord, theirs: XmlRecord): boolean {
  const a = figures(component, ours);
  const b = figures(component, theirs);
  return (
    a.totalMinor !== null &&
    a.totalMinor === b.totalMinor &&
    a.rows.join('\n') === b.rows.join('\n') &&
    (b.comment === undefined || b.comment === a.comment)
  );
}
