import { describe, expect, it } from 'vitest';
import { paymentState, takeCash } from '../../../electron/domain/payment.js';

describe('takeCash', () => {
  it.each([
    { due: 1250, tendered: 2000, amount: 1250, change: 750 },
    { due: 1250, tendered: 1250, amount: 1250, change: 0 },
    { due: 1250, tendered: 1000, amount: 1000, change: 0 }, // partial: 2.50 stays due
    { due: 1, tendered: 50_000, amount: 1, change: 49_999 },
  ])('due $due, handed $tendered → covers $amount, change $change', ({ due, tendered, amount, change }) => {
    expect(takeCash(due, tendered)).toEqual({
      ok: true,
      payment: { method: 'cash', amountMinor: amount, tenderedMinor: tendered, changeMinor: change },
    });
  });

  it('refuses when nothing is due, and amounts that are not positive whole cents', () => {
    expect(takeCash(0, 100)).toEqual({ ok: false, reason: 'nothing_due' });
    expect(takeCash(100, 0)).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, -5)).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, 1.5)).toEqual({ ok: false, reason: 'invalid_amount' });
  });
});

describe('paymentState', () => {
  it('Money is what was handed over in cash, Change only from cash, due is what is left', () => {
    const s = paymentState(3000, [
      { method: 'card', amountMinor: 1000, tenderedMinor: 1000, changeMinor: 0 },
      { method: 'cash', amountMinor: 2000, tenderedMinor: 5000, changeMinor: 3000 },
    ]);
    expect(s).toEqual({ paidMinor: 3000, dueMinor: 0, moneyMinor: 5000, changeMinor: 3000 });
  });
});
