/** A payment as the domain sees it. Change only ever comes from cash. */
export interface Payment {
  method: 'cash' | 'card';
  amountMinor: number;
  tenderedMinor: number;
  changeMinor: number;
}

export interface PaymentState {
  paidMinor: number;
  dueMinor: number;
  moneyMinor: number;
  changeMinor: number;
}

export function paymentState(totalMinor: number, payments: readonly Payment[]): PaymentState {
  const paidMinor = payments.reduce((a, p) => a + p.amountMinor, 0);
  const cash = payments.filter((p) => p.method === 'cash');
  return {
    paidMinor,
    dueMinor: totalMinor - paidMinor,
    moneyMinor: cash.reduce((a, p) => a + p.tenderedMinor, 0),
    changeMinor: cash.reduce((a, p) => a + p.changeMinor, 0),
  };
}

export type CashOutcome =
  | { ok: true; payment: Payment }
  | { ok: false; reason: 'nothing_due' | 'invalid_amount' };

/**
 * The customer hands over `tenderedMinor` in cash towards `dueMinor`. Less than due is a partial
 * payment (the rest stays due); more than due gives change. The screen pre-fills the amount due,
 * so Enter alone takes the exact amount (as in Directo).
 */
export function takeCash(dueMinor: number, tenderedMinor: number): CashOutcome {
  if (dueMinor <= 0) return { ok: false, reason: 'nothing_due' };
  if (!Number.isSafeInteger(tenderedMinor) || tenderedMinor <= 0) return { ok: false, reason: 'invalid_amount' };
  const amountMinor = Math.min(tenderedMinor, dueMinor);
  return {
    ok: true,
    payment: { method: 'cash', amountMinor, tenderedMinor, changeMinor: tenderedMinor - amountMinor },
  };
}
