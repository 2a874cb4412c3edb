import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  paymentState,
  roundingPosting,
  takeCash,
  takeNonCash,
  type Payment,
  type PaymentOutcome,
} from '../../../electron/domain/payment.js';
import { priceForCustomer } from '../../../electron/domain/pricing.js';
import { roundCash, type CashRounding } from '../../../electron/domain/rounding.js';
import { computeTotals, listSum, rowSum, type TotalsRow } from '../../../electron/domain/totals.js';
import { zeroPriceCheck } from '../../../electron/domain/zero-price.js';

const rule = fc.constantFrom<CashRounding>('0.05', 'none');
const nonCash = fc.constantFrom('card', 'transfer', 'prepayment') as fc.Arbitrary<'card' | 'transfer' | 'prepayment'>;
const total = fc.integer({ min: 1, max: 10_000_000 });

/** A partial payment: which method, and a seed picking its amount below what is due. */
const partialStep = fc.record({ cash: fc.boolean(), method: nonCash, pick: fc.nat() });
/** The settling payment: cash with some extra handed over, or a non-cash payment of the exact due. */
const finalStep = fc.record({ cash: fc.boolean(), method: nonCash, extra: fc.nat({ max: 100_000 }) });

const row: fc.Arbitrary<TotalsRow> = fc.record({
  quantityMilli: fc.integer({ min: -50_000, max: 50_000 }),
  unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }),
  vatRateBp: fc.constantFrom(0, 500, 900, 2000, 2200, 2400),
  discountBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
});

function ok(outcome: PaymentOutcome): Payment {
  if (!outcome.ok) throw new Error(`payment refused: ${outcome.reason}`);
  return outcome.payment;
}

/** Every number anywhere in a value is a safe integer (and not -0): no float ever leaks out. */
function numbersOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersOf);
  return [];
}
function expectSafeIntegers(value: unknown): void {
  for (const n of numbersOf(value)) {
    expect(Number.isSafeInteger(n), `${n} is not a safe integer`).toBe(true);
    expect(Object.is(n, -0), 'a -0 leaked out').toBe(false);
  }
}

/** Pays a receipt: partial payments, then one that settles. Returns the payments taken. */
function payReceipt(
  totalMinor: number,
  r: CashRounding,
  partials: readonly { cash: boolean; method: 'card' | 'transfer' | 'prepayment'; pick: number }[],
  last: { cash: boolean; method: 'card' | 'transfer' | 'prepayment'; extra: number },
): Payment[] {
  const payments: Payment[] = [];
  for (const step of partials) {
    const s = paymentState(totalMinor, payments, r);
    expectSafeIntegers(s);
    // Partials stay strictly below what the chosen method would settle.
    const ceiling = step.cash ? s.cashDueMinor : s.dueMinor;
    if (ceiling <= 1) break;
    const amount = 1 + (step.pick % (ceiling - 1));
    const outcome = step.cash ? takeCash(s.dueMinor, amount, r) : takeNonCash(step.method, s.dueMinor, amount);
    expectSafeIntegers(outcome);
    payments.push(ok(outcome));
    if (paymentState(totalMinor, payments, r).dueMinor === 0) return payments;
  }
  const s = paymentState(totalMinor, payments, r);
  const outcome = last.cash
    ? takeCash(s.dueMinor, s.cashDueMinor + last.extra, r)
    : takeNonCash(last.method, s.dueMinor, s.dueMinor);
  expectSafeIntegers(outcome);
  payments.push(ok(outcome));
  return payments;
}

