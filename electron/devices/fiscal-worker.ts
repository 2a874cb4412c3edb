/**
 * Drains the fiscal outbox (fiscal_jobs) onto the fiscal printer, one receipt at a time, oldest
 * first, registering each exactly once:
 *
 *  1. read the printer's counters (`strns`, `scnt`); cancel a transaction someone left open;
 *  2. mark the job `sent` with attempts + 1 and the completed-receipts counter, committed on its
 *     own — before anything that could register a receipt is sent;
 *  3. trinit → trline… → trpayment… → trend; on success `done` with the printed reference.
 *
 * A job found `sent` (a crash, a timeout, a lost reply, a power cut) is never simply sent again.
 * The printer is asked first: with a transaction still open, it is cancelled and the receipt
 * registered again; with the counter unchanged, it was not registered — register it; with the
 * counter one higher and the last receipt's total equal to ours, it was — mark it done. Anything
 * else cannot be told apart safely and goes to `failed` for a person to check on the printer.
 *
 * A receipt the printer refuses (a document error: tax ladder, bad rate…) is `failed` too, with the
 * printer's error; the queue moves on. Everything transient (offline, paper out, day report
 * missing) is retried with back-off. The status shown to the cashier follows along (onChange).
 */
import type { DeviceState, DeviceStatus } from '../contract/api.js';
import type { Db } from '../db/open.js';
import {
  countFailedFiscalJobs,
  countOpenFiscalJobs,
  markFiscalJobDone,
  markFiscalJobFailed,
  markFiscalJobSent,
  nextOpenFiscalJob,
  noteFiscalJobError,
  parseSentMarker,
  type FiscalJobRecord,
} from '../db/fiscal-jobs-repo.js';
import type { FiscalReceipt } from '../domain/fiscal-receipt.js';
import type { Clock } from '../usecases/ports.js';
import { DOCUMENT_TYPE } from '../../native/posnet/spec.js';
import { FiscalDeviceError, type FiscalDevice, type FiscalDocument } from '../../native/posnet/driver.js';

/** The worker's documents are the domain's FiscalReceipt; the driver takes them as they are. */
const _sameShape: (doc: FiscalReceipt) => FiscalDocument = (doc) => doc;
void _sameShape;

export type FiscalStatus = DeviceStatus;

export interface FiscalWorkerDeps {
  db: Db;
  device: FiscalDevice | null;
  clock: Clock;
  log(message: string): void;
  onChange(status: { name: string; state: DeviceState; message?: string }): void;
  /** First retry delay; doubles up to `maxRetryMs`. Default 1000. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Idle status poll (paper out shows before the next sale). 0 = off. Default 15 s. */
  pollMs?: number;
}

