import { readMoneyInput, readQuantityInput } from '../../../../electron/contract/codecs';
import type { CashDirection, CountItemView } from '../../../../electron/contract/api';

/**
 * The close's arithmetic as the cashier types it: counts of notes and coins and amounts taken
 * out, read from text into integers (minor units), never through a float. What cannot be read is
 * a problem beside its field; the sums add only what could be read.
 */

export const DIRECTIONS: readonly CashDirection[] = ['bank', 'collection', 'safe'];

/** The largest amount the core takes (MAX_AMOUNT_MINOR): more is "too large", not "not a number". */
export const MAX_MINOR = 100_000_000_000;
/** No drawer holds a million of one coin: more digits is a slip of the finger. */
const MAX_COUNT_DIGITS = 6;

export type CountProblem = 'count' | 'countNegative';
export type AmountProblem = 'amount' | 'amountNegative' | 'amountTooLarge';

/** A count of one note or coin: '' is none; a whole number of at most 6 digits, not negative. */
export function readCount(text: string): { count: number } | { problem: CountProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { count: 0 };
  if (/^-\s*\d+$/.test(trimmed)) return { problem: 'countNegative' };
  if (!new RegExp(`^\\d{1,${MAX_COUNT_DIGITS}}$`).test(trimmed)) return { problem: 'count' };
  return { count: Number(trimmed) };
}

/** An amount typed at the close: '' is none; otherwise a non-negative amount with at most 2 decimals. */
export function readAmount(text: string): { minor: number } | { problem: AmountProblem } {
  if (text.trim() === '') return { minor: 0 };
  const reading = readMoneyInput(text, MAX_MINOR);
  if ('problem' in reading) return { problem: reading.problem === 'too_large' ? 'amountTooLarge' : 'amount' };
  return reading.value < 0 ? { problem: 'amountNegative' } : { minor: reading.value };
}

export interface CountSummary {
  /** The counts that could be read, per face value (only those typed, as the core takes them). */
  counts: { valueMinor: number; count: number }[];
  /** Σ count × value of the counts read. */
  totalMinor: number;
  /** The face values whose count cannot be read, with why. */
  problems: Map<number, CountProblem>;
}

/** Reads the count grid: one text per face value. */
export function summarizeCounts(denominations: readonly number[], texts: Readonly<Record<number, string>>): CountSummary {
  const counts: CountSummary['counts'] = [];
  const problems = new Map<number, CountProblem>();
  let totalMinor = 0;
  for (const valueMinor of denominations) {
    const text = texts[valueMinor] ?? '';
    if (text.trim() === '') continue;
    const read = readCount(text);
    if ('problem' in read) {
      problems.set(valueMinor, read.problem);
      continue;
    }
    counts.push({ valueMinor, count: read.count });
    // Whole numbers below 2^53 (6 digits × at most 10^10): exact.
    totalMinor += read.count * valueMinor;
  }
  return { counts, totalMinor, problems };
}

export interface OutDraft {
  amount: string;
  comment: string;
  /** The amount was typed (else the first direction takes what is above the preset remains). */
  typed?: boolean;
}

export interface OutSummary {
  /** The amounts taken out that could be read and are more than nothing. */
  cashOut: { direction: CashDirection; amountMinor: number; comment: string }[];
  totalMinor: number;
  problems: Map<CashDirection, AmountProblem>;
}

/**
 * With a preset of what stays in the register, the first direction takes the rest of the count
 * (after what the other directions take) — until an amount is typed there: no arithmetic by hand
 * at the end of a shift.
 */
export function presetOut(directions: readonly CashDirection[], remainsPresetMinor: number, countedMinor: number, drafts: Readonly<Record<CashDirection, OutDraft>>): { direction: CashDirection; amountMinor: number } | null {
  const [first] = directions;
  if (!first || remainsPresetMinor <= 0 || drafts[first].typed) return null;
  const others = directions.slice(1).map((d) => readAmount(drafts[d].amount));
  const otherMinor = others.reduce((sum, read) => sum + ('minor' in read ? read.minor : 0), 0);
  return { direction: first, amountMinor: Math.max(0, countedMinor - remainsPresetMinor - otherMinor) };
}

/** Reads the cash-out fields of the close (the directions this till has; a preset amount where none was typed). */
export function summarizeOut(
  drafts: Readonly<Record<CashDirection, OutDraft>>,
  directions: readonly CashDirection[] = DIRECTIONS,
  preset: { direction: CashDirection; amountMinor: number } | null = null,
): OutSummary {
  const cashOut: OutSummary['cashOut'] = [];
  const problems = new Map<CashDirection, AmountProblem>();
  let totalMinor = 0;
  for (const direction of directions) {
    const read = preset?.direction === direction ? { minor: preset.amountMinor } : readAmount(drafts[direction].amount);
    if ('problem' in read) {
      problems.set(direction, read.problem);
      continue;
    }
    if (read.minor === 0) continue;
    cashOut.push({ direction, amountMinor: read.minor, comment: drafts[direction].comment.trim() });
    totalMinor += read.minor;
  }
  return { cashOut, totalMinor, problems };
}

export type StockProblem = 'stock' | 'stockNegative' | 'stockWhole';

/** A stock count: '' is not counted; a quantity (to the gram for weighed goods, whole pieces otherwise), not negative. */
export function readStock(text: string, unit: string): { milli: number | null } | { problem: StockProblem } {
  if (text.trim() === '') return { milli: null };
  const read = readQuantityInput(text, 1_000_000_000);
  if ('problem' in read) return { problem: 'stock' };
  if (read.value < 0) return { problem: 'stockNegative' };
  if (unit === 'pcs' && read.value % 1000 !== 0) return { problem: 'stockWhole' };
  return { milli: read.value };
}

export interface StockSummary {
  counts: { articleId: string; countedMilli: number }[];
  /** Listed articles nobody counted: they will be set to zero. */
  uncounted: number;
  problems: Map<string, StockProblem>;
}

/** Reads the stock count of the close: one text per listed article. */
export function summarizeStock(items: readonly CountItemView[], texts: Readonly<Record<string, string>>): StockSummary {
  const counts: StockSummary['counts'] = [];
  const problems = new Map<string, StockProblem>();
  let uncounted = 0;
  for (const item of items) {
    const read = readStock(texts[item.articleId] ?? '', item.unit);
    if ('problem' in read) problems.set(item.articleId, read.problem);
    else if (read.milli === null) uncounted += 1;
    else counts.push({ articleId: item.articleId, countedMilli: read.milli });
  }
  return { counts, uncounted, problems };
}
