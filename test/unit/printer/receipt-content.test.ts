import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { decodeEscPos, type DecodedDocument } from '../../../native/printer/escpos-decode.js';
import { PRINTER_PROFILES, codeTableMap, type PrinterProfile } from '../../../native/printer/profiles.js';
import type { PrintableReceipt, PrintableRow, ReceiptLabels } from '../../../native/printer/document.js';
import { upgradePaper } from '../../../electron/usecases/printable.js';
import { ET_LABELS, localeLabels, sampleReceipt } from './fixtures.js';

const EPSON = PRINTER_PROFILES['epson-wpc1257']!;
const PC775 = PRINTER_PROFILES['epson-pc775']!;
const EN = localeLabels('en');
const ET = localeLabels('et');

function printed(doc: PrintableReceipt, labels: ReceiptLabels = ET_LABELS, profile: PrinterProfile = EPSON): DecodedDocument {
  const { documents } = decodeEscPos(encodeReceipt(doc, labels, profile), codeTableMap(profile));
  expect(documents).toHaveLength(1);
  return documents[0]!;
}

const row = (overrides: Partial<PrintableRow> = {}): PrintableRow => ({
  name: 'Article',
  quantityMilli: 1000,
  unit: 'pcs',
  unitPriceMinor: 100,
  sumMinor: 100,
  vatRateBp: 2400,
  discountBp: 0,
  discountMinor: 0,
  serialNo: '',
  salesperson: null,
  ...overrides,
});

/** Index of the first line matching `re`; fails the test when there is none. */
function lineIndex(doc: DecodedDocument, re: RegExp): number {
  const at = doc.lines.findIndex((l) => re.test(l));
  expect(at, `no line matches ${re}\n${doc.text}`).toBeGreaterThanOrEqual(0);
  return at;
}

/** 12.23 paid 10.00 by card first, then the cash remainder 2.23 rounded up to 2.25. */
function splitReceipt(): PrintableReceipt {
  return sampleReceipt({
    locale: 'en',
    rows: [row({ name: 'Drill bits', quantityMilli: 1000, unitPriceMinor: 1223, sumMinor: 1223 })],
    vat: [{ rateBp: 2400, netMinor: 986, vatMinor: 237, grossMinor: 1223 }],
    totalMinor: 1223,
    roundingMinor: 2,
    payableMinor: 1225,
    payments: [
      { method: 'card', amountMinor: 1000, tenderedMinor: 1000, changeMinor: 0, reference: 'Auth 654321 **** **** **** 4242' },
      { method: 'cash', amountMinor: 225, tenderedMinor: 225, changeMinor: 0, reference: null },
    ],
    changeMinor: 0,
  });
}

describe('rows with discount, serial number and salesperson', () => {
  const doc = (): PrintableReceipt =>
    sampleReceipt({
      locale: 'en',
      rows: [
        row({ name: 'Cordless drill', unitPriceMinor: 500, sumMinor: 450, discountBp: 1000, discountMinor: 50, serialNo: 'SN-778899', salesperson: 'Jüri Õun' }),
        row({ name: 'Saw', unitPriceMinor: 773, sumMinor: 773 }),
      ],
      vat: [{ rateBp: 2400, netMinor: 986, vatMinor: 237, grossMinor: 1223 }],
      totalMinor: 1223,
      payments: [{ method: 'card', amountMinor: 1223, tenderedMinor: 1223, changeMinor: 0, reference: null }],
      changeMinor: 0,
    });

  it('prints quantity × price = list sum, then the discount with its rate and amount', () => {
    const paper = printed(doc(), EN);
    const name = paper.lines.indexOf('Cordless drill');
    expect(name).toBeGreaterThan(0);
    expect(paper.lines[name + 1]).toMatch(/^ {2}1 pcs x 5\.00 +5\.00$/);
    expect(paper.lines[name + 2]).toMatch(/^ {2}Discount 10 % +-0\.50$/);
    expect(paper.lines[name + 3]).toBe('  S/N SN-778899');
    expect(paper.lines[name + 4]).toBe('  Salesperson Jüri Õun');
    expect(paper.lines[name + 5]).toBe('Saw');
    // The right column adds up to the total: 5.00 − 0.50 + 7.73 = 12.23.
    expect(paper.lines).toContainEqual(expect.stringMatching(/^TOTAL EUR +12\.23$/));
  });

  it('prints no discount, serial or salesperson line for a plain row', () => {
    const paper = printed(doc(), EN);
    const saw = paper.lines.indexOf('Saw');
    expect(paper.lines[saw + 1]).toMatch(/^ {2}1 pcs x 7\.73 +7\.73$/);
    expect(paper.lines[saw + 2]).toMatch(/^-+$/);
    expect(paper.lines.filter((l) => l.includes('Discount'))).toHaveLength(1);
  });

  it('prints a fractional discount rate and Estonian words with their diacritics', () => {
    const paper = printed(
      sampleReceipt({ rows: [row({ name: 'Õun', unitPriceMinor: 1000, sumMinor: 875, discountBp: 1250, discountMinor: 125, serialNo: 'A1', salesperson: 'Mari' })] }),
      ET,
    );
    expect(paper.lines).toContainEqual(expect.stringMatching(/^ {2}1 tk x 10,00 +10,00$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^ {2}Allahindlus 12,5 % +-1,25$/));
    expect(paper.lines).toContain('  Seerianr A1');
    expect(paper.lines).toContain('  Müüja Mari');
  });
});