type Outcome = 'nothing' | 'progress' | 'stuck';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class FiscalWorker {
  private current: { name: string; state: DeviceState; message?: string };
  private draining = false;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  /** A refusal / an unresolvable job stays on screen until the next receipt goes through. */
  private attention: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: FiscalWorkerDeps) {
    const name = deps.device?.name ?? 'fiscal printer';
    this.current = deps.device ? { name, state: 'ok' } : { name, state: 'none' };
    this.unsubscribe =
      deps.device?.onCondition((condition) => {
        if (condition === 'ok') this.setStatus('ok', undefined);
        else this.setStatus('error', condition === 'paper_out' ? 'Fiscal printer: paper out' : `Fiscal printer: ${condition.replace('_', ' ')}`);
      }) ?? (() => undefined);
  }

  status(): { name: string; state: DeviceState; message?: string } {
    return { ...this.current };
  }

  /** At start-up: finish what a crash left `sent`, register what is pending, learn the printer's state. */
  start(): void {
    if (!this.deps.device) return;
    void this.drain(true);
  }

  /** A receipt was queued (or the printer may be back). */
  kick(): void {
    if (this.stopped || !this.deps.device) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    void this.drain();
  }

  /** Resolves when no job is being worked on. */
  async idle(): Promise<void> {
    while (this.draining) await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * Stops taking jobs and waits (up to `waitMs`) for the receipt in progress. A receipt still
   * waiting for the printer then (paper out) stays `sent`; the next start asks the printer about
   * it, so closing the device afterwards is safe.
   */
  async stop(waitMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.retryTimer = null;
    this.pollTimer = null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
    this.unsubscribe();
  }

  private async drain(checkIdle = false): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        const outcome = await this.work();
        if (outcome === 'stuck') {
          this.scheduleRetry();
          break;
        }
        if (outcome === 'nothing' && checkIdle) await this.checkIdle();
        checkIdle = false;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.deps.log(`fiscal worker: ${errorText(error)}`);
      this.scheduleRetry();
    } finally {
      this.draining = false;
      this.schedulePoll();
    }
  }

  private async checkIdle(): Promise<void> {
    const device = this.deps.device;
    if (!device) return;
    const condition = await device.condition();
    if (condition === 'ok') this.settled();
    else if (condition === 'offline') this.setStatus('offline', 'Fiscal printer does not answer');
    else this.setStatus('error', condition === 'paper_out' ? 'Fiscal printer: paper out' : `Fiscal printer: ${condition.replace('_', ' ')}`);
  }

  /** Registers open jobs until none is left or one cannot go through now. */
  private async work(): Promise<Outcome> {
    const { db, device } = this.deps;
    if (!device) return 'nothing';
    let outcome: Outcome = 'nothing';
    for (let job = nextOpenFiscalJob(db); job && !this.stopped; job = nextOpenFiscalJob(db)) {
      const result = await this.process(device, job);
      if (result === 'stuck') return 'stuck';
      outcome = 'progress';
    }
    if (outcome === 'progress') this.settled();
    return outcome;
  }

  private async process(device: FiscalDevice, job: FiscalJobRecord): Promise<'done' | 'failed' | 'stuck'> {
    const { db, clock, log } = this.deps;
    let doc: FiscalReceipt;
    try {
      doc = JSON.parse(job.document) as FiscalReceipt;
    } catch (error) {
      markFiscalJobFailed(db, job.id, `unreadable fiscal document: ${errorText(error)}`);
      return 'failed';
    }
    const label = doc.number || job.receiptId;
    try {
      if (job.status === 'sent') {
        const verdict = await this.recover(device, job, doc);
        if (verdict === 'registered' || verdict === 'ambiguous') return verdict === 'registered' ? 'done' : 'failed';
      }
      // Fresh attempt: learn the counter, close what someone left open, then commit `sent`.
      let before = await device.lastRegistered();
      if (before.transactionOpen) {
        log(`fiscal: cancelling a transaction left open on ${device.name} before receipt ${label}`);
        await device.cancelOpen();
        before = await device.lastRegistered();
      }
      markFiscalJobSent(db, job.id, before.receiptsCompleted);
      const { fiscalRef } = await device.register(doc);
      markFiscalJobDone(db, job.id, fiscalRef, clock.now().toISOString());
      this.failures = 0;
      this.attention = null;
      log(`fiscal: receipt ${label} registered as ${fiscalRef}`);
      return 'done';
    } catch (error) {
      return this.failed(job, label, error);
    }
  }

  /**
   * A job left `sent`: did its receipt get through? Returns 'retry' when it certainly did not (and
   * nothing is open on the printer any more), so the caller registers it again.
   */
  private async recover(device: FiscalDevice, job: FiscalJobRecord, doc: FiscalReceipt): Promise<'registered' | 'retry' | 'ambiguous'> {
    const { db, clock, log } = this.deps;
    const label = doc.number || job.receiptId;
    const marker = parseSentMarker(job.fiscalRef);
    let state = await device.lastRegistered();
    if (state.transactionOpen) {
      // Our receipt never reached trend (power cut, cable pulled mid-receipt): close the half.
      log(`fiscal: receipt ${label} was interrupted mid-receipt; cancelling the open transaction`);
      await device.cancelOpen();
      state = await device.lastRegistered();
    }
    if (marker !== null && state.receiptsCompleted === marker) {
      log(`fiscal: receipt ${label} was not registered (printer counter still ${marker}); registering it`);
      return 'retry';
    }
    const receiptType = state.lastDocumentType === DOCUMENT_TYPE.receipt || state.lastDocumentType === DOCUMENT_TYPE.blockReceipt;
    if (marker !== null && state.receiptsCompleted === marker + 1 && receiptType && state.lastTotalMinor === doc.totalMinor) {
      const fiscalRef = `${state.lastReceiptNumber}/${state.lastPrintout}`;
      markFiscalJobDone(db, job.id, fiscalRef, clock.now().toISOString());
      log(`fiscal: receipt ${label} had been registered as ${fiscalRef} before the interruption; not sending it again`);
      this.failures = 0;
      this.attention = null;
      return 'registered';
    }
    const why =
      marker === null
        ? 'the printer counter before the attempt is unknown'
        : `printer counter went from ${marker} to ${state.receiptsCompleted}, last receipt total ${state.lastTotalMinor} vs ${doc.totalMinor}`;
    markFiscalJobFailed(db, job.id, `cannot tell whether receipt ${label} was registered (${why}); check the printer's receipt copies`);
    this.attention = `Receipt ${label}: check on the fiscal printer whether it was registered`;
    this.setStatus('error', this.attention);
    return 'ambiguous';
  }

  private failed(job: FiscalJobRecord, label: string, error: unknown): 'failed' | 'stuck' {
    const { db, log } = this.deps;
    const message = errorText(error);
    if (error instanceof FiscalDeviceError && error.kind === 'refused') {
      markFiscalJobFailed(db, job.id, message);
      log(`fiscal: receipt ${label} refused: ${message}`);
      this.attention = `Receipt ${label} was refused by the fiscal printer: ${message}`;
      this.setStatus('error', this.attention);
      return 'failed';
    }
    noteFiscalJobError(db, job.id, message);
    log(`fiscal: receipt ${label} not registered yet: ${message}`);
    if (error instanceof FiscalDeviceError && (error.kind === 'offline' || error.kind === 'uncertain')) {
      this.setStatus('offline', `Fiscal printer does not answer; ${countOpenFiscalJobs(db)} receipt(s) waiting`);
    } else {
      this.setStatus('error', message);
    }
    return 'stuck';
  }

  /** After the queue is through: ok, or a warning while refused receipts wait for a person. */
  private settled(): void {
    const failed = countFailedFiscalJobs(this.deps.db);
    if (this.attention) this.setStatus('error', this.attention);
    else if (failed > 0) this.setStatus('warning', `${failed} receipt(s) not registered on the fiscal printer: check them`);
    else this.setStatus('ok', undefined);
  }

  private setStatus(state: DeviceState, message: string | undefined): void {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { name: this.current.name, state, ...(message ? { message } : {}) };
    this.deps.onChange(this.status());
  }

  private schedulePoll(): void {
    const pollMs = this.deps.pollMs ?? 15_000;
    if (this.stopped || !this.deps.device || pollMs <= 0 || this.retryTimer || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.drain(true);
    }, pollMs);
    this.pollTimer.unref?.();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    if (this.pollTimer) {
      clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }
    const base = this.deps.retryMs ?? 1000;
    const delay = Math.min(base * 2 ** this.failures, this.deps.maxRetryMs ?? 30_000);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain();
    }, delay);
    this.retryTimer.unref?.();
  }
}
