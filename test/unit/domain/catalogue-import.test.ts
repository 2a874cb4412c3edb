import { describe, expect, it } from 'vitest';
import {
  checkRow,
  grossFromNet,
  headerIndex,
  IMPORT_COLUMNS,
  matchRow,
  parseDecimal,
  parseRateBp,
  parseUnit,
  type ImportRow,
} from '../../../electron/domain/catalogue-import.js';

const RATES = new Set([0, 900, 2200, 2400]);
const header = headerIndex([...IMPORT_COLUMNS]);
if (!('index' in header)) throw new Error('the B1 header must be accepted');
const { index } = header;

/** A row in B1 column order; fields given override a valid 24 % article. */
const values = (over: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}) => {
  const row = {
    name: 'Piim 2,5%',
    attributeName: '',
    groupName: 'Piimatooted',
    measurementUnitName: 'tk',
    priceWithoutVat: '1,2016',
    priceWithVat: '1,49',
    vatRate: '24',
    barcode: '4740010012018',
    ...over,
  };
  return IMPORT_COLUMNS.map((c) => row[c]);
};
const codes = (result: ReturnType<typeof checkRow>) => ('rejections' in result ? result.rejections.map((r) => r.code) : []);

describe('catalogue import: parsing the fields', () => {
  it.each([
    ['1,99', 2, 199],
    ['1.99', 2, 199],
    ['1 234,5', 2, 123_450],
    ['0', 2, 0],
    ['1,2016', 4, 12_016],
    ['1,999', 2, null],
    ['abc', 2, null],
    ['-1,00', 2, null],
    ['', 2, null],
  ])('parseDecimal(%j, %i) = %j', (text, decimals, expected) => {
    expect(parseDecimal(text, decimals)).toBe(expected);
  });

  it.each([
    ['24', 2400],
    ['24%', 2400],
    ['24 %', 2400],
    ['24,0', 2400],
    ['24.00', 2400],
    ['9,5', 950],
    ['0', 0],
    ['x', null],
    ['101', null],
  ])('parseRateBp(%j) = %j', (text, expected) => {
    expect(parseRateBp(text)).toBe(expected);
  });

  it.each([
    ['tk', 'pcs'],
    ['PCS', 'pcs'],
    ['vnt.', 'pcs'],
    ['szt', 'pcs'],
    ['kg', 'kg'],
    ['l', null],
    ['', null],
  ])('parseUnit(%j) = %j', (text, expected) => {
    expect(parseUnit(text)).toBe(expected);
  });

  it('works out the price with VAT half-up from a net price with four decimals', () => {
    expect(grossFromNet(12_016, 2400)).toBe(149); // 1.2016 × 1.24 = 1.489984
    expect(grossFromNet(10_000, 2400)).toBe(124);
    expect(grossFromNet(4_0323, 2400)).toBe(500); // 4.0323 × 1.24 = 5.000052
  });

  it('names the columns a header lacks, whatever their case', () => {
    expect(headerIndex(['NAME', ' barcode ', 'vatRate'])).toEqual({
      missing: ['attributeName', 'groupName', 'measurementUnitName', 'priceWithoutVat', 'priceWithVat'],
    });
  });
});

describe('catalogue import: one row', () => {
  it('takes a valid row as integer minor units and basis points', () => {
    expect(checkRow(2, values(), index, RATES, new Map())).toEqual({
      row: { line: 2, barcode: '4740010012018', name: 'Piim 2,5%', unit: 'pcs', priceMinor: 149, vatRateBp: 2400 },
    });
  });

  it.each([
    ['no name', { name: ' ' }, ['name_missing']],
    ['a name over 80 characters', { name: 'õ'.repeat(81) }, ['name_too_long']],
    ['a name of exactly 80 Baltic letters', { name: 'ž'.repeat(80) }, []],
    ['no barcode', { barcode: '' }, ['barcode_missing']],
    ['letters in the barcode', { barcode: '47400A0012018' }, ['barcode_not_digits']],
    ['a barcode of 10 digits', { barcode: '4740010012' }, ['barcode_length']],
    ['a wrong check digit', { barcode: '4740010012019' }, ['barcode_check_digit']],
    ['an EAN-8', { barcode: '96385074' }, []],
    ['a UPC-A', { barcode: '036000291452' }, []],
    ['no VAT rate', { vatRate: '' }, ['vat_missing']],
    ['a VAT rate that is no number', { vatRate: 'high' }, ['vat_format']],
    ['a VAT rate the shop does not have', { vatRate: '21' }, ['vat_unknown']],
    ['a price off its rate by more than a cent', { priceWithVat: '1,51' }, ['price_vat_mismatch']],
    ['a price off its rate by one cent', { priceWithVat: '1,50' }, []],
    ['no price with VAT', { priceWithVat: '' }, ['price_missing']],
    ['a price with three decimals', { priceWithVat: '1,499' }, ['price_format']],
    ['a unit the till does not sell in', { measurementUnitName: 'l' }, ['unit_unknown']],
    ['several problems at once', { name: '', barcode: '1', measurementUnitName: 'box' }, ['name_missing', 'barcode_length', 'unit_unknown']],
  ])('%s', (_, over, expected) => {
    expect(codes(checkRow(7, values(over), index, RATES, new Map()))).toEqual(expected);
  });

  it('refuses a barcode an earlier row of the file has, naming that line', () => {
    const result = checkRow(9, values(), index, RATES, new Map([['4740010012018', 3]]));
    expect(result).toEqual({ rejections: [{ line: 9, code: 'barcode_duplicate', details: { barcode: '4740010012018', firstLine: 3 } }] });
  });

  it('refuses a short row as a whole', () => {
    expect(codes(checkRow(4, ['Piim', '', ''], index, RATES, new Map()))).toEqual(['columns']);
  });
});

describe('catalogue import: matching by barcode', () => {
  const row: ImportRow = { line: 2, barcode: '4740010012018', name: 'Piim', unit: 'pcs', priceMinor: 149, vatRateBp: 2400 };
  const same = { id: 'a1', name: 'Piim', unit: 'pcs' as const, priceMinor: 149, vatRateBp: 2400 };

  it.each([
    ['a new article is red', null, 'red', []],
    ['an equal article is green', same, 'green', []],
    ['another price is yellow', { ...same, priceMinor: 139 }, 'yellow', [{ field: 'priceMinor', old: 139, new: 149 }]],
    [
      'every differing field is listed',
      { ...same, name: 'Piim 1l', unit: 'kg' as const, vatRateBp: 900 },
      'yellow',
      [
        { field: 'name', old: 'Piim 1l', new: 'Piim' },
        { field: 'vatRateBp', old: 900, new: 2400 },
        { field: 'unit', old: 'kg', new: 'pcs' },
      ],
    ],
  ])('%s', (_, existing, status, diffs) => {
    expect(matchRow(row, existing)).toEqual({ status, diffs });
  });
});
