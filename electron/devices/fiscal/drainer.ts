/**
 * Carries out the fiscal lane: each confirmed receipt registered on the fiscal printer exactly
 * once, oldest first.
 *
 *  1. read the printer's counters; cancel a transaction someone left open;
 *  2. mark the entry in doubt with the completed-receipts counter, committed on its own — before
 *     anything that could register a receipt is sent;
 *  3. trinit → trline… → trpayment… → trend; on success done, with the printed reference.
 *
 * An entry found in doubt (a crash, a timeout, a lost reply, a power cut) is never simply sent
 * again. The printer is asked first: with a transaction still open, it is cancelled and the
 * receipt registered again; with the counter unchanged, it was not registered — register it; with
 * the counter one higher and the last receipt's total equal to ours, it was — done. Anything else
 * cannot be told apart safely and fails, for a person to check on the printer.
 *
 * A receipt the printer refuses (tax ladder, bad rate…) fails too, with the printer's error; the
 * lane moves on. Everything passing (offline, paper out, day report missing) is retried. The
 * status shown to the cashier follows along, as translation keys.
 *
 * The day close's daily report goes the same way, behind the day's receipts (daily-report.ts).
 */
import type { DeviceState, DeviceStatus, StatusText } from '../../contract/api.js';
import type { Db } from '../../db/open.js';
import { countFailed, countOpen, entriesOfKind } from '../../db/outbox-repo.js';
import type { FiscalReceipt } from '../../domain/fiscal-receipt.js';
import type { Drainer, Job, JobControl, JobOutcome } from '../../effects/worker.js';
import { DOCUMENT_TYPE } from '../../../native/posnet/spec.js';
import { FiscalDeviceError, type FiscalCondition, type FiscalDevice, type FiscalDocument } from '../../../native/posnet/driver.js';
import { makeDailyReport } from './daily-report.js';

/** The lane's documents are the domain's fiscal receipts; the driver takes them as they are. */
const _sameShape: (doc: FiscalReceipt) => FiscalDocument = (doc) => doc;
void _sameShape;

export interface FiscalDrainerDeps {
  db: Db;
  device: FiscalDevice;
  log(message: string): void;
  onChange(status: DeviceStatus): void;
  /** The date of a daily report is today's by this clock (default: the machine's). */
  now?(): Date;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The marker an in-doubt entry carries: the printer's completed-receipts counter before the attempt. */
export function sentMarker(receiptsCompleted: number): string {
  return `bn:${receiptsCompleted}`;
}

export function parseSentMarker(marker: string | null): number | null {
  const m = /^bn:(\d+)$/.exec(marker ?? '');
  return m ? Number(m[1]) : null;
}

const CONDITION_TEXT: Record<Exclude<FiscalCondition, 'ok'>, StatusText> = {
  offline: { key: 'fiscal.offline' },
  paper_out: { key: 'fiscal.paper_out' },
  cover_open: { key: 'fiscal.cover_open' },
  error: { key: 'fiscal.device_error' },
};
const conditionText = (condition: Exclude<FiscalCondition, 'ok'>): StatusText => CONDITION_TEXT[condition];

export class FiscalDrainer implements Drainer {
  private current: DeviceStatus;
  /** A refusal or an unresolvable receipt stays on screen until the next receipt goes through. */
  private attention: StatusText | null = null;
  /** A daily report refused or unresolvable stays on screen until the next one is made. */
  private reportAttention: StatusText | null = null;
  /** Failed daily reports among the lane's failed entries: the count of receipts not registered leaves them out. */
  private failedReports: number;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: FiscalDrainerDeps) {
    this.current = { name: deps.device.name, state: 'ok' };
    this.failedReports = entriesOfKind(deps.db, 'fiscal.dailyReport').filter((e) => e.status === 'failed').length;
    this.unsubscribe = deps.device.onCondition((condition) => {
      if (condition === 'ok') this.setStatus('ok', undefined);
      else this.setStatus('error', conditionText(condition));
    });
  }

  status(): DeviceStatus {
    return { ...this.current };
  }

  close(): void {
    this.unsubscribe();
  }

  async idle(): Promise<void> {
    const condition = await this.deps.device.condition();
    if (condition === 'ok') this.drained();
    else this.setStatus(condition === 'offline' ? 'offline' : 'error', conditionText(condition));
  }

  /** After the queue is through: ok, or a warning while refused receipts wait for a person. */
  drained(): void {
    const failed = countFailed(this.deps.db, 'fiscal') - this.failedReports;
    if (this.attention) this.setStatus('error', this.attention);
    else if (this.reportAttention) this.setStatus('error', this.reportAttention);
    else if (failed > 0) this.setStatus('warning', { key: 'fiscal.failed', details: { count: failed } });
    else this.setStatus('ok', undefined);
  }

  async run(job: Job, control: JobControl): Promise<JobOutcome> {
    if (job.kind === 'fiscal.dailyReport') return this.dailyReport(job, control);
    const { device, log } = this.deps;
    const doc = job.payload as Job<'fiscal.receipt'>['payload'];
    const label = doc.number || job.entry.documentId || job.entry.id;
    try {
      if (job.entry.status === 'in_doubt') {
        const verdict = await this.recover(job, doc, label, control);
        if (verdict !== 'retry') return verdict;
      }
      // Fresh attempt: learn the counter, close what someone left open, then commit the marker.
      let before = await device.lastRegistered();
      if (before.transactionOpen) {
        log(`fiscal: cancelling a transaction left open on ${device.name} before receipt ${label}`);
        await device.cancelOpen();
        before = await device.lastRegistered();
      }
      control.inDoubt(sentMarker(before.receiptsCompleted));
      const { fiscalRef } = await device.register(doc);
      this.attention = null;
      log(`fiscal: receipt ${label} registered as ${fiscalRef}`);
      return { outcome: 'done', result: fiscalRef, counted: false };
    } catch (error) {
      return this.failed(label, error);
    }
  }

