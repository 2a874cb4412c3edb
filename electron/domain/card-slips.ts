/**
 * The card terminal's own receipts (card slips), kept apart per copy from the terminal to the
 * paper: the customer's slip and the merchant's slip are different texts, and each goes on its
 * own cut. Which of them the printer prints is the shop's setting (`terminalSlips`).
 */

/** Whose copy a slip is; 'unknown' when the terminal did not say (and for rows stored before copies were kept apart). */
export type SlipCopy = 'customer' | 'merchant' | 'unknown';

export interface CardSlip {
  copy: SlipCopy;
  /** The terminal's text, line by line, as it sent it. */
  lines: string[];
}

export type SlipSetting = 'none' | 'customer' | 'both';

const isLines = (value: unknown): value is string[] => Array.isArray(value) && value.every((l) => typeof l === 'string');

const isSlip = (value: unknown): value is CardSlip => {
  if (typeof value !== 'object' || value === null) return false;
  const { copy, lines } = value as { copy?: unknown; lines?: unknown };
  return (copy === 'customer' || copy === 'merchant' || copy === 'unknown') && isLines(lines);
};

/**
 * A payment's slips as stored (JSON in `payments.slip`). Rows written before the copies were kept
 * apart hold one list of lines, all the terminal printed one after the other: it is read as one
 * slip whose copy is unknown, so it prints once rather than being guessed apart.
 */
export function readCardSlips(stored: unknown): CardSlip[] {
  if (stored === null || stored === undefined) return [];
  if (isLines(stored)) return stored.length > 0 ? [{ copy: 'unknown', lines: [...stored] }] : [];
  if (Array.isArray(stored) && stored.every(isSlip)) return stored.filter((s) => s.lines.length > 0).map((s) => ({ copy: s.copy, lines: [...s.lines] }));
  throw new Error('a card slip is neither a list of lines nor a list of slips');
}

/**
 * The slips of one payment to print, each on its own cut: 'customer' prints the customer's slip,
 * 'both' the customer's and then the merchant's, each once. A slip whose copy is unknown is
 * printed once in either case: it may be the customer's (who must not go without it) or hold
 * both copies (an old row), and printing it twice would repeat whatever it holds.
 */
export function slipsToPrint(slips: readonly CardSlip[], setting: SlipSetting): string[][] {
  if (setting === 'none') return [];
  const of = (copy: SlipCopy): string[][] => slips.filter((s) => s.copy === copy).map((s) => [...s.lines]);
  const unknown = of('unknown');
  return setting === 'customer' ? [...of('customer'), ...unknown] : [...of('customer'), ...of('merchant'), ...unknown];
}
