import { sumMinor } from './money.js';
import { roundCash, type CashRounding } from './rounding.js';

export type PaymentMethod = 'cash' | 'card' | 'transfer' | 'prepayment';

/**
 * A payment as the domain sees it. Change and rounding only ever come from cash.
 * roundingMinor is what this payment's cash rounding added to the amount payable (the amount it
 * covered minus the exact amount that was due): 12.22 due paid as 12.20 → −2.
 */
export interface Payment {
  method: PaymentMethod;
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
  roundingMinor: number;
}

export interface PaymentState {
  /** The receipt's rounding line: payable − total. */
  roundingMinor: number;
  /** Total (the turnover, Σ rows) + rounding: what the payments must cover. */
  payableMinor: number;
  paidMinor: number;
  /** Exact remainder: what a card, transfer or prepayment would take. */
  dueMinor: number;
  /** The remainder if it is paid in cash now: rounded when something is due. */
  cashDueMinor: number;
  /** "Money": everything handed over in cash. */
  moneyMinor: number;
  changeMinor: number;
}

/**
 * The payment section of a receipt. rounding = Σ payment rounding; payable = total + rounding;
 * paid = Σ amounts; due = payable − paid; cashDue = roundCash(due) — a refund owed (due < 0) is
 * paid out in cash rounded the same way, mirrored; money = Σ cash tendered; change = Σ cash change.
 */
export function paymentState(totalMinor: number, payments: readonly Payment[], rule: CashRounding): PaymentState {
  const roundingMinor = sumMinor(payments.map((p) => p.roundingMinor));
  const payableMinor = sumMinor([totalMinor, roundingMinor]);
  const paidMinor = sumMinor(payments.map((p) => p.amountMinor));
  const dueMinor = payableMinor - paidMinor;
  const cash = payments.filter((p) => p.method === 'cash');
  return {
    roundingMinor,
    payableMinor,
    paidMinor,
    dueMinor,
    cashDueMinor: roundCash(dueMinor, rule),
    moneyMinor: sumMinor(cash.map((p) => p.tenderedMinor)),
    changeMinor: sumMinor(cash.map((p) => p.changeMinor)),
  };
}

export type PaymentOutcome =
  | { ok: true; payment: Payment }
  | { ok: false; reason: 'nothing_due' | 'invalid_amount' | 'exceeds_due' };

function checkDue(dueMinor: number): void {
  // The due comes from paymentState, never from the cashier: a bad one is a programming error.
  if (!Number.isSafeInteger(dueMinor)) throw new RangeError(`amount due is not whole cents: ${dueMinor}`);
}

/**
 * The customer hands over `tenderedMinor` in cash towards the exact `dueMinor`. The screen pre-fills
 * the rounded amount, so Enter alone settles (as in Directo).
 * - tendered ≥ roundCash(due): settles. amount = rounded, rounding = rounded − due (±2 at most),
 *   change = tendered − rounded. When 1–2 cents are due the rounded amount is 0: tendered 0 settles.
 * - less: a partial payment, never rounded (the customer may pay an odd amount first;
 *   a following card covers the exact remainder). If the customer hands at least the exact due but
 *   less than the rounded-up amount (12.23 or 12.24 towards 12.23 → 12.25), it pays the exact due
 *   with the excess as change: a partial payment must never cover more than is due.
 * - tendered 0 while something rounded is due, negative or not whole cents: invalid_amount.
 */
export function takeCash(dueMinor: number, tenderedMinor: number, rule: CashRounding): PaymentOutcome {
  checkDue(dueMinor);
  if (dueMinor <= 0) return { ok: false, reason: 'nothing_due' };
  if (!Number.isSafeInteger(tenderedMinor) || tenderedMinor < 0) return { ok: false, reason: 'invalid_amount' };
  const rounded = roundCash(dueMinor, rule);
  if (tenderedMinor >= rounded) {
    return {
      ok: true,
      payment: {
        method: 'cash',
        amountMinor: rounded,
        tenderedMinor,
        changeMinor: tenderedMinor - rounded,
        roundingMinor: rounded - dueMinor,
      },
    };
  }
  if (tenderedMinor === 0) return { ok: false, reason: 'invalid_amount' };
  const amountMinor = Math.min(tenderedMinor, dueMinor);
  return {
    ok: true,
    payment: { method: 'cash', amountMinor, tenderedMinor, changeMinor: tenderedMinor - amountMinor, roundingMinor: 0 },
  };
}

/**
 * Card, transfer or prepayment: the exact amount, never rounded, never change (a terminal charges
 * what it is asked; it cannot hand money back). May be partial; may not exceed the exact due.
 */
export function takeNonCash(
  method: Exclude<PaymentMethod, 'cash'>,
  dueMinor: number,
  amountMinor: number,
): PaymentOutcome {
  checkDue(dueMinor);
  if (dueMinor <= 0) return { ok: false, reason: 'nothing_due' };
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return { ok: false, reason: 'invalid_amount' };
  if (amountMinor > dueMinor) return { ok: false, reason: 'exceeds_due' };
  return { ok: true, payment: { method, amountMinor, tenderedMinor: amountMinor, changeMinor: 0, roundingMinor: 0 } };
}

/**
 * The ledger posting for a receipt's rounding line, on the rounding account (turnover
 * stays Σ rows, the difference is booked separately). The receipt shows rounding = payable − total
 * (12.22 paid in cash → 12.20, rounding −0.02); the ledger books the opposite sign, so that
 * Σ payments + roundingPosting(rounding) == total: 12.20 + 0.02 = 12.22 (the till got 0.02 less
 * than the turnover: a 0.02 expense). 12.23 → 12.25: the customer paid 0.02 more, posting −0.02
 * (income). `0 - x` rather than `-x` so that no rounding posts 0, never −0.
 */
export function roundingPosting(roundingMinor: number): number {
  return 0 - roundingMinor;
}
