/**
 * Estonian 5-cent cash rounding (from 1 January 2025): only the final amount paid in cash is
 * rounded, never row prices, never card or other payments.
 */
export type CashRounding = 'none' | '0.05';

/**
 * Rounds a final cash amount (minor units) to the nearest 5 cents: last digit 1, 2 → down to 0;
 * 3, 4 → up to 5; 6, 7 → down to 5; 8, 9 → up to 10 — so at most ±2 cents and never a tie.
 * 'none' returns the amount. Refunds round the same way: roundCash(-x) = -roundCash(x) (and never
 * -0, so a -1 cent refund rounds to plain 0). Throws RangeError on a non-safe-integer amount or an
 * unknown rule (the rule comes from settings, so a typo must not silently disable rounding).
 */
export function roundCash(amountMinor: number, rule: CashRounding): number {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`cash amount is not whole cents: ${amountMinor}`);
  if (rule === 'none') return amountMinor;
  if (rule !== '0.05') throw new RangeError(`unknown cash rounding rule: ${String(rule)}`);
  if (amountMinor < 0) return 0 - roundCash(-amountMinor, rule);
  // Integer remainder, no float: 1, 2 (and 6, 7) drop to the lower 5; 3, 4 (and 8, 9) rise.
  // MAX_SAFE_INTEGER ends in 1 and rounds down, so rounding up never leaves the safe range.
  const rest = amountMinor % 5;
  return rest <= 2 ? amountMinor - rest : amountMinor + (5 - rest);
}
