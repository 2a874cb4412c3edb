import { createHash } from 'node:crypto';
import { ACCOUNTS } from '../../domain/ledger-posting.js';
import { D } from '../../domain/money.js';
import type { LedgerDocument, LedgerDocumentType } from '../../usecases/ledger-document.js';
import type { LedgerArticleRow } from './connector.js';

/**
 * B1.lt's request bodies and answers, from and to the till's documents. Pure: no I/O, so the
 * arithmetic and the numbering are tested without a server. Amounts go out as decimal strings
 * built from integers (never through a float), so what B1 stores is what the till counted.
 */

/** One B1 record as a list or a create answers it. */
export type B1Row = Record<string, unknown>;

/** A product card from B1, in the columns (and column names) of B1's CSV export the importer takes. */
export type B1ArticleRow = LedgerArticleRow;

/** Where a document goes in B1: its series (≤ 10 characters) and number (≤ 20) there. */
export type B1Ref = { series: string; number: string };

const MAX_SERIES = 10;
const MAX_NUMBER = 20;

/**
 * B1 dedupes on series + number, so the split must give every document number its own pair and
 * the same pair on every try: the leading letters are the series, the rest (verbatim, so two
 * numbers never meet) is the number — K000042 → K / 000042, Z12-difference → Z / 12-difference.
 * A number that does not fit (a cash movement's CM-<uuid>, no letters, a long prefix) gets a
 * 20-character digest of the whole number instead: unreadable, but stable and unique.
 * The till's key names the till, B1's pair does not: tills posting to one B1 company need number
 * series of their own, or one till's document would be taken for another's.
 */
export function b1Ref(docNumber: string): B1Ref {
  const letters = /^[A-Za-z]*/.exec(docNumber)?.[0] ?? '';
  const rest = docNumber.slice(letters.length);
  if (letters.length >= 1 && letters.length <= MAX_SERIES && rest.length >= 1 && rest.length <= MAX_NUMBER) return { series: letters, number: rest };
  const digest = createHash('sha256').update(docNumber).digest('hex').slice(0, MAX_NUMBER).toUpperCase();
  return { series: (letters || 'POS').slice(0, MAX_SERIES), number: digest };
}

export const isCashDocument = (type: LedgerDocumentType): boolean => type === 'cash_in' || type === 'cash_out' || type === 'cash_difference';
export const isWriteOff = (type: LedgerDocumentType): boolean => type === 'write_off' || type === 'inventory';

/**
 * Integer units of 10^-places as a decimal text, from the integer's digits ((-5, 2) → "-0.05"):
 * no division, so nothing passes through a binary fraction. A value that is not a safe integer
 * was never counted exactly, and is refused rather than written.
 */
