import { describe, expect, it } from 'vitest';
import {
  paymentState,
  roundingPosting,
  takeCash,
  takeNonCash,
  type Payment,
} from '../../../electron/domain/payment.js';

const cash = (amountMinor: number, tenderedMinor: number, changeMinor: number, roundingMinor: number): Payment => ({
  method: 'cash',
  amountMinor,
  tenderedMinor,
  changeMinor,
  roundingMinor,
});
const card = (amountMinor: number): Payment => ({
  method: 'card',
  amountMinor,
  tenderedMinor: amountMinor,
  changeMinor: 0,
  roundingMinor: 0,
});

/** Takes a payment that must succeed and returns it. */
function paid(outcome: ReturnType<typeof takeCash>): Payment {
  if (!outcome.ok) throw new Error(`payment refused: ${outcome.reason}`);
  return outcome.payment;
}

describe('the issue: 5-cent rounding of the final cash amount', () => {
  it.each([
    { total: 1222, pays: 1220, rounding: -2 },
    { total: 1223, pays: 1225, rounding: 2 },
    { total: 1227, pays: 1225, rounding: -2 },
    { total: 1228, pays: 1230, rounding: 2 },
    { total: 3076, pays: 3075, rounding: -1 },
    { total: 1225, pays: 1225, rounding: 0 },
  ])('total $total all in cash → pays $pays, rounding $rounding', ({ total, pays, rounding }) => {
    const before = paymentState(total, [], '0.05');
    expect(before.cashDueMinor).toBe(pays);
    expect(before.dueMinor).toBe(total);
    // Enter alone: the pre-filled, rounded amount.
    const p = paid(takeCash(before.dueMinor, before.cashDueMinor, '0.05'));
    expect(p).toEqual(cash(pays, pays, 0, rounding));
    const after = paymentState(total, [p], '0.05');
    expect(after).toEqual({
      roundingMinor: rounding,
      payableMinor: pays,
      paidMinor: pays,
      dueMinor: 0,
      cashDueMinor: 0,
      moneyMinor: pays,
      changeMinor: 0,
    });
    expect(p.amountMinor + roundingPosting(after.roundingMinor)).toBe(total);
  });

  it('card 10.00 first, then cash on 12.23: cash due 2.25, settles with rounding +0.02', () => {
    const first = paid(takeNonCash('card', 1223, 1000));
    expect(first).toEqual(card(1000));
    const mid = paymentState(1223, [first], '0.05');
    expect(mid.dueMinor).toBe(223);
    expect(mid.cashDueMinor).toBe(225);
    const second = paid(takeCash(mid.dueMinor, 500, '0.05'));
    expect(second).toEqual(cash(225, 500, 275, 2));
    expect(paymentState(1223, [first, second], '0.05')).toEqual({
      roundingMinor: 2,
      payableMinor: 1225,
      paidMinor: 1225,
      dueMinor: 0,
      cashDueMinor: 0,
      moneyMinor: 500,
      changeMinor: 275,
    });
  });

  it('cash 5.00 first on 12.23, then card: the card takes the exact 7.23, no rounding', () => {
    const first = paid(takeCash(1223, 500, '0.05'));
    expect(first).toEqual(cash(500, 500, 0, 0));
    const mid = paymentState(1223, [first], '0.05');
    expect(mid.dueMinor).toBe(723);
    expect(mid.cashDueMinor).toBe(725); // what Cash would offer; the card takes the exact due
    const second = paid(takeNonCash('card', mid.dueMinor, mid.dueMinor));
    expect(second).toEqual(card(723));
    const end = paymentState(1223, [first, second], '0.05');
    expect(end).toMatchObject({ roundingMinor: 0, payableMinor: 1223, paidMinor: 1223, dueMinor: 0 });
  });

  it('an odd partial cash amount (0.19) is never rounded', () => {
    expect(paid(takeCash(1223, 19, '0.05'))).toEqual(cash(19, 19, 0, 0));
  });
});