  /** An in-doubt entry: did its receipt get through? 'retry' when it certainly did not. */
  private async recover(job: Job, doc: FiscalReceipt, label: string, control: JobControl): Promise<JobOutcome | 'retry'> {
    const { device, log } = this.deps;
    const marker = parseSentMarker(job.entry.marker);
    let state = await device.lastRegistered();
    if (state.transactionOpen) {
      // Our receipt never reached trend (power cut, cable pulled mid-receipt): close the half.
      log(`fiscal: receipt ${label} was interrupted mid-receipt; cancelling the open transaction`);
      await device.cancelOpen();
      state = await device.lastRegistered();
    }
    if (marker !== null && state.receiptsCompleted === marker) {
      log(`fiscal: receipt ${label} was not registered (printer counter still ${marker}); registering it`);
      control.notDone();
      return 'retry';
    }
    const receiptType = state.lastDocumentType === DOCUMENT_TYPE.receipt || state.lastDocumentType === DOCUMENT_TYPE.blockReceipt;
    if (marker !== null && state.receiptsCompleted === marker + 1 && receiptType && state.lastTotalMinor === doc.totalMinor) {
      const fiscalRef = `${state.lastReceiptNumber}/${state.lastPrintout}`;
      log(`fiscal: receipt ${label} had been registered as ${fiscalRef} before the interruption; not sending it again`);
      this.attention = null;
      return { outcome: 'done', result: fiscalRef, counted: false };
    }
    const why =
      marker === null
        ? 'the printer counter before the attempt is unknown'
        : `printer counter went from ${marker} to ${state.receiptsCompleted}, last receipt total ${state.lastTotalMinor} vs ${doc.totalMinor}`;
    this.attention = { key: 'fiscal.check_registered', details: { number: label } };
    this.setStatus('error', this.attention);
    return { outcome: 'failed', error: `cannot tell whether receipt ${label} was registered (${why}); check the printer's receipt copies`, counted: false };
  }

  /** The day close's daily report; passing problems retry with the report named in the status. */
  private async dailyReport(job: Job, control: JobControl): Promise<JobOutcome> {
    const { device, log } = this.deps;
    const zNumber = (job.payload as Job<'fiscal.dailyReport'>['payload']).zNumber;
    try {
      const verdict = await makeDailyReport(device, job, control, { log, now: () => this.deps.now?.() ?? new Date() });
      if (verdict.kind === 'done') {
        this.reportAttention = null;
        return { outcome: 'done', result: verdict.result, counted: false };
      }
      this.failedReports += 1;
      this.reportAttention =
        verdict.kind === 'refused'
          ? { key: 'fiscal.daily_report_refused', details: { number: zNumber, reason: verdict.reason } }
          : { key: 'fiscal.check_daily_report', details: { number: zNumber } };
      this.setStatus('error', this.reportAttention);
      const error = verdict.kind === 'refused' ? verdict.reason : `cannot tell whether the daily report was made (${verdict.why}); check the printer's daily reports`;
      log(`fiscal: daily report for Z ${zNumber}: ${error}`);
      return { outcome: 'failed', error, counted: false };
    } catch (error) {
      const message = errorText(error);
      log(`fiscal: daily report for Z ${zNumber} not made yet: ${message}`);
      if (error instanceof FiscalDeviceError && (error.kind === 'offline' || error.kind === 'uncertain')) {
        this.setStatus('offline', { key: 'fiscal.daily_report_waiting', details: { number: zNumber } });
      } else {
        this.setStatus('error', { key: 'fiscal.error', details: { reason: message } });
      }
      return { outcome: 'retry', error: message, counted: false };
    }
  }

  private failed(label: string, error: unknown): JobOutcome {
    const { db, log } = this.deps;
    const message = errorText(error);
    if (error instanceof FiscalDeviceError && error.kind === 'refused') {
      log(`fiscal: receipt ${label} refused: ${message}`);
      this.attention = { key: 'fiscal.refused', details: { number: label, reason: message } };
      this.setStatus('error', this.attention);
      return { outcome: 'failed', error: message, counted: false };
    }
    log(`fiscal: receipt ${label} not registered yet: ${message}`);
    if (error instanceof FiscalDeviceError && (error.kind === 'offline' || error.kind === 'uncertain')) {
      this.setStatus('offline', { key: 'fiscal.offline_waiting', details: { count: countOpen(db, 'fiscal') } });
    } else {
      this.setStatus('error', { key: 'fiscal.error', details: { reason: message } });
    }
    return { outcome: 'retry', error: message, counted: false };
  }

  private setStatus(state: DeviceState, message: StatusText | undefined): void {
    const same = this.current.state === state && JSON.stringify(this.current.message ?? null) === JSON.stringify(message ?? null);
    if (same) return;
    this.current = { name: this.current.name, state, ...(message ? { message } : {}) };
    this.deps.onChange(this.status());
  }
}