describe('5-cent cash rounding on paper', () => {
  it('split card + cash: TOTAL is the turnover, then rounding, TO PAY, card with reference, cash', () => {
    const paper = printed(splitReceipt(), EN);
    const total = lineIndex(paper, /^TOTAL EUR +12\.23$/);
    const rounding = lineIndex(paper, /^Rounding +\+0\.02$/);
    const toPay = lineIndex(paper, /^TO PAY EUR +12\.25$/);
    const card = lineIndex(paper, /^Card +10\.00$/);
    const cash = lineIndex(paper, /^Cash +2\.25$/);
    expect([total, rounding, toPay, card, cash]).toEqual([total, total + 1, total + 2, total + 3, total + 5]);
    expect(paper.lines[card + 1]).toBe('  Auth 654321 **** **** **** 4242');
    expect(paper.styles[toPay]).toMatchObject({ bold: true, heightTimes: 2 });
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Change +0\.00$/));
  });

  it('all cash 12.22: rounding -0.02 and to pay 12.20, change from what was handed over', () => {
    const paper = printed(
      sampleReceipt({
        locale: 'en',
        rows: [row({ name: 'Bread', unitPriceMinor: 1222, sumMinor: 1222 })],
        vat: [{ rateBp: 2400, netMinor: 985, vatMinor: 237, grossMinor: 1222 }],
        totalMinor: 1222,
        roundingMinor: -2,
        payableMinor: 1220,
        payments: [{ method: 'cash', amountMinor: 1220, tenderedMinor: 2000, changeMinor: 780, reference: null }],
        changeMinor: 780,
      }),
      EN,
    );
    const total = lineIndex(paper, /^TOTAL EUR +12\.22$/);
    expect(paper.lines[total + 1]).toMatch(/^Rounding +-0\.02$/);
    expect(paper.lines[total + 2]).toMatch(/^TO PAY EUR +12\.20$/);
    expect(paper.lines[total + 3]).toMatch(/^Cash +20\.00$/);
    expect(paper.lines[total + 4]).toMatch(/^Change +7\.80$/);
  });

  it('prints no rounding and no TO PAY line when nothing was rounded', () => {
    const paper = printed(sampleReceipt(), ET);
    expect(paper.text).not.toContain('Ümardus');
    expect(paper.text).not.toContain('TASUDA');
  });

  it('labels transfer and prepayment payments', () => {
    const paper = printed(
      sampleReceipt({
        payments: [
          { method: 'prepayment', amountMinor: 500, tenderedMinor: 500, changeMinor: 0, reference: null },
          { method: 'transfer', amountMinor: 750, tenderedMinor: 750, changeMinor: 0, reference: 'EE38 2200 2210 2014 5685' },
        ],
        changeMinor: 0,
      }),
      ET,
    );
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Ettemaks +5,00$/));
    const transfer = lineIndex(paper, /^Ülekanne +7,50$/);
    expect(paper.lines[transfer + 1]).toBe('  EE38 2200 2210 2014 5685');
    expect(paper.text).not.toContain('Tagasi');
  });
});