describe('takeCash', () => {
  it.each([
    // rule, due, tendered → amount, change, rounding
    { rule: '0.05', due: 1222, tendered: 2000, amount: 1220, change: 780, rounding: -2 },
    { rule: '0.05', due: 1222, tendered: 1222, amount: 1220, change: 2, rounding: -2 }, // exact odd cash still rounds
    { rule: '0.05', due: 1222, tendered: 1220, amount: 1220, change: 0, rounding: -2 },
    { rule: '0.05', due: 1222, tendered: 1219, amount: 1219, change: 0, rounding: 0 }, // partial
    { rule: '0.05', due: 1223, tendered: 1225, amount: 1225, change: 0, rounding: 2 },
    { rule: '0.05', due: 1223, tendered: 1223, amount: 1223, change: 0, rounding: 0 }, // exact due below the rounded
    { rule: '0.05', due: 1223, tendered: 1224, amount: 1223, change: 1, rounding: 0 }, // never more than due
    { rule: '0.05', due: 2, tendered: 0, amount: 0, change: 0, rounding: -2 }, // 1–2 cents: nothing to hand over
    { rule: '0.05', due: 1, tendered: 100, amount: 0, change: 100, rounding: -1 },
    { rule: '0.05', due: 3, tendered: 5, amount: 5, change: 0, rounding: 2 },
    { rule: 'none', due: 1223, tendered: 2000, amount: 1223, change: 777, rounding: 0 },
    { rule: 'none', due: 1223, tendered: 1000, amount: 1000, change: 0, rounding: 0 },
    { rule: 'none', due: 1, tendered: 50_000, amount: 1, change: 49_999, rounding: 0 },
  ] as const)(
    '$rule: due $due, handed $tendered → covers $amount, change $change, rounding $rounding',
    ({ rule, due, tendered, amount, change, rounding }) => {
      expect(takeCash(due, tendered, rule)).toEqual({ ok: true, payment: cash(amount, tendered, change, rounding) });
    },
  );

  it('refuses when nothing is due, and amounts that are not whole cents', () => {
    expect(takeCash(0, 100, '0.05')).toEqual({ ok: false, reason: 'nothing_due' });
    expect(takeCash(-500, 100, '0.05')).toEqual({ ok: false, reason: 'nothing_due' });
    expect(takeCash(100, 0, '0.05')).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, 0, 'none')).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, -5, '0.05')).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, 1.5, '0.05')).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeCash(100, Number.NaN, '0.05')).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(() => takeCash(1.5, 100, '0.05')).toThrow(RangeError);
  });
});

describe('takeNonCash', () => {
  it.each(['card', 'transfer', 'prepayment'] as const)('%s: the exact amount, never rounded, never change', (method) => {
    expect(takeNonCash(method, 1223, 1223)).toEqual({
      ok: true,
      payment: { method, amountMinor: 1223, tenderedMinor: 1223, changeMinor: 0, roundingMinor: 0 },
    });
    expect(takeNonCash(method, 1223, 1)).toMatchObject({ ok: true, payment: { amountMinor: 1, roundingMinor: 0 } });
  });

  it('refuses nothing due, bad amounts and more than due', () => {
    expect(takeNonCash('card', 0, 100)).toEqual({ ok: false, reason: 'nothing_due' });
    expect(takeNonCash('card', 100, 0)).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeNonCash('card', 100, -1)).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeNonCash('card', 100, 0.5)).toEqual({ ok: false, reason: 'invalid_amount' });
    expect(takeNonCash('card', 100, 101)).toEqual({ ok: false, reason: 'exceeds_due' });
    expect(takeNonCash('transfer', 1222, 1225)).toEqual({ ok: false, reason: 'exceeds_due' });
  });
});

describe('paymentState', () => {
  it('Money is what was handed over in cash, Change only from cash, due is what is left', () => {
    const s = paymentState(3000, [card(1000), cash(2000, 5000, 3000, 0)], '0.05');
    expect(s).toEqual({
      roundingMinor: 0,
      payableMinor: 3000,
      paidMinor: 3000,
      dueMinor: 0,
      cashDueMinor: 0,
      moneyMinor: 5000,
      changeMinor: 3000,
    });
  });

  it('cash due is rounded both ways: a refund owed (negative due) is paid out rounded, mirrored', () => {
    expect(paymentState(1222, [], 'none').cashDueMinor).toBe(1222);
    expect(paymentState(1222, [], '0.05').cashDueMinor).toBe(1220);
    expect(paymentState(-1222, [], '0.05')).toMatchObject({ dueMinor: -1222, cashDueMinor: -1220 });
    expect(paymentState(-1223, [], '0.05')).toMatchObject({ dueMinor: -1223, cashDueMinor: -1225 });
    expect(paymentState(0, [], '0.05')).toMatchObject({ dueMinor: 0, cashDueMinor: 0, roundingMinor: 0 });
  });
});

describe('roundingPosting: the rounding account takes the opposite sign of the receipt line', () => {
  it.each([
    { rounding: -2, posting: 2 }, // 12.22 paid as 12.20: the till got 0.02 less than the turnover
    { rounding: 2, posting: -2 }, // 12.23 paid as 12.25: the customer paid 0.02 more (income)
    { rounding: 1, posting: -1 },
  ])('$rounding → $posting', ({ rounding, posting }) => {
    expect(roundingPosting(rounding)).toBe(posting);
  });

  it('no rounding posts 0, never -0', () => {
    expect(Object.is(roundingPosting(0), 0)).toBe(true);
    expect(Object.is(roundingPosting(-0), 0)).toBe(true);
  });
});
