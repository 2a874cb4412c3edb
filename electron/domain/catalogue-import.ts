import { isValidGtin } from './barcode.js';
import { D } from './money.js';
import type { Unit } from './types.js';

/**
 * Product cards from the accounting program's CSV export (B1 column names), checked row by row
 * and matched against the till's articles. Pure: the file is read and decoded elsewhere; this
 * sees one row's text fields at a time and never throws on what a file may hold.
 */

/** The columns of the export, by their B1 names, in the order B1 writes them. */
export const IMPORT_COLUMNS = [
  'name',
  'attributeName',
  'groupName',
  'measurementUnitName',
  'priceWithoutVat',
  'priceWithVat',
  'vatRate',
  'barcode',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Where each column is in the file's rows; or the columns the header lacks. */
export function headerIndex(header: readonly string[]): { index: Record<ImportColumn, number> } | { missing: ImportColumn[] } {
  // Exports are hand-edited in spreadsheets: names compare without case and surrounding blanks.
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((c) => !names.includes(c.toLowerCase()));
  if (missing.length > 0) return { missing };
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, names.indexOf(c.toLowerCase())])) as Record<ImportColumn, number>;
  return { index };
}

/** Why a row is refused; the renderer translates each code. */
export const REJECT_CODES = [
  'columns',
  'name_missing',
  'name_too_long',
  'barcode_missing',
  'barcode_not_digits',
  'barcode_length',
  'barcode_check_digit',
  'barcode_duplicate',
  'vat_missing',
  'vat_format',
  'vat_unknown',
  'price_missing',
  'price_format',
  'price_vat_mismatch',
  'unit_unknown',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];
export interface Rejection {
  line: number;
  code: RejectCode;
  details: Record<string, string | number>;
}

/** A row that passed every check: what the article becomes. */
export interface ImportRow {
  line: number;
  barcode: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

export const MAX_NAME = 80;
/** EAN-8, UPC-A, EAN-13: the codes a shop's goods carry (GTIN-14 marks cartons, not items). */
const ITEM_BARCODE_LENGTHS: readonly number[] = [8, 12, 13];

// "1 234,56", "1234.5", "-0,10": thousands blanks (also non-breaking ones) dropped, then digits
// with at most `decimals` after a comma or point. Text → integer, never through a float.
const blanks = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

/** Money text to integer units of 10^-decimals (decimals 2: minor units). Null when not an amount. */
export function parseDecimal(text: string, decimals: number): number | null {
  const m = /^(\d{1,11})(?:[.,](\d+))?$/.exec(blanks(text));
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) return null;
  return Number(m[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

/** "24", "24%", "24 %", "24,0", "9.5" → basis points (2400, 950); null when not a rate. */
export function parseRateBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2})0*)?%?$/.exec(blanks(text));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10_000 ? bp : null;
}

/** The unit names the export uses in the shop's languages: piece (et tk, en pcs, lt vnt, pl szt) or kilogram. */
const UNITS: Readonly<Record<string, Unit>> = { tk: 'pcs', pcs: 'pcs', vnt: 'pcs', szt: 'pcs', kg: 'kg' };
export function parseUnit(text: string): Unit | null {
  return UNITS[text.trim().toLowerCase().replace(/\.$/, '')] ?? null;
}

/**
 * The price with VAT the net price and rate give, in minor units, half-up. The net price may have
 * four decimals (accounting programs keep them), so it comes in ten-thousandths.
 */
export function grossFromNet(net4: number, rateBp: number): number {
  return new D(net4).times(10_000 + rateBp).dividedBy(10_000 * 100).toDecimalPlaces(0).toNumber();
}

/** A price incl. VAT agrees with its net price and rate when it is within one cent of net × (1 + rate). */
export const pricesAgree = (grossMinor: number, net4: number, rateBp: number): boolean => Math.abs(grossMinor - grossFromNet(net4, rateBp)) <= 1;

