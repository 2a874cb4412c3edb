import { describe, expect, it } from 'vitest';
import type { ReceiptRowView, ReceiptView } from '../../../electron/contract/api.js';
import { toPrintableReceipt, type ShopOnPaper } from '../../../electron/usecases/print-document.js';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { PRINTER_PROFILES, codeTableMap } from '../../../native/printer/profiles.js';
import { localeLabels } from './fixtures.js';

const SHOP: ShopOnPaper = {
  shopName: 'Õunapuu Pood OÜ',
  shopAddress: 'Pärnu mnt 12, 10141 Tallinn',
  shopRegNo: '12345678',
  shopVatNo: 'EE100000001',
  tillName: 'Kassa 1',
  receiptHeader: [],
  receiptFooter: [],
  locale: 'et',
  timeZone: 'Europe/Tallinn',
};

const SALESPEOPLE = new Map([['JY', 'Jüri Õun']]);

/** The paper's lines as the Epson WPC1257 printer would print them in Estonian. */
function printedLines(doc: ReturnType<typeof toPrintableReceipt>): string[] {
  const profile = PRINTER_PROFILES['epson-wpc1257']!;
  return decodeEscPos(encodeReceipt(doc, localeLabels('et'), profile), codeTableMap(profile)).documents[0]!.lines;
}

function rowView(overrides: Partial<ReceiptRowView> = {}): ReceiptRowView {
  return {
    id: 'r1',
    lineNo: 1,
    articleId: 'a1',
    code: 'DRILL',
    name: 'Puur',
    unit: 'pcs',
    quantityMilli: 1000,
    unitPriceMinor: 500,
    discountBp: 1000,
    vatRateBp: 2400,
    sumMinor: 450,
    discountMinor: 50,
    serialNo: ' SN-1 ',
    salespersonCode: 'JY',
    imageUrl: null,
    stockMilli: null,
    overStock: false,
    zeroPrice: 'ok',
    credit: null,
    ...overrides,
  };
}

function view(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    id: 'rc1',
    documentType: 'receipt',
    status: 'confirmed',
    number: 'K1-000042',
    seriesCode: 'K1',
    currency: 'EUR',
    createdAt: '2025-07-01T09:00:00Z',
    confirmedAt: '2025-07-01T09:05:00Z',
    savedAt: '2025-07-01T09:04:00Z',
    printedAt: null,
    locked: false,
    customer: { id: 'c1', code: 'K-0042' },
    customerName: 'Tamme Ehitus OÜ',
    address: 'Tamme 5, Tartu',
    vatNo: 'EE100000002',
    email: 'info@tamme.ee',
    priceFormulaCode: null,
    objectCode: null,
    warehouseCode: 'W1',
    creditOf: null,
    credit: null,
    rows: [rowView(), rowView({ id: 'r2', lineNo: 2, name: 'Saag', unitPriceMinor: 773, discountBp: 0, sumMinor: 773, discountMinor: 0, serialNo: '', salespersonCode: null })],
    vat: [{ rateBp: 2400, grossMinor: 1223, netMinor: 986, vatMinor: 237 }],
    totalMinor: 1223,
    roundingMinor: 2,
    payableMinor: 1225,
    paidMinor: 1225,
    dueMinor: 0,
    cashDueMinor: 0,
    moneyMinor: 225,
    changeMinor: 0,
    payments: [
      { id: 'p1', method: 'card', amountMinor: 1000, tenderedMinor: 1000, changeMinor: 0, roundingMinor: 0, reference: 'Auth 123456 **** 4242', payee: null },
      { id: 'p2', method: 'cash', amountMinor: 225, tenderedMinor: 225, changeMinor: 0, roundingMinor: 2, reference: null, payee: null },
    ],
    ...overrides,
  };
}

