import { describe, expect, it } from 'vitest';
import { closeCash, countedTotal, dayReport, DENOMINATIONS, differenceNeedsReason, expectedInRegister } from '../../../electron/domain/day-close.js';
import { tendersOf } from '../../../electron/domain/document.js';
import { takeCash, takeNonCash } from '../../../electron/domain/payment.js';
import { refundCash } from '../../../electron/domain/returns.js';

const EUR = DENOMINATIONS.EUR ?? [];

describe('counting the drawer by denominations', () => {
  it.each([
    ['two 20s, a 5 and three 2-cent coins', [{ valueMinor: 2000, count: 2 }, { valueMinor: 500, count: 1 }, { valueMinor: 2, count: 3 }], { ok: true, totalMinor: 4506 }],
    ['nothing counted', [], { ok: true, totalMinor: 0 }],
    ['a count of zero', [{ valueMinor: 100, count: 0 }], { ok: true, totalMinor: 0 }],
    ['a negative count', [{ valueMinor: 100, count: -1 }], { ok: false, reason: 'negative', valueMinor: 100 }],
    ['a note that does not exist', [{ valueMinor: 300, count: 1 }], { ok: false, reason: 'unknown_denomination', valueMinor: 300 }],
    ['half a coin', [{ valueMinor: 100, count: 0.5 }], { ok: false, reason: 'not_whole', valueMinor: 100 }],
  ])('%s', (_, counts, expected) => {
    expect(countedTotal(EUR, counts)).toEqual(expected);
  });

  it('every currency the till sells in has its notes and coins, highest first', () => {
    for (const currency of ['EUR', 'PLN', 'UAH', 'KZT']) {
      const list = DENOMINATIONS[currency] ?? [];
      expect(list.length, currency).toBeGreaterThan(5);
      expect([...list].sort((a, b) => b - a), currency).toEqual(list);
    }
  });
});

describe('what the drawer should hold: float + cash taken − cash paid out + cash in − cash out', () => {
  // A day: float 100.00; a sale of 12.23 paid with 20.00 in cash (12.25 taken, 7.75 change); a split
  // sale of 30.00, card 20.00 and cash 10.00; a sale paid by transfer; a cash refund of 12.23 (12.25 out).
  const sale = takeCash(1223, 2000, '0.05');
  const splitCard = takeNonCash('card', 3000, 2000);
  const splitCash = takeCash(1000, 1000, '0.05');
  const transfer = takeNonCash('transfer', 5000, 5000);
  const refund = refundCash(-1223, 1225, '0.05');
  const payments = [sale, splitCard, splitCash, transfer, refund].map((o) => {
    if (!o.ok) throw new Error('payment refused');
    return o.payment;
  });
  const cashTendersMinor = tendersOf(payments).find((t) => t.method === 'cash')?.amountMinor ?? 0;

  it.each([
    ['change handed back is never cash received; card and transfer never enter the drawer; the refund and its rounding come off', 0, 0, 10_000 + 1225 + 1000 - 1225],
    ['cash put in and taken out during the day', 5000, 2000, 10_000 + 1000 + 5000 - 2000],
  ])('%s', (_, cashInMinor, cashOutMinor, expected) => {
    expect(cashTendersMinor).toBe(1000);
    expect(expectedInRegister({ openingFloatMinor: 10_000, cashTendersMinor, cashInMinor, cashOutMinor })).toBe(expected);
  });
});

describe('the close: difference, cash out and tomorrow’s float', () => {
  it.each([
    ['counted as expected, 100.00 to the bank, the rest stays', 25_000, 25_000, [{ direction: 'bank', amountMinor: 10_000 }], { differenceMinor: 0, cashOutMinor: 10_000, remainsMinor: 15_000 }],
    ['2.50 short', 25_000, 24_750, [], { differenceMinor: -250, cashOutMinor: 0, remainsMinor: 24_750 }],
    ['0.40 over, all out', 25_000, 25_040, [{ direction: 'bank', amountMinor: 20_000 }, { direction: 'safe', amountMinor: 5_040 }], { differenceMinor: 40, cashOutMinor: 25_040, remainsMinor: 0 }],
  ])('%s', (_, expectedMinor, countedMinor, cashOut, cash) => {
    expect(closeCash({ expectedMinor, countedMinor, cashOut })).toEqual({ ok: true, cash });
  });

  it.each([
    ['more out than counted', 1000, [{ direction: 'bank', amountMinor: 1001 }], 'cash_out_above_register'],
    ['a negative count', -1, [], 'negative'],
    ['a negative cash out', 1000, [{ direction: 'bank', amountMinor: -5 }], 'negative'],
  ])('refused: %s', (_, countedMinor, cashOut, reason) => {
    expect(closeCash({ expectedMinor: 1000, countedMinor, cashOut })).toEqual({ ok: false, reason });
  });

  it('a difference needs a reason above the tolerance', () => {
    expect([differenceNeedsReason(0, 0), differenceNeedsReason(-1, 0), differenceNeedsReason(200, 200), differenceNeedsReason(-201, 200)]).toEqual([false, true, false, true]);
  });
});

describe('the X and Z report from the day’s frozen facts', () => {
  it('sales, returns (credit notes with their rounding) and net; VAT highest rate first; movements by kind', () => {
    const report = dayReport({
      documents: [
        { type: 'receipt', count: 3, first: 'K000001', last: 'K000003', totalMinor: 5223, roundingMinor: 2 },
        { type: 'credit_note', count: 1, first: 'KR000001', last: 'KR000001', totalMinor: -1223, roundingMinor: -2 },
      ],
      vat: [
        { rateBp: 900, netMinor: 1826, vatMinor: 164, grossMinor: 1990 },
        { rateBp: 2400, netMinor: 1625, vatMinor: 385, grossMinor: 2010 },
      ],
      tenders: [{ method: 'cash', amountMinor: 1000 }],
      discountMinor: 50,
      movements: [
        { kind: 'cash_in', amountMinor: 5000 },
        { kind: 'cash_out', amountMinor: 2000 },
        { kind: 'difference', amountMinor: -250 },
      ],
      drawerOpenings: 1,
      cashiers: [{ name: 'Mari Maasikas', count: 4, totalMinor: 4000 }],
    });
    expect(report).toMatchObject({
      salesMinor: 5223,
      returnsMinor: -1223,
      netMinor: 4000,
      roundingMinor: 0,
      receipts: { count: 3, first: 'K000001', last: 'K000003' },
      creditNotes: { count: 1, first: 'KR000001', last: 'KR000001' },
      cashInMinor: 5000,
      cashOutMinor: 2000,
      differenceMinor: -250,
      cashiers: [{ name: 'Mari Maasikas', count: 4, totalMinor: 4000 }],
    });
    expect(report.vat.map((v) => v.rateBp)).toEqual([2400, 900]);
  });
});
