import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, freezeFacts, quantityAllowed, settledPayments, tendersOf } from '../../../electron/domain/document.js';
import { computeTotals } from '../../../electron/domain/totals.js';
import { takeCash, type Payment } from '../../../electron/domain/payment.js';

const row = (quantityMilli: number, unitPriceMinor: number, vatRateBp = 2200, discountBp = 0) => ({ quantityMilli, unitPriceMinor, vatRateBp, discountBp });
const cash = (amountMinor: number, tenderedMinor: number, roundingMinor = 0): Payment => ({
  method: 'cash',
  amountMinor,
  tenderedMinor,
  changeMinor: tenderedMinor - amountMinor,
  roundingMinor,
});
const card = (amountMinor: number): Payment => ({ method: 'card', amountMinor, tenderedMinor: amountMinor, changeMinor: 0, roundingMinor: 0 });

describe('which quantities a document takes', () => {
  it.each([
    ['receipt', 1000, true],
    ['receipt', 1, true],
    ['receipt', -1000, false],
    ['receipt', 0, false],
    ['credit_note', -1250, true],
    ['credit_note', 1000, false],
    ['credit_note', 0, false],
    ['cash_movement', 1000, false],
    ['inventory', 1000, false],
    ['z_report', -1000, false],
  ] as const)('%s with %i thousandths: %s', (type, quantity, allowed) => {
    expect(quantityAllowed(type, quantity)).toBe(allowed);
  });

  it('refuses what is not a whole number of thousandths on every document', () => {
    for (const type of DOCUMENT_TYPES) {
      expect(quantityAllowed(type, 1.5)).toBe(false);
      expect(quantityAllowed(type, Number.NaN)).toBe(false);
    }
  });
});

describe('the facts a document is confirmed with', () => {
  it('a cash sale rounded to 5 cents: row sums, VAT per rate, total, rounding, payable and the cash tender', () => {
    // 1.19 (22 %) + 19.90 (9 %) + 7.99 −12.5 % (22 %) = 28.08; cash rounds it to 28.10.
    const rows = [row(1000, 119), row(1000, 1990, 900), row(1000, 799, 2200, 1250)];
    const pay = takeCash(2808, 3000, '0.05');
    if (!pay.ok) throw new Error('cash refused');
    const facts = freezeFacts(rows, [pay.payment], '0.05');
    expect(facts).toEqual({
      rows: [
        { sumMinor: 119, discountMinor: 0 },
        { sumMinor: 1990, discountMinor: 0 },
        { sumMinor: 699, discountMinor: 100 },
      ],
      vat: computeTotals(rows).vat,
      totalMinor: 2808,
      roundingMinor: 2,
      payableMinor: 2810,
      tenders: [{ method: 'cash', amountMinor: 2810, tenderedMinor: 3000, changeMinor: 190, roundingMinor: 2 }],
    });
    expect(facts.vat.map((v) => v.rateBp)).toEqual([2200, 900]);
  });

  it('split payments are summed per method in a fixed order, whatever order they were taken in', () => {
    const payments = [cash(200, 500), card(1000), cash(23, 25, 2), card(15)];
    expect(tendersOf(payments)).toEqual([
      { method: 'cash', amountMinor: 223, tenderedMinor: 525, changeMinor: 302, roundingMinor: 2 },
      { method: 'card', amountMinor: 1015, tenderedMinor: 1015, changeMinor: 0, roundingMinor: 0 },
    ]);
    expect(settledPayments(tendersOf(payments))).toEqual({ paidMinor: 1238, moneyMinor: 525, changeMinor: 302 });
  });

  it('a credit note (negative quantities) freezes negative sums and VAT', () => {
    const facts = freezeFacts([row(-2000, 349, 800), row(-1250, 179)], [], 'none');
    expect(facts.rows).toEqual([
      { sumMinor: -698, discountMinor: 0 },
      { sumMinor: -224, discountMinor: 0 },
    ]);
    expect(facts.totalMinor).toBe(-922);
    expect(facts.vat).toEqual([
      { rateBp: 2200, grossMinor: -224, netMinor: -184, vatMinor: -40 },
      { rateBp: 800, grossMinor: -698, netMinor: -646, vatMinor: -52 },
    ]);
    expect(facts.tenders).toEqual([]);
  });
});