describe('toPrintableReceipt', () => {
  it("prints the shop as the settings say: name, address and header lines, registration and VAT numbers, the shop's own footer", () => {
    const doc = toPrintableReceipt(view(), { ...SHOP, receiptHeader: [' Avatud E–R 9–18 ', ''], receiptFooter: ['Aitäh!', 'Tagastus 14 päeva'] }, { cashier: '', salespeople: SALESPEOPLE });
    expect(doc).toMatchObject({
      shopName: 'Õunapuu Pood OÜ',
      shopLines: ['Pärnu mnt 12, 10141 Tallinn', 'Avatud E–R 9–18'],
      shopRegNo: '12345678',
      shopVatNo: 'EE100000001',
      footerLines: ['Aitäh!', 'Tagastus 14 päeva'],
      tillName: 'Kassa 1',
      timeZone: 'Europe/Tallinn',
    });
    const lines = printedLines(doc);
    expect(lines.slice(0, 4)).toEqual(['Õunapuu Pood OÜ', 'Pärnu mnt 12, 10141 Tallinn', 'Avatud E–R 9–18', 'Reg. nr 12345678']);
    expect(lines).toContain('KMKR nr EE100000001');
    expect(lines).toContain('Tagastus 14 päeva');
    expect(lines.join('\n')).not.toContain('Täname');
  });

  it('maps a confirmed receipt: customer, rows, rounding, payments, cashier', () => {
    const doc = toPrintableReceipt(view(), SHOP, { cashier: 'Mari Maasikas', salespeople: SALESPEOPLE });
    expect(doc).toMatchObject({
      number: 'K1-000042',
      confirmedAt: '2025-07-01T09:05:00Z',
      customer: { name: 'Tamme Ehitus OÜ', code: 'K-0042', vatNo: 'EE100000002', address: 'Tamme 5, Tartu' },
      totalMinor: 1223,
      roundingMinor: 2,
      payableMinor: 1225,
      cashier: 'Mari Maasikas',
      copy: false,
      proForma: false,
    });
    expect(doc.rows[0]).toEqual({
      name: 'Puur',
      quantityMilli: 1000,
      unit: 'pcs',
      unitPriceMinor: 500,
      sumMinor: 450,
      vatRateBp: 2400,
      discountBp: 1000,
      discountMinor: 50,
      serialNo: 'SN-1',
      salesperson: 'Jüri Õun',
    });
    expect(doc.rows[1]).toMatchObject({ serialNo: '', salesperson: null, discountBp: 0 });
    expect(doc.payments).toEqual([
      { method: 'card', amountMinor: 1000, tenderedMinor: 1000, changeMinor: 0, reference: 'Auth 123456 **** 4242' },
      { method: 'cash', amountMinor: 225, tenderedMinor: 225, changeMinor: 0, reference: null },
    ]);
  });

  it('is plain JSON: a print job round-trips unchanged', () => {
    const doc = toPrintableReceipt(view(), SHOP, { cashier: 'Mari', salespeople: SALESPEOPLE, copy: true });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.copy).toBe(true);
  });

  it('prints a salesperson code nobody is mapped to as the code itself', () => {
    const doc = toPrintableReceipt(view({ rows: [rowView({ salespersonCode: 'ZZ' })] }), SHOP, { cashier: '', salespeople: SALESPEOPLE });
    expect(doc.rows[0]?.salesperson).toBe('ZZ');
  });

  it('leaves the customer out for the anonymous private person, keeps a typed-in name', () => {
    const anonymous = view({ customer: null, customerName: '', address: '', vatNo: '' });
    expect(toPrintableReceipt(anonymous, SHOP, { cashier: '', salespeople: SALESPEOPLE }).customer).toBeNull();
    const typed = view({ customer: null, customerName: 'Jaan Tamm', address: '', vatNo: '' });
    expect(toPrintableReceipt(typed, SHOP, { cashier: '', salespeople: SALESPEOPLE }).customer).toEqual({ name: 'Jaan Tamm', code: '', vatNo: '', address: '' });
  });

  it('refuses to print an unconfirmed receipt as a receipt', () => {
    expect(() => toPrintableReceipt(view({ number: null, confirmedAt: null, status: 'view' }), SHOP, { cashier: '', salespeople: SALESPEOPLE })).toThrow(/confirmed/);
  });

  it('prints an unconfirmed receipt as a pro-forma at the print time, without a number', () => {
    const unconfirmed = view({ number: null, confirmedAt: null, status: 'view' });
    const doc = toPrintableReceipt(unconfirmed, SHOP, { cashier: 'Mari', salespeople: SALESPEOPLE, proForma: true, printedAt: '2025-07-01T10:15:00Z' });
    expect(doc).toMatchObject({ proForma: true, number: null, confirmedAt: '2025-07-01T10:15:00Z' });
    const withStoredTime = toPrintableReceipt({ ...unconfirmed, printedAt: '2025-07-01T10:20:00Z' }, SHOP, { cashier: '', salespeople: SALESPEOPLE, proForma: true });
    expect(withStoredTime.confirmedAt).toBe('2025-07-01T10:20:00Z');
    expect(() => toPrintableReceipt(unconfirmed, SHOP, { cashier: '', salespeople: SALESPEOPLE, proForma: true })).toThrow(/print time/);

    const profile = PRINTER_PROFILES['epson-wpc1257']!;
    const [paper] = decodeEscPos(encodeReceipt(doc, localeLabels('et'), profile), codeTableMap(profile)).documents;
    expect(paper?.lines).toContain('PRO FORMA – ei ole kassatšekk');
    expect(paper?.lines).toContainEqual(expect.stringMatching(/^Aeg +01\.07\.2025 13:15$/));
    expect(paper?.text).not.toMatch(/^Nr /m);
  });

  it('prints the mapped receipt end to end in Estonian', () => {
    const profile = PRINTER_PROFILES['epson-wpc1257']!;
    const doc = toPrintableReceipt(view(), SHOP, { cashier: 'Mari Maasikas', salespeople: SALESPEOPLE });
    const [paper] = decodeEscPos(encodeReceipt(doc, localeLabels('et'), profile), codeTableMap(profile)).documents;
    const lines = paper!.lines;
    expect(lines).toContainEqual(expect.stringMatching(/^Klient +Tamme Ehitus OÜ \(K-0042\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Allahindlus 10 % +-0,50$/));
    expect(lines).toContain('  Seerianr SN-1');
    expect(lines).toContain('  Müüja Jüri Õun');
    expect(lines).toContainEqual(expect.stringMatching(/^KOKKU EUR +12,23$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Ümardus +\+0,02$/));
    expect(lines).toContainEqual(expect.stringMatching(/^TASUDA EUR +12,25$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Kaart +10,00$/));
    expect(lines).toContain('  Auth 123456 **** 4242');
    expect(lines).toContainEqual(expect.stringMatching(/^Sularaha +2,25$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Kassiir +Mari Maasikas$/));
  });
});