describe('header, customer and footer', () => {
  it('prints the customer block after the header, before the rows', () => {
    const paper = printed(
      sampleReceipt({ customer: { name: 'Tamme Ehitus OÜ', code: 'K-0042', vatNo: 'EE100000002', address: 'Tamme 5, 50001 Tartu' } }),
      ET,
    );
    const customer = lineIndex(paper, /^Klient +Tamme Ehitus OÜ \(K-0042\)$/);
    expect(paper.lines[customer + 1]).toMatch(/^KMKR nr +EE100000002$/);
    expect(paper.lines[customer + 2]).toBe('Tamme 5, 50001 Tartu');
    expect(customer).toBeGreaterThan(lineIndex(paper, /^Kassa +Kassa 1$/));
    expect(customer).toBeLessThan(paper.lines.indexOf('Õunamahl 1 l'));
  });

  it('prints only what the customer has, and nothing for the anonymous person', () => {
    const named = printed(sampleReceipt({ customer: { name: 'Jaan Tamm', code: '', vatNo: '', address: '' } }), ET);
    expect(named.lines).toContainEqual(expect.stringMatching(/^Klient +Jaan Tamm$/));
    expect(named.text).not.toContain('KMKR nr');
    expect(printed(sampleReceipt(), ET).text).not.toContain('Klient');
  });

  it('ends with cashier, number and time, in that order', () => {
    const paper = printed(sampleReceipt(), ET);
    const cashier = lineIndex(paper, /^Kassiir +Mari Maasikas$/);
    expect(paper.lines[cashier + 1]).toMatch(/^Nr +K1-000042$/);
    expect(paper.lines[cashier + 2]).toMatch(/^Aeg +01\.07\.2025 12:05$/);
    expect(cashier).toBeGreaterThan(lineIndex(paper, /^Tagasi +7,50$/));
    expect(paper.lines.indexOf('Kassatšekk')).toBeLessThan(cashier);
  });

  it.each(Object.keys(PRINTER_PROFILES))('keeps long customer data, serials and references inside the paper (%s)', (id) => {
    const profile = PRINTER_PROFILES[id]!;
    const paper = printed(
      sampleReceipt({
        customer: { name: 'Väga-väga pika nimega kaubandusettevõte Õunapuu ja Pojad OÜ', code: 'KLIENT-000000042', vatNo: 'EE100000002', address: 'Pika tänava ja Lühikese tänava nurk 123-45, 10111 Tallinn, Harjumaa' },
        rows: [row({ name: 'X', serialNo: 'SERIAL-0123456789-0123456789-0123456789-0123456789', salesperson: 'Anna-Liisa Kõrvemaa-Põldsaar' })],
        roundingMinor: -2,
        payments: [{ method: 'card', amountMinor: 98, tenderedMinor: 98, changeMinor: 0, reference: 'Approval 123456789 Card **** **** **** 4242 Visa Contactless' }],
        cashier: 'Anna-Liisa Kõrvemaa-Põldsaar von Ungern-Sternberg',
        proForma: true,
        copy: true,
      }),
      ET,
      profile,
    );
    paper.lines.forEach((line, i) => {
      expect([...line].length * (paper.styles[i]?.widthTimes ?? 1), line).toBeLessThanOrEqual(profile.columns);
    });
    expect(paper.text.replace(/\s+/g, '')).toContain('SERIAL-0123456789-0123456789-0123456789-0123456789');
  });
});

describe('pro-forma', () => {
  const proForma = (): PrintableReceipt => sampleReceipt({ proForma: true, number: null, confirmedAt: '2025-07-01T10:15:00Z' });

  it('says at top and bottom that it is not a receipt, without the receipt title or a number', () => {
    const paper = printed(proForma(), ET);
    const banners = paper.lines.flatMap((l, i) => (l === 'PRO FORMA – ei ole kassatšekk' ? [i] : []));
    expect(banners).toHaveLength(2);
    expect(paper.styles[banners[0]!]).toMatchObject({ bold: true, heightTimes: 2, align: 'center' });
    expect(banners[0]).toBeLessThan(paper.lines.indexOf('Õunamahl 1 l'));
    expect(banners[1]).toBeGreaterThan(lineIndex(paper, /^KOKKU/));
    expect(paper.lines).not.toContain('Kassatšekk');
    expect(paper.text).not.toMatch(/^Nr /m);
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Aeg +01\.07\.2025 13:15$/));
  });

  it('prints the number when the receipt already has one, and an ordinary receipt has no banner', () => {
    expect(printed(sampleReceipt({ proForma: true }), ET).lines).toContainEqual(expect.stringMatching(/^Nr +K1-000042$/));
    expect(printed(sampleReceipt(), ET).text).not.toContain('PRO FORMA');
  });

  it('prints the en dash as - on a printer whose code page lacks it', () => {
    const paper = printed(proForma(), ET, PC775);
    expect(paper.lines).toContain('PRO FORMA - ei ole kassatšekk');
  });
});

