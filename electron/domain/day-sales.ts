import { sumMinor } from './money.js';

/**
 * A day's sales laid out for the owner: by hour of the shop's clock and by payment method. The
 * amounts come summed from the documents' frozen facts; here they are only grouped (integer minor
 * units, added exactly), so the hours add up to the day's net to the cent.
 */

/** What one type of document confirmed in one quarter of an hour adds up to. */
export interface QuarterTotal {
  /** The quarter's start as an ISO instant. */
  quarter: string;
  type: 'receipt' | 'credit_note';
  documents: number;
  totalMinor: number;
}

export interface HourSales {
  /** The shop's calendar day, YYYY-MM-DD. */
  date: string;
  /** 0–23 on the shop's clock. */
  hour: number;
  salesMinor: number;
  /** Credit notes: negative. */
  returnsMinor: number;
  netMinor: number;
  receipts: number;
  creditNotes: number;
}

const QUARTER_MS = 15 * 60_000;
// A long day (open past midnight) shows its quiet hours as zeros, so the bars stand where the
// clock says; a day left open for days lists only the hours that sold, not hundreds of empty ones.
const FILL_SPAN_MS = 36 * 3_600_000;

// One formatter per zone: making one is costly, and a day has up to a hundred quarters.
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The shop's calendar day and hour of an instant, in its time zone. */
export function shopHour(ms: number, timeZone: string): { date: string; hour: number } {
  let format = FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    FORMATS.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Sales and returns per hour of the shop's clock, in time order. Each quarter of an hour (UTC)
 * lies inside one local hour in every time zone, so regrouping quarters is exact; the hour that
 * a change to winter time repeats is one hour here.
 */
export function salesByHour(quarters: readonly QuarterTotal[], timeZone: string): HourSales[] {
  const hours = new Map<string, HourSales>();
  const slot = (ms: number): HourSales => {
    const { date, hour } = shopHour(ms, timeZone);
    const key = `${date} ${hour}`;
    let sums = hours.get(key);
    if (!sums) hours.set(key, (sums = { date, hour, salesMinor: 0, returnsMinor: 0, netMinor: 0, receipts: 0, creditNotes: 0 }));
    return sums;
  };
  const times = quarters.map((q) => Date.parse(q.quarter));
  if (times.length > 0) {
    const first = Math.min(...times);
    const last = Math.max(...times);
    if (last - first <= FILL_SPAN_MS) for (let t = first; t <= last; t += QUARTER_MS) slot(t);
  }
  for (const [i, q] of quarters.entries()) {
    const sums = slot(times[i] ?? Date.parse(q.quarter));
    if (q.type === 'credit_note') {
      sums.returnsMinor = sumMinor([sums.returnsMinor, q.totalMinor]);
      sums.creditNotes += q.documents;
    } else {
      sums.salesMinor = sumMinor([sums.salesMinor, q.totalMinor]);
      sums.receipts += q.documents;
    }
  }
  return [...hours.values()].map((h) => ({ ...h, netMinor: sumMinor([h.salesMinor, h.returnsMinor]) }));
}

export interface MethodTotal<M extends string> {
  method: M;
  type: string;
  amountMinor: number;
}

export interface MethodSales<M extends string> {
  method: M;
  salesMinor: number;
  /** Credit notes: negative. */
  refundsMinor: number;
  netMinor: number;
}

/** Taken and paid back per payment method, in the order given (the reports' order). */
export function salesByMethod<M extends string>(rows: readonly MethodTotal<M>[]): MethodSales<M>[] {
  const methods = new Map<M, MethodSales<M>>();
  for (const row of rows) {
    let sums = methods.get(row.method);
    if (!sums) methods.set(row.method, (sums = { method: row.method, salesMinor: 0, refundsMinor: 0, netMinor: 0 }));
    if (row.type === 'credit_note') sums.refundsMinor = sumMinor([sums.refundsMinor, row.amountMinor]);
    else sums.salesMinor = sumMinor([sums.salesMinor, row.amountMinor]);
  }
  return [...methods.values()].map((m) => ({ ...m, netMinor: sumMinor([m.salesMinor, m.refundsMinor]) }));
}
