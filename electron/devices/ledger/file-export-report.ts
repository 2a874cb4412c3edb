import { stringify } from 'csv-stringify/sync';
import { ACCOUNTS } from '../../domain/ledger-posting.js';
import type { LedgerDocument } from '../../usecases/ledger-document.js';

/**
 * What the file export writes besides documents.json, built from the day's documents alone (pure,
 * no I/O): documents.csv (a row per document line, a row per cash document) and the daily retail
 * sales report (per currency: per VAT rate, per payment method, rounding, goods, counts, cash).
 *
 * Amounts are decimal strings made from the integers' digits — never through a float, so a
 * ledger that loads "12.34" gets exactly the cents the till counted. Money has 2 places (the
 * till's minor unit), quantities 3 (thousandths), VAT rates are percent ("24", "13.5").
 *
 * CSV: UTF-8 with a BOM, CRLF, a header row, `;` between fields — spreadsheet programs in
 * locales with a decimal comma split on `;`, and the point in numbers then stays unambiguous.
 */

/**
 * Exact sum of integers: every partial sum must stay a safe integer, so no addition rounded.
 * (Plain adding, not Decimal: it runs for every figure of every post of the day.)
 */
export function sumInts(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError(`amount out of range: ${total}`);
  }
  return total;
}

/** An integer in units of 10^-places as a decimal string: (-1234, 2) → "-12.34". */
export function decimalText(units: number, places: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not an integer amount: ${units}`);
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
}

export const moneyText = (minor: number): string => decimalText(minor, 2);
export const quantityText = (milli: number): string => decimalText(milli, 3);
/** Basis points as percent without trailing zeros: 2400 → "24", 1350 → "13.5", 0 → "0". */
export const rateText = (bp: number): string => decimalText(bp, 2).replace(/\.?0+$/, '');

const CSV_OPTIONS = { bom: true, header: true, delimiter: ';', record_delimiter: 'windows' } as const;

const isCash = (doc: LedgerDocument): boolean => doc.type === 'cash_in' || doc.type === 'cash_out' || doc.type === 'cash_difference';

/**
 * The cash a cash document moved into the drawer (negative: taken out). The drawer's posting is
 * the cash account's; a document built another way keeps the drawer first, as the till builds it.
 */
export function cashIntoDrawerMinor(doc: LedgerDocument): number {
  const drawer = doc.postings.filter((p) => p.account === ACCOUNTS.cash && p.commodity === doc.currency);
  return drawer.length > 0 ? sumInts(drawer.map((p) => p.amount)) : (doc.postings[0]?.amount ?? 0);
}

export const DOCUMENT_COLUMNS = [
  ['key', 'key'],
  ['type', 'type'],
  ['number', 'number'],
  ['date', 'date'],
  ['at', 'at'],
  ['customerCode', 'customer_code'],
  ['lineNo', 'line_no'],
  ['articleCode', 'article_code'],
  ['name', 'name'],
  ['barcode', 'barcode'],
  ['quantity', 'quantity'],
  ['unit', 'unit'],
  ['unitPrice', 'unit_price'],
  ['discount', 'discount'],
  ['sum', 'sum'],
  ['vatRate', 'vat_rate'],
  ['amount', 'amount'],
  // Amounts mean nothing without it once a day has two currencies.
  ['currency', 'currency'],
] as const;

type DocumentRow = Record<(typeof DOCUMENT_COLUMNS)[number][0], string>;

/** One row per line (sales, credit notes, write-offs, stock counts); one per cash document, its description as the name. */
export function documentRows(doc: LedgerDocument): DocumentRow[] {
  const head = { key: doc.key, type: doc.type, number: doc.number, date: doc.date, at: doc.at, customerCode: doc.customer?.code ?? '', currency: doc.currency };
  const noLine = { lineNo: '', articleCode: '', name: '', barcode: '', quantity: '', unit: '', unitPrice: '', discount: '', sum: '', vatRate: '', amount: '' };
  if (isCash(doc)) return [{ ...head, ...noLine, name: doc.description, amount: moneyText(cashIntoDrawerMinor(doc)) }];
  // A document without lines still gets its row: every posted document is in the file.
  if (doc.lines.length === 0) return [{ ...head, ...noLine, name: doc.description }];
  return doc.lines.map((l, i) => ({
    ...head,
    lineNo: String(i + 1),
    articleCode: l.code,
    name: l.name,
    barcode: l.barcode,
    quantity: quantityText(l.quantityMilli),
    unit: l.unit,
    unitPrice: moneyText(l.unitPriceMinor),
    discount: moneyText(l.discountMinor),
    sum: moneyText(l.sumMinor),
    vatRate: rateText(l.vatRateBp),
    amount: '',
  }));
}

const documentColumns = DOCUMENT_COLUMNS.map(([key, header]) => ({ key, header }));
const DOCUMENTS_HEAD = stringify([], { ...CSV_OPTIONS, columns: documentColumns });

/** One document's records (no BOM, no header): kept per document, so a post formats only the new one. */
export function documentCsvRecords(doc: LedgerDocument): string {
  return stringify(documentRows(doc), { ...CSV_OPTIONS, bom: false, header: false, columns: documentColumns });
}

/** documents.csv from its documents' records in posting order. */
export const documentsCsv = (records: readonly string[]): string => DOCUMENTS_HEAD + records.join('');

/** Sales, returns (credit notes, as positive amounts) and sales less returns. */
export type Figures = { sales: string; returns: string; net: string };
export type VatFigures = { net: Figures; vat: Figures; gross: Figures };

export type CurrencyReport = {
  currency: string;
  salesCount: number;
  creditNoteCount: number;
  /** Highest rate first. */
  vat: ({ rate: string; rateBp: number } & VatFigures)[];
  vatTotal: VatFigures;
  /** Received for sales, paid back for returns; in the order the day first used them. */
  payments: { method: string; received: string; paidBack: string; net: string }[];
  /** Paid less the gross: the cash rounding (sales: more received; returns: more paid back). */
  rounding: Figures;
  goods: { code: string; barcode: string; name: string; unit: string; rate: string; quantity: Figures; sum: Figures }[];
  /** Into the drawer, taken out (positive), and the count's differences (a shortage negative). */
  cash: { in: string; out: string; difference: string };
};

export type RetailSalesReport = {
  date: string;
  generatedAt: string;
  /** documents.json's length when this was written: both come from the same list. */
  documentCount: number;
  currencies: CurrencyReport[];
};

/** Integer sums before formatting: sales and returns kept apart, returns with the sign as the facts carry it. */
type Pair = { sales: number[]; returns: number[] };
const pair = (): Pair => ({ sales: [], returns: [] });

type Totals = {
  salesCount: number;
  creditNoteCount: number;
  vat: Map<number, { net: Pair; vat: Pair; gross: Pair }>;
  payments: Map<string, Pair>;
  rounding: Pair;
  goods: Map<string, { code: string; barcode: string; name: string; unit: string; rateBp: number; quantity: Pair; sum: Pair }>;
  cash: { in: number[]; out: number[]; difference: number[] };
};

const totals = (): Totals => ({ salesCount: 0, creditNoteCount: 0, vat: new Map(), payments: new Map(), rounding: pair(), goods: new Map(), cash: { in: [], out: [], difference: [] } });

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function add(t: Totals, doc: LedgerDocument): void {
  if (isCash(doc)) {
    const into = cashIntoDrawerMinor(doc);
    if (doc.type === 'cash_in') t.cash.in.push(into);
    else if (doc.type === 'cash_out') t.cash.out.push(-into);
    else t.cash.difference.push(into);
    return;
  }
  if (doc.type !== 'sale' && doc.type !== 'credit_note') return;
  const side: keyof Pair = doc.type === 'sale' ? 'sales' : 'returns';
  if (side === 'sales') t.salesCount++;
  else t.creditNoteCount++;
  for (const v of doc.vat) {
    const row = getOr(t.vat, v.rateBp, () => ({ net: pair(), vat: pair(), gross: pair() }));
    row.net[side].push(v.netMinor);
    row.vat[side].push(v.vatMinor);
    row.gross[side].push(v.grossMinor);
  }
  for (const p of doc.payments) getOr(t.payments, p.method, pair)[side].push(p.amountMinor);
  t.rounding[side].push(sumInts(doc.payments.map((p) => p.amountMinor)) - sumInts(doc.vat.map((v) => v.grossMinor)));
  for (const l of doc.lines) {
    const g = getOr(t.goods, `${l.code}\u0000${l.vatRateBp}`, () => ({ code: l.code, barcode: l.barcode, name: l.name, unit: l.unit, rateBp: l.vatRateBp, quantity: pair(), sum: pair() }));
    g.quantity[side].push(l.quantityMilli);
    g.sum[side].push(l.sumMinor);
  }
}

/** A credit note's facts are negative (money and goods go back): returns are shown as positive amounts. */
function figures(p: Pair, text: (n: number) => string = moneyText): Figures {
  const sales = sumInts(p.sales);
  const returns = -sumInts(p.returns);
  return { sales: text(sales), returns: text(returns), net: text(sales - returns) };
}

const vatFigures = (v: { net: Pair; vat: Pair; gross: Pair }): VatFigures => ({ net: figures(v.net), vat: figures(v.vat), gross: figures(v.gross) });

function currencyReport(currency: string, t: Totals): CurrencyReport {
  const rates = [...t.vat.entries()].sort(([a], [b]) => b - a);
  const all = (pick: 'net' | 'vat' | 'gross'): Pair => ({ sales: rates.flatMap(([, v]) => v[pick].sales), returns: rates.flatMap(([, v]) => v[pick].returns) });
  return {
    currency,
    salesCount: t.salesCount,
    creditNoteCount: t.creditNoteCount,
    vat: rates.map(([rateBp, v]) => ({ rate: rateText(rateBp), rateBp, ...vatFigures(v) })),
    vatTotal: vatFigures({ net: all('net'), vat: all('vat'), gross: all('gross') }),
    payments: [...t.payments.entries()].map(([method, p]) => {
      const f = figures(p);
      return { method, received: f.sales, paidBack: f.returns, net: f.net };
    }),
    rounding: figures(t.rounding),
    goods: [...t.goods.values()].map((g) => ({ code: g.code, barcode: g.barcode, name: g.name, unit: g.unit, rate: rateText(g.rateBp), quantity: figures(g.quantity, quantityText), sum: figures(g.sum) })),
    cash: { in: moneyText(sumInts(t.cash.in)), out: moneyText(sumInts(t.cash.out)), difference: moneyText(sumInts(t.cash.difference)) },
  };
}

/** The day's report from its documents in posting order; one part per currency, in the order the day first used them. */
export function retailSalesReport(date: string, docs: readonly LedgerDocument[], generatedAt: Date): RetailSalesReport {
  const byCurrency = new Map<string, Totals>();
  for (const doc of docs) add(getOr(byCurrency, doc.currency, totals), doc);
  return {
    date,
    generatedAt: generatedAt.toISOString(),
    documentCount: docs.length,
    currencies: [...byCurrency.entries()].map(([currency, t]) => currencyReport(currency, t)),
  };
}

const REPORT_COLUMNS = ['date', 'currency', 'section', 'item', 'barcode', 'name', 'unit', 'vat_rate', 'figure', 'sales', 'returns', 'net'] as const;
type ReportRow = Partial<Record<(typeof REPORT_COLUMNS)[number], string>>;

/**
 * The report as one table: a row per figure, `section` and `item` say what it is (vat/24/gross,
 * payment/card/amount, goods/1301/quantity, cash/in/amount). Counts put sales and credit notes
 * in their columns; cash figures have only `net`.
 */
export function retailSalesCsv(report: RetailSalesReport): string {
  const rows: ReportRow[] = [];
  for (const c of report.currencies) {
    const row = (section: string, item: string, figure: string, f: Partial<Figures>, extra: ReportRow = {}): void => {
      rows.push({ date: report.date, currency: c.currency, section, item, figure, ...extra, ...f });
    };
    row('count', 'documents', 'count', { sales: String(c.salesCount), returns: String(c.creditNoteCount) });
    for (const v of [...c.vat, { rate: 'total', ...c.vatTotal }]) {
      row('vat', v.rate, 'net', v.net);
      row('vat', v.rate, 'vat', v.vat);
      row('vat', v.rate, 'gross', v.gross);
    }
    for (const p of c.payments) row('payment', p.method, 'amount', { sales: p.received, returns: p.paidBack, net: p.net });
    row('rounding', 'total', 'amount', c.rounding);
    for (const g of c.goods) {
      const extra = { barcode: g.barcode, name: g.name, unit: g.unit, vat_rate: g.rate };
      row('goods', g.code, 'quantity', g.quantity, extra);
      row('goods', g.code, 'sum', g.sum, extra);
    }
    row('cash', 'in', 'amount', { net: c.cash.in });
    row('cash', 'out', 'amount', { net: c.cash.out });
    row('cash', 'difference', 'amount', { net: c.cash.difference });
  }
  return stringify(rows, { ...CSV_OPTIONS, columns: [...REPORT_COLUMNS] });
}