describe('Estonian labels from the locale file', () => {
  it('has every receipt label in both languages', () => {
    const keys = Object.keys(ET_LABELS).sort();
    expect(Object.keys(ET).sort()).toEqual(keys);
    expect(Object.keys(EN).sort()).toEqual(keys);
  });

  it.each(['epson-wpc1257', 'epson-pc775', 'bixolon-wpc1257', 'xprinter-wpc1257'])('prints Ü, õ, š exactly on %s', (id) => {
    const profile = PRINTER_PROFILES[id]!;
    const paper = printed({ ...splitReceipt(), locale: 'et', payments: [{ method: 'transfer', amountMinor: 1225, tenderedMinor: 1225, changeMinor: 0, reference: null }] }, ET, profile);
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Ümardus +\+0,02$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^TASUDA EUR +12,25$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Ülekanne +12,25$/));
    expect(paper.lines[0]).toBe('Õunapuu Pood OÜ');
    expect(paper.text).not.toContain('?');
  });

  it('prints a newer label in English when a locale does not have it yet', () => {
    const { rounding: _rounding, toPay: _toPay, ...older } = ET_LABELS;
    const paper = printed({ ...splitReceipt(), locale: 'et' }, older as ReceiptLabels);
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Rounding +\+0,02$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^TO PAY EUR +12,25$/));
  });
});

describe('papers written by the first versions, brought to today\'s shape when read', () => {
  /** Exactly what the first versions stored as a receipt's paper. */
  const OLD_JOB = JSON.stringify({
    shopName: 'Õunapuu Pood OÜ',
    shopLines: ['Pärnu mnt 12, 10141 Tallinn'],
    tillName: 'Kassa 1',
    number: 'K1-000041',
    confirmedAt: '2025-06-30T15:00:00Z',
    timeZone: 'Europe/Tallinn',
    currency: 'EUR',
    locale: 'et',
    rows: [{ name: 'Õunamahl 1 l', quantityMilli: 2000, unit: 'pcs', unitPriceMinor: 199, sumMinor: 398, vatRateBp: 2200 }],
    vat: [{ rateBp: 2200, netMinor: 326, vatMinor: 72, grossMinor: 398 }],
    totalMinor: 398,
    payments: [
      { method: 'card', amountMinor: 198, tenderedMinor: 198, changeMinor: 0 },
      { method: 'cash', amountMinor: 200, tenderedMinor: 500, changeMinor: 300 },
    ],
    changeMinor: 300,
    copy: false,
  });

  it('still prints, as it did then, with none of the new lines', () => {
    const paper = printed(upgradePaper(JSON.parse(OLD_JOB)), ET);
    expect(paper.cut).toBe(true);
    expect(paper.lines).toContain('Õunamahl 1 l');
    expect(paper.lines).toContainEqual(expect.stringMatching(/^ {2}2 tk x 1,99 +3,98$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^KOKKU EUR +3,98$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Kaart +1,98$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Sularaha +5,00$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Tagasi +3,00$/));
    expect(paper.lines).toContainEqual(expect.stringMatching(/^Nr +K1-000041$/));
    for (const word of ['Allahindlus', 'Ümardus', 'TASUDA', 'Klient', 'Kassiir', 'Seerianr', 'Müüja', 'PRO FORMA']) expect(paper.text).not.toContain(word);
  });

  it('is upgraded with neutral values only: no discount, no rounding, payable = total, no cashier', () => {
    const job = JSON.parse(OLD_JOB) as PrintableReceipt;
    const byHand: PrintableReceipt = {
      ...job,
      customer: null,
      rows: job.rows.map((r) => ({ ...r, discountBp: 0, discountMinor: 0, serialNo: '', salesperson: null })),
      roundingMinor: 0,
      payableMinor: 398,
      payments: job.payments.map((p) => ({ ...p, reference: null })),
      cashier: '',
      proForma: false,
    };
    expect(upgradePaper(JSON.parse(OLD_JOB))).toEqual(byHand);
    expect(encodeReceipt(upgradePaper(JSON.parse(OLD_JOB)), ET, EPSON)).toEqual(encodeReceipt(byHand, ET, EPSON));
  });
});
