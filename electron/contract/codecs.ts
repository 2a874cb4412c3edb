/**
 * Text <-> integer conversions shared by the renderer and the core. Pure string arithmetic:
 * money and quantities never pass through a JS float, not even for display.
 */

const MONEY_INPUT = /^(-)?(\d{1,10})(?:[.,](\d{0,2}))?$/;
const QUANTITY_INPUT = /^(-)?(\d{1,7})(?:[.,](\d{0,3}))?$/;

/** "20", "20,5", "20.50" -> 2050. Returns null for anything that is not an amount with ≤ 2 decimals. */
export function parseMoneyInput(text: string): number | null {
  const m = MONEY_INPUT.exec(text.trim().replace(/\s/g, ''));
  if (!m) return null;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

/** "1", "1,25", "0.005" -> thousandths (1000, 1250, 5). Null when not a quantity with ≤ 3 decimals. */
export function parseQuantityInput(text: string): number | null {
  const m = QUANTITY_INPUT.exec(text.trim().replace(/\s/g, ''));
  if (!m) return null;
  const milli = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] ? -milli : milli;
}

/** What a typed number is: its value in integer units, or why it cannot be taken. */
export type NumberReading = { value: number } | { problem: 'format' | 'too_large' };

// Digits beyond what the strict patterns take, with decimals they would take: a number, only too large.
const LONG_MONEY = /^-?\d{11,}(?:[.,]\d{0,2})?$/;
const LONG_QUANTITY = /^-?\d{8,}(?:[.,]\d{0,3})?$/;

/**
 * Reads a typed amount and tells "not an amount" from "an amount above `maxMinor`", so the
 * cashier who typed 99999999 is told it is too large, not that it is not a number.
 */
export function readMoneyInput(text: string, maxMinor: number): NumberReading {
  return read(parseMoneyInput(text), LONG_MONEY, text, maxMinor);
}

/** As readMoneyInput, for a quantity in thousandths. */
export function readQuantityInput(text: string, maxMilli: number): NumberReading {
  return read(parseQuantityInput(text), LONG_QUANTITY, text, maxMilli);
}

function read(value: number | null, long: RegExp, text: string, max: number): NumberReading {
  if (value === null) return { problem: long.test(text.trim().replace(/\s/g, '')) ? 'too_large' : 'format' };
  return Math.abs(value) > max ? { problem: 'too_large' } : { value };
}

/** Formatting is shared with the paper and the fiscal printer, so it lives beside them. */
export { formatMoney, formatMoneyInput, formatQuantity, formatRate } from '../../native/text/numbers.js';