export function scaledText(units: number, places: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not a whole number of 10^-${places} units: ${units}`);
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
}

/** Integer minor units → "12.34" / "-0.05". */
export const minorText = (minor: number): string => scaledText(minor, 2);

/** Integer thousandths → "2.000" / "-0.750". */
export const milliText = (milli: number): string => scaledText(milli, 3);

/** 2400 → 24, 950 → 9.5: a rate, exact in a JSON number. */
export const vatPercent = (rateBp: number): number => new D(rateBp).dividedBy(100).toNumber();

/**
 * The unit price without VAT that gives the line's sum (incl. VAT, after discount): sum ÷ (1 +
 * rate) ÷ quantity, to B1's four decimals, half-up. The discount is inside the price, so no
 * discount rate is sent and B1 cannot round it a second time.
 */
export function netUnitPrice(sumMinor: number, rateBp: number, quantityMilli: number): string {
  return new D(sumMinor).times(100_000).dividedBy(new D(10_000 + rateBp).times(quantityMilli)).toFixed(4);
}

/** What the drawer took for a sale (or paid back for a credit note): the cash tenders, else the cash account's postings. */
export function cashPartMinor(doc: LedgerDocument): number {
  if (doc.payments.length > 0) return doc.payments.filter((p) => p.method === 'cash').reduce((sum, p) => sum + p.amountMinor, 0);
  return cashPostingsMinor(doc);
}

/** Money into the drawer (negative: out of it), as the document's postings on the cash account say. */
export const cashPostingsMinor = (doc: LedgerDocument): number =>
  doc.postings.filter((p) => p.account === ACCOUNTS.cash && p.commodity === doc.currency).reduce((sum, p) => sum + p.amount, 0);

/** Why B1 could never take the document as it is (checked before anything is sent), or null. */
export function documentProblem(doc: LedgerDocument): string | null {
  if (isCashDocument(doc.type)) return cashPostingsMinor(doc) === 0 ? 'no cash moved on the cash account' : null;
  if (doc.lines.length === 0) return `a ${doc.type.replace('_', ' ')} without lines`;
  for (const [i, line] of doc.lines.entries()) {
    if (line.quantityMilli === 0) return `line ${i + 1} (${line.code}) has no quantity`;
    if (line.code.trim() === '' && line.barcode.trim() === '') return `line ${i + 1} has neither an article code nor a barcode`;
  }
  if (doc.customer && doc.customer.code.trim() === '') return `customer "${doc.customer.name}" has no code to find the client by`;
  return null;
}

/** The rules of a jqGrid-style list request: every one must hold. */
export type ListRule = { field: string; op: 'eq' | 'cn'; data: string };

export function listBody(rules: readonly ListRule[], page: number, rows: number): B1Row {
  return { page, rows, sidx: 'id', sord: 'asc', ...(rules.length > 0 ? { filters: { groupOp: 'AND', rules } } : {}) };
}

export const byRef = (ref: B1Ref): ListRule[] => [
  { field: 'series', op: 'eq', data: ref.series },
  { field: 'number', op: 'eq', data: ref.number },
];

export function saleHeader(doc: LedgerDocument, ref: B1Ref, refs: { clientId?: number; operationTypeId?: number; warehouseId?: number }): B1Row {
  return {
    series: ref.series,
    number: ref.number,
    // B1 numbers a document itself unless told not to; ours is the idempotency key.
    autoGenerateNumberAndSeries: false,
    saleDate: doc.date,
    currencyCode: doc.currency,
    ...(refs.clientId !== undefined ? { clientId: refs.clientId } : {}),
    ...(refs.operationTypeId !== undefined ? { operationTypeId: refs.operationTypeId } : {}),
    ...(refs.warehouseId !== undefined ? { warehouseId: refs.warehouseId } : {}),
  };
}

/**
 * One line of a sale, credit note or write-off. A credit note's quantities are negative whatever
 * sign its rows carry; a stock count's surplus (a positive difference) comes back into stock, so
 * its quantity is the difference turned; goods written off carry no price (their cost is B1's).
 */
export function saleLine(doc: LedgerDocument, index: number, refs: { saleId: number; itemId: number; warehouseId?: number }): B1Row {
  const line = doc.lines[index];
  if (!line) throw new RangeError(`${doc.key} has no line ${index + 1}`);
  const quantity = lineQuantityMilli(doc, index);
  // B1's create-simple takes no line sum or total (its fields, as publicly known: saleId, itemId,
  // quantity, priceWithoutVat, vatRate, vatClassificationId, warehouseId, rowNo, discountRate), so
  // B1 works the line out itself from the four-decimal net price and the quantity: on a large
  // quantity that may differ from the till's line sum by a cent. The cash receipt carries the
  // till's own amount.
  const price = isWriteOff(doc.type) ? '0.0000' : netUnitPrice(Math.abs(line.sumMinor), line.vatRateBp, Math.abs(line.quantityMilli));
  return {
    saleId: refs.saleId,
    itemId: refs.itemId,
    rowNo: index + 1,
    quantity: milliText(quantity),
    priceWithoutVat: price,
    vatRate: vatPercent(line.vatRateBp),
    ...(refs.warehouseId !== undefined ? { warehouseId: refs.warehouseId } : {}),
  };
}

/** The quantity B1 gets for a line, signed as saleLine explains. */
export function lineQuantityMilli(doc: LedgerDocument, index: number): number {
  const milli = doc.lines[index]?.quantityMilli ?? 0;
  return doc.type === 'credit_note' ? -Math.abs(milli) : doc.type === 'inventory' ? -milli : milli;
}

/** A cash receipt: money into the drawer is positive, money out of it negative. */
export function cashReceipt(doc: LedgerDocument, ref: B1Ref, totalMinor: number, clientId?: number): B1Row {
  return {
    series: ref.series,
    number: ref.number,
    date: doc.date,
    currencyCode: doc.currency,
    total: minorText(totalMinor),
    ...(clientId !== undefined ? { clientId } : {}),
  };
}

export function clientBody(customer: NonNullable<LedgerDocument['customer']>): B1Row {
  // locationId is required: 1 is Lithuania, where B1's shops are; a person fixes it in B1 if not.
  return { name: customer.name || customer.code, code: customer.code, vatCode: customer.vatNo, isJuridical: customer.regNo !== '' || customer.vatNo !== '', locationId: 1 };
}

/** A record's id, as a number (B1 sends numbers; a numeric string is taken too). */
export function idOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/** A decimal field as B1 sends it (a JSON number or a string), or null when it is none. */
function decimalOf(value: unknown): D | null {
  const t = text(value).replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? new D(t) : null;
}

/** Four decimals at most (what the importer takes for a net price), at least two. */
const netText = (d: D): string => d.toFixed(Math.min(4, Math.max(2, d.decimalPlaces())));

/**
 * A product card as a CSV row. A price B1 left out is computed from the other and the rate
 * (half-up); a card without any price or rate gives empty cells, which the importer refuses
 * row by row, naming them — better than a guessed price on a shelf.
 */
export function articleRow(item: B1Row, names: { groups: Map<number, string>; units: Map<number, string>; attributes: Map<number, string> }): B1ArticleRow {
  const nameIn = (map: Map<number, string>, id: unknown) => {
    const n = idOf(id);
    return n === null ? '' : (map.get(n) ?? '');
  };
  const rate = decimalOf(item.vatRate);
  let net = decimalOf(item.priceWithoutVat);
  let gross = decimalOf(item.priceWithVat);
  const factor = rate?.dividedBy(100).plus(1);
  if (gross === null && net !== null && factor) gross = net.times(factor);
  if (net === null && gross !== null && factor) net = gross.dividedBy(factor).toDecimalPlaces(4);
  return {
    name: text(item.name),
    attributeName: nameIn(names.attributes, item.attributeId),
    groupName: nameIn(names.groups, item.groupId),
    measurementUnitName: nameIn(names.units, item.measurementUnitId),
    priceWithoutVat: net === null ? '' : netText(net.toDecimalPlaces(4)),
    priceWithVat: gross === null ? '' : gross.toFixed(2),
    vatRate: rate === null ? '' : rate.toFixed(),
    barcode: text(item.barcode),
  };
}

/** Inactive cards stay in B1 for old documents; the till must not sell them again. */
export const isActiveItem = (item: B1Row): boolean => item.isActive !== false && item.isActive !== 0 && item.isActive !== '0';
