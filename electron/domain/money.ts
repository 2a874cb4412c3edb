import { Decimal } from 'decimal.js';

/**
 * The only Decimal the domain uses: a private clone so nobody's global configuration changes
 * our arithmetic. Half-up ("commercial") rounding, mirrored for negatives: round(-x) = -round(x).
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type D = Decimal;

/** Rounds a Decimal amount of minor units to a whole minor unit and returns a safe integer. */
export function toMinor(value: Decimal): number {
  const n = value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of range: ${value.toString()}`);
  return n;
}

/** Sum of integer minor amounts (integers add exactly; Decimal only guards against overflow). */
export function sumMinor(values: readonly number[]): number {
  return toMinor(values.reduce((acc, v) => acc.plus(v), new D(0)));
}