describe('payment properties', () => {
  it('any sequence of partial payments ending in a settling one balances to the cent', () => {
    fc.assert(
      fc.property(total, rule, fc.array(partialStep, { maxLength: 6 }), finalStep, (t, r, partials, last) => {
        const payments = payReceipt(t, r, partials, last);
        const end = paymentState(t, payments, r);
        expectSafeIntegers(end);
        const paid = payments.reduce((a, p) => a + p.amountMinor, 0);

        expect(end.dueMinor).toBe(0);
        expect(end.cashDueMinor).toBe(0);
        expect(paid).toBe(t + end.roundingMinor);
        expect(paid + roundingPosting(end.roundingMinor)).toBe(t);
        expect(end.payableMinor).toBe(end.paidMinor);

        // Rounding: only cash, at most 2 cents each, at most 2 cents on the receipt, never with 'none'.
        expect(Math.abs(end.roundingMinor)).toBeLessThanOrEqual(2);
        expect(payments.filter((p) => p.roundingMinor !== 0).length).toBeLessThanOrEqual(1);
        if (r === 'none') expect(end.roundingMinor).toBe(0);
        for (const p of payments) {
          expect(p.changeMinor).toBeGreaterThanOrEqual(0);
          expect(p.amountMinor).toBeGreaterThanOrEqual(0);
          expect(p.tenderedMinor - p.changeMinor).toBe(p.amountMinor);
          if (p.method === 'cash') {
            expect(Math.abs(p.roundingMinor)).toBeLessThanOrEqual(2);
          } else {
            expect(p.roundingMinor).toBe(0);
            expect(p.changeMinor).toBe(0);
          }
        }
        // A receipt settled in cash ends on a 5-cent payable amount only if cash took the last bit.
        const lastPayment = payments[payments.length - 1];
        if (r === '0.05' && lastPayment?.method === 'cash' && lastPayment.roundingMinor !== 0) {
          expect(lastPayment.amountMinor % 5).toBe(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a settling cash payment rounds its remainder to 5 cents and the rounding is exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat({ max: 10_000 }), (due, extra) => {
        const rounded = roundCash(due, '0.05');
        const p = ok(takeCash(due, rounded + extra, '0.05'));
        expectSafeIntegers(p);
        expect(p.amountMinor).toBe(rounded);
        expect(p.amountMinor % 5).toBe(0);
        expect(p.roundingMinor).toBe(rounded - due);
        expect(p.changeMinor).toBe(extra);
      }),
    );
  });

  it('card, transfer and prepayment are never rounded and never give change', () => {
    fc.assert(
      fc.property(nonCash, fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), (method, due, pick) => {
        const amount = 1 + (pick % due);
        const p = ok(takeNonCash(method, due, amount));
        expect(p).toEqual({ method, amountMinor: amount, tenderedMinor: amount, changeMinor: 0, roundingMinor: 0 });
      }),
    );
  });
});

describe('roundCash properties', () => {
  it('lands on a multiple of 5 within 2 cents, mirrors for refunds, and keeps multiples of 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (x) => {
        const y = roundCash(x, '0.05');
        expectSafeIntegers(y);
        expect(Math.abs(y % 5)).toBe(0);
        expect(Math.abs(y - x)).toBeLessThanOrEqual(2);
        expect(roundCash(-x, '0.05')).toBe(0 - y);
        expect(roundCash(y, '0.05')).toBe(y);
        expect(roundCash(x, 'none')).toBe(x);
      }),
    );
  });
});

describe('totals properties', () => {
  it('row sums are whole cents; VAT lines (gross) sum to the total; net + VAT = gross', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 15 }), (rows) => {
        const t = computeTotals(rows);
        expectSafeIntegers(t);
        expect(t.totalMinor).toBe(t.rowSums.reduce((a, b) => a + b, 0));
        expect(t.vat.reduce((a, v) => a + v.grossMinor, 0)).toBe(t.totalMinor);
        for (const v of t.vat) expect(v.netMinor + v.vatMinor).toBe(v.grossMinor);
        rows.forEach((r, i) => {
          expect(t.rowSums[i]).toBe(rowSum(r));
          expect(t.discountSums[i]).toBe(listSum(r) - rowSum(r));
        });
      }),
    );
  });

  it('a credit row mirrors its sale row; a discount never raises the sum', () => {
    fc.assert(
      fc.property(row, (r) => {
        const credit = { ...r, quantityMilli: -r.quantityMilli };
        expect(rowSum(credit)).toBe(0 - rowSum(r));
        expect(listSum(credit)).toBe(0 - listSum(r));
        expect(Math.abs(rowSum(r))).toBeLessThanOrEqual(Math.abs(listSum(r)));
        expectSafeIntegers([rowSum(r), listSum(r), rowSum(credit), listSum(credit)]);
      }),
    );
  });
});

describe('no float ever leaves the domain', () => {
  it('pricing, zero-price, rounding posting and payment state outputs are safe integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 })),
        fc.option(fc.record({ discountBp: fc.integer({ min: 0, max: 10_000 }), priceListCode: fc.option(fc.string()) })),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        rule,
        (base, list, formula, anyTotal, r) => {
          expectSafeIntegers(priceForCustomer(base, list, formula));
          expectSafeIntegers(roundingPosting(anyTotal % 3));
          expectSafeIntegers(paymentState(anyTotal, [], r));
          expectSafeIntegers(takeCash(anyTotal, base, r));
          expectSafeIntegers(takeNonCash('card', anyTotal, base));
          expectSafeIntegers(
            zeroPriceCheck(
              [
                { lineNo: 2, unitPriceMinor: base % 2, articlePolicy: null },
                { lineNo: 1, unitPriceMinor: 0, articlePolicy: 'warn' },
              ],
              'forbid',
            ),
          );
        },
      ),
    );
  });
});