/**
 * One row of the file, checked. `seen` holds the barcodes of the rows taken so far (barcode →
 * line): the first row with a barcode wins and later ones are refused, naming it. Every problem
 * of the row is reported, so the file can be fixed in one go.
 */
export function checkRow(
  line: number,
  values: readonly string[],
  index: Record<ImportColumn, number>,
  shopRatesBp: ReadonlySet<number>,
  seen: ReadonlyMap<string, number>,
): { row: ImportRow } | { rejections: Rejection[] } {
  const width = Math.max(...Object.values(index)) + 1;
  if (values.length < width) return { rejections: [{ line, code: 'columns', details: { expected: width, found: values.length } }] };
  const field = (c: ImportColumn) => (values[index[c]] ?? '').trim();
  const problems: Rejection[] = [];
  const reject = (code: RejectCode, details: Record<string, string | number> = {}) => void problems.push({ line, code, details });

  const name = field('name');
  if (name === '') reject('name_missing');
  else if ([...name].length > MAX_NAME) reject('name_too_long', { max: MAX_NAME, length: [...name].length });

  const barcode = blanks(field('barcode'));
  if (barcode === '') reject('barcode_missing');
  else if (!/^\d+$/.test(barcode)) reject('barcode_not_digits', { barcode });
  else if (!ITEM_BARCODE_LENGTHS.includes(barcode.length)) reject('barcode_length', { barcode });
  else if (!isValidGtin(barcode)) reject('barcode_check_digit', { barcode });
  else if (seen.has(barcode)) reject('barcode_duplicate', { barcode, firstLine: seen.get(barcode) ?? 0 });

  const rateText = field('vatRate');
  const rateBp = rateText === '' ? null : parseRateBp(rateText);
  if (rateText === '') reject('vat_missing');
  else if (rateBp === null) reject('vat_format', { value: rateText });
  else if (!shopRatesBp.has(rateBp)) reject('vat_unknown', { value: rateText });

  const grossText = field('priceWithVat');
  const netText = field('priceWithoutVat');
  const gross = parseDecimal(grossText, 2);
  const net4 = parseDecimal(netText, 4);
  if (grossText === '' || netText === '') reject('price_missing', { column: grossText === '' ? 'priceWithVat' : 'priceWithoutVat' });
  else if (gross === null || net4 === null) reject('price_format', { value: gross === null ? grossText : netText });
  else if (rateBp !== null && shopRatesBp.has(rateBp) && !pricesAgree(gross, net4, rateBp)) {
    reject('price_vat_mismatch', { priceWithoutVat: netText, priceWithVat: grossText, vatRate: rateText });
  }

  const unitText = field('measurementUnitName');
  const unit = parseUnit(unitText);
  if (unit === null) reject('unit_unknown', { value: unitText });

  if (problems.length > 0 || unit === null || gross === null || rateBp === null) return { rejections: problems };
  return { row: { line, barcode, name, unit, priceMinor: gross, vatRateBp: rateBp } };
}

/** An article of the till as the import compares it. */
export interface ExistingArticle {
  id: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

export type MatchStatus = 'green' | 'yellow' | 'red';
export type DiffField = 'name' | 'priceMinor' | 'vatRateBp' | 'unit';
export interface FieldDiff {
  field: DiffField;
  old: string | number;
  new: string | number;
}

/** Green: the till has it as the file says; yellow: it has it otherwise (the fields that differ); red: a new article. */
export function matchRow(row: ImportRow, existing: ExistingArticle | null): { status: MatchStatus; diffs: FieldDiff[] } {
  if (!existing) return { status: 'red', diffs: [] };
  const diffs: FieldDiff[] = [];
  for (const field of ['name', 'priceMinor', 'vatRateBp', 'unit'] as const) {
    if (existing[field] !== row[field]) diffs.push({ field, old: existing[field], new: row[field] });
  }
  return { status: diffs.length === 0 ? 'green' : 'yellow', diffs };
}
