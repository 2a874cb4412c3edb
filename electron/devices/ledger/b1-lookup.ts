import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { idOf, lineQuantityMilli, milliText, minorText, type B1Ref, type B1Row, type ListRule } from './b1-mapping.js';
import { LedgerError } from './connector.js';

/**
 * How the till tells its own records in B1.lt from anyone else's, and how it reads a list whole.
 *
 * B1's only key is series + number, and a person or another program may have used the till's
 * pair. A record under it is this document's only when what B1 shows of it agrees with the
 * document: a cash receipt's total and date; a header's date, currency and client; each line's
 * article and quantity. The till sends no field holding its own key (none is known to exist on
 * these records), so these figures are all there is to go by. A field B1 does not show cannot
 * vouch for the record, so it counts as a disagreement: a record the till cannot vouch for is
 * never completed, never answered "duplicate" for and never "found" — a person sorts it out.
 *
 * B1's list filter may compare loosely or not at all, so a lookup reads every record the filter
 * lets through before it says "not there", and cannot say it when B1 counts more than it gives.
 */

/** A record of someone else's under the document's series and number: never the till's to touch. */
export class TakenNumber extends LedgerError {
  constructor(doc: LedgerDocument, ref: B1Ref, reason: string) {
    super(
      'permanent',
      `${doc.key}: a different document already has series ${ref.series} number ${ref.number} in B1.lt (${reason}); the till neither writes into it nor takes it for this document: a person must sort the numbers out`,
    );
  }
}

/** A decimal as B1 sends it (a JSON number or a string), in integer units of 10^-places; null when it is none or finer. */
export function unitsOf(value: unknown, places: number): number | null {
  const text = typeof value === 'string' ? value.trim().replace(',', '.') : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > places) return null;
  // Digits put together, not multiplied: nothing goes through a binary fraction.
  const units = Number(`${m[2]}${fraction.padEnd(places, '0')}`);
  if (!Number.isSafeInteger(units)) return null;
  return m[1] === '-' && units !== 0 ? -units : units;
}

/** The calendar day of a date B1 sends ("2025-01-03", with or without a time), or null. */
export function dayOf(value: unknown): string | null {
  return typeof value === 'string' ? (/^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value.trim())?.[1] ?? null) : null;
}

const dated = (value: unknown, doc: LedgerDocument, field: string): string | null => {
  const day = dayOf(value);
  if (day === null) return `it shows no ${field} to compare`;
  return day === doc.date ? null : `dated ${day}, not ${doc.date}`;
};

/** Why a cash receipt under the document's pair is not its own (total and date), or null when it is. */
export function receiptDifference(row: B1Row, doc: LedgerDocument, totalMinor: number): string | null {
  const total = unitsOf(row.total, 2);
  if (total === null) return 'it shows no total to compare';
  if (total !== totalMinor) return `its total is ${minorText(total)}, not ${minorText(totalMinor)}`;
  return dated(row.date, doc, 'date');
}

/**
 * Why a sales header under the document's pair is not its own, or null when it is: the date; the
 * currency when B1 shows it; the client — the document's customer (`clientId`, null when that
 * customer is not in B1 at all), or none when the document has no customer.
 */
export function headerDifference(row: B1Row, doc: LedgerDocument, clientId: number | null): string | null {
  const date = dated(row.saleDate, doc, 'sale date');
  if (date !== null) return date;
  if (typeof row.currencyCode === 'string' && row.currencyCode.trim() !== '' && row.currencyCode.trim() !== doc.currency) return `in ${row.currencyCode.trim()}, not ${doc.currency}`;
  // B1 may show "no client" as 0.
  const theirs = idOf(row.clientId) || null;
  if (doc.customer) return clientId !== null && theirs === clientId ? null : `its client is not ${doc.customer.code}`;
  return theirs === null ? null : 'it has a client, this document none';
}

/** Why a line of a header is not one of the document's (its rowNo, article and quantity), or null when it is. */
export function lineDifference(row: B1Row, doc: LedgerDocument, itemIds: readonly number[]): string | null {
  const rowNo = idOf(row.rowNo);
  if (rowNo === null || rowNo < 1 || rowNo > doc.lines.length) return `it has a line ${String(row.rowNo)}, this document ${doc.lines.length}`;
  const quantity = unitsOf(row.quantity, 3);
  const itemId = idOf(row.itemId);
  const wanted = { itemId: itemIds[rowNo - 1], quantity: lineQuantityMilli(doc, rowNo - 1) };
  if (itemId === wanted.itemId && quantity === wanted.quantity) return null;
  const shown = (q: number | null, item: number | null | undefined) => `${q === null ? '?' : milliText(q)} of item ${item ?? '?'}`;
  return `its line ${rowNo} is ${shown(quantity, itemId)}, not ${shown(wanted.quantity, wanted.itemId)}`;
}

/**
 * The id of the document's own record among those under its pair (null when there are none);
 * when every one of them disagrees with the document, the pair is someone else's.
 */
export function ours(doc: LedgerDocument, ref: B1Ref, rows: readonly B1Row[], difference: (row: B1Row) => string | null): number | null {
  let reason: string | null = null;
  for (const row of rows) {
    const why = difference(row);
    const id = idOf(row.id);
    if (why === null && id !== null) return id;
    reason ??= why ?? 'it has no id';
  }
  if (reason === null) return null;
  throw new TakenNumber(doc, ref, reason);
}

/** The rowNos of a header's lines, every one checked to be the document's: a stranger's line makes the header someone else's. */
export function ownRowNos(doc: LedgerDocument, ref: B1Ref, lines: readonly B1Row[], itemIds: readonly number[]): Set<number> {
  const rowNos = new Set<number>();
  for (const row of lines) {
    const difference = lineDifference(row, doc, itemIds);
    if (difference !== null) throw new TakenNumber(doc, ref, difference);
    rowNos.add(idOf(row.rowNo) ?? 0);
  }
  return rowNos;
}

/** A field as a list filter compares it: B1 sends ids and numbers as JSON numbers or strings. */
const fieldText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

/** A row whose fields equal every rule's value exactly (what B1's filter was asked for, without its leniency). */
export const exactly =
  (rules: readonly ListRule[]) =>
  (row: B1Row): boolean =>
    rules.every((rule) => fieldText(row[rule.field]) === rule.data);

/** One page of a list, as read: `records` is B1's count of everything the filter let through (null when it gave none). */
export type ListPage = { rows: B1Row[]; records: number | null };

/**
 * Every row that `match` takes, from every page the filter lets through. Done when B1's count is
 * reached (or, without a count, at a short page); a short page before the count means B1 gave
 * less than it counts, and "not there" cannot be said: the outcome is unknown.
 */
export async function everyMatch(read: (page: number) => Promise<ListPage>, match: (row: B1Row) => boolean, what: string, pageSize: number, maxPages: number): Promise<B1Row[]> {
  const matches: B1Row[] = [];
  let seen = 0;
  for (let page = 1; page <= maxPages; page++) {
    const one = await read(page);
    matches.push(...one.rows.filter(match));
    seen += one.rows.length;
    const full = one.rows.length >= pageSize;
    if (one.records !== null ? seen >= one.records : !full) return matches;
    if (!full) throw new LedgerError('unknown', `${what}: B1.lt counts ${one.records} records and gave ${seen}: it cannot be told whether the record is there`);
  }
  throw new LedgerError('unknown', `${what}: more than ${maxPages} pages: it cannot be told whether the record is there`);
}
