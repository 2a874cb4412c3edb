import { describe, expect, it } from 'vitest';
import { concatChunks } from '../../../native/printer/chunks.js';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { codeTableMap, PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import { planCashMovement } from '../../../native/printer/movement.js';
import { planDayReport, type PrintableDayReport } from '../../../native/printer/report.js';
import { localeLabels } from './fixtures.js';

const profile = PRINTER_PROFILES['epson-wpc1257']!;

const Z: PrintableDayReport = {
  kind: 'z',
  zNumber: 7,
  shopName: 'Õunapuu Pood OÜ',
  tillName: 'Kassa 1',
  openedAt: '2026-12-03T06:00:00.000Z',
  at: '2026-12-03T18:30:00.000Z',
  timeZone: 'Europe/Tallinn',
  locale: 'et',
  currency: 'EUR',
  copy: false,
  salesMinor: 3223,
  returnsMinor: -1223,
  netMinor: 2000,
  roundingMinor: 0,
  receipts: { count: 2, first: 'K000001', last: 'K000002' },
  creditNotes: { count: 1, first: 'KR000001', last: 'KR000001' },
  vat: [{ rateBp: 2400, netMinor: 1613, vatMinor: 387, grossMinor: 2000 }],
  tenders: [{ method: 'cash', amountMinor: 0 }, { method: 'card', amountMinor: 2000 }],
  discountMinor: 0,
  cashInMinor: 0,
  cashOutMinor: 3000,
  drawerOpenings: 1,
  cash: { floatMinor: 5000, expectedMinor: 4000, countedMinor: 3980, differenceMinor: -20, remainsMinor: 1980, reason: 'mündid kukkusid' },
};

const printed = (doc: PrintableDayReport) => {
  const labels = localeLabels('et');
  return decodeEscPos(concatChunks(planDayReport(doc, labels.report ?? {}, profile)), codeTableMap(profile)).documents[0]!.lines;
};

describe('the Z report on paper, in the shop’s language', () => {
  it('its number, the sales, returns and net, the VAT table, the payments and the cash count', () => {
    const lines = printed(Z);
    expect(lines[0]).toBe('Z-ARUANNE 7');
    expect(lines).toContainEqual(expect.stringMatching(/^Müük EUR +32,23$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Tagastused +-12,23$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Neto +20,00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^24% +16,13 3,87 20,00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Kaart +20,00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Kreeditarveid +1 \(KR000001–KR000001\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Vahe +-0,20$/));
    expect(lines).toContainEqual('Põhjus: mündid kukkusid');
    expect(lines).toContainEqual(expect.stringMatching(/^Jääb kassasse +19,80$/));
  });

  it('an X report has no number and no count; a reprint says COPY', () => {
    const lines = printed({ ...Z, kind: 'x', zNumber: null, cash: null, copy: true });
    expect(lines[0]).toBe('X-ARUANNE');
    expect(lines).toContain('KOOPIA');
    expect(lines.some((l) => l.startsWith('Loendatud'))).toBe(false);
  });
});

describe('the close beyond the cash, on paper', () => {
  it('the totals per cashier and the stock count, an uncounted article marked', () => {
    const lines = printed({
      ...Z,
      cashiers: [{ name: 'Mari Maasikas', count: 3, totalMinor: 2000 }],
      inventory: [
        { code: '1205', name: 'Šokolaad', unit: 'pcs', expectedMilli: 12_000, countedMilli: 11_000, counted: true, differenceMilli: -1_000 },
        { code: '1601', name: 'Raamat', unit: 'pcs', expectedMilli: 2_000, countedMilli: 0, counted: false, differenceMilli: -2_000 },
      ],
    });
    expect(lines).toContainEqual(expect.stringMatching(/^Mari Maasikas \(3\) +20,00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Inventuur +Oodatav \/ loendatud \/ vahe$/));
    expect(lines).toContainEqual(expect.stringMatching(/^1205 Šokolaad +12 11 -1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^1601 Raamat \(loendamata\) +2 0 -2$/));
  });

  it('cash taken out during the day: its paper says what, how much, why and who, with a line to sign', () => {
    const labels = localeLabels('et');
    const chunks = planCashMovement(
      { kind: 'cash_out', amountMinor: 4000, reason: 'Inkassaator', shopName: 'Õunapuu Pood OÜ', tillName: 'Kassa 1', cashier: 'Mari Maasikas', at: '2026-12-03T14:00:00.000Z', timeZone: 'Europe/Tallinn', locale: 'et', currency: 'EUR' },
      labels.movement ?? {},
      profile,
    );
    const lines = decodeEscPos(concatChunks(chunks), codeTableMap(profile)).documents[0]!.lines;
    expect(lines[0]).toBe('VÄLJAMAKSE');
    expect(lines).toContainEqual(expect.stringMatching(/^Summa EUR +40,00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Kassiir +Mari Maasikas$/));
    expect(lines).toContain('Põhjus: Inkassaator');
    expect(lines).toContainEqual(expect.stringMatching(/^Allkiri: _+$/));
  });
});
