/**
 * The fiscal printer's daily report (raport dobowy) for a closed day, exactly once. It waits on
 * the fiscal lane behind the day's receipts, so it reports all of them.
 *
 *  1. close a transaction someone left open (the printer makes no report while one is open);
 *  2. mark the entry in doubt with the printer's count of daily reports, committed on its own;
 *  3. `dailyrep` with today's date.
 *
 * An entry found in doubt asks the printer first: the count unchanged — the report was not made,
 * make it; one higher — it was, done; anything else cannot be told apart safely and fails, for a
 * person to check the printer's reports.
 */
import type { Job, JobControl } from '../../effects/worker.js';
import { ERROR } from '../../../native/posnet/spec.js';
import { FiscalDeviceError, type FiscalDevice } from '../../../native/posnet/driver.js';

/** How a daily report ended; a passing problem (offline, busy) is thrown instead, for a retry. */
export type DailyReportVerdict =
  | { kind: 'done'; result: string }
  /** The printer refused the report itself: the same answer next time. */
  | { kind: 'refused'; reason: string }
  /** Whether the report was made cannot be told. */
  | { kind: 'unknown'; why: string };

/** The marker an in-doubt daily report carries: the printer's count of daily reports before it. */
export function reportMarker(count: number): string {
  return `rd:${count}`;
}

export function parseReportMarker(marker: string | null): number | null {
  const m = /^rd:(\d+)$/.exec(marker ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The calendar day of `at` in `timeZone`, YYYY-MM-DD. The printer checks the report's date
 * against its own clock, so it is today's when the report is sent — the day after the close when
 * the printer was off overnight.
 */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function makeDailyReport(
  device: FiscalDevice,
  job: Job,
  control: JobControl,
  deps: { log(message: string): void; now(): Date },
): Promise<DailyReportVerdict> {
  const day = job.payload as Job<'fiscal.dailyReport'>['payload'];
  const { log } = deps;
  if (job.entry.status === 'in_doubt') {
    const marker = parseReportMarker(job.entry.marker);
    const count = await device.dailyReportCount();
    if (marker !== null && count === marker + 1) {
      log(`fiscal: the daily report for Z ${day.zNumber} had been made (report ${count}) before the interruption; not making it again`);
      return { kind: 'done', result: `daily report ${count}` };
    }
    if (marker === null || count !== marker) {
      const why = marker === null ? "the printer's report count before it is unknown" : `the printer's report count went from ${marker} to ${count}`;
      return { kind: 'unknown', why };
    }
    log(`fiscal: the daily report for Z ${day.zNumber} was not made (report count still ${marker}); making it`);
    control.notDone();
  }
  if (await device.cancelOpen()) log(`fiscal: cancelled a transaction left open on ${device.name} before the daily report for Z ${day.zNumber}`);
  const before = await device.dailyReportCount();
  control.inDoubt(reportMarker(before));
  try {
    await device.dailyReport(dayIn(deps.now(), day.timeZone));
  } catch (error) {
    if (error instanceof FiscalDeviceError && error.code === ERROR.zeroDailyReport) {
      // Nothing sold since the last report: the printer makes no second zero report, and none is owed.
      log(`fiscal: nothing to report for Z ${day.zNumber}: no sales since the last daily report`);
      return { kind: 'done', result: 'no sales since the last daily report' };
    }
    if (error instanceof FiscalDeviceError && error.kind === 'refused') {
      control.notDone();
      return { kind: 'refused', reason: error.message };
    }
    throw error;
  }
  log(`fiscal: daily report ${before + 1} made for Z ${day.zNumber}`);
  return { kind: 'done', result: `daily report ${before + 1}` };
}
