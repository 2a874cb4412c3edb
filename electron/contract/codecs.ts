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

/** Formatting is shared with the paper and the fiscal printer, so it lives beside them. */
export { formatMoney, formatMoneyInput, formatQuantity, formatRate } from '../../native/text/numbers.js';
