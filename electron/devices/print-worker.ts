import type { PrinterState as ContractPrinterState, PrinterStatusView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import {
  countPendingJobs,
  markJobAbandoned,
  markJobDone,
  markJobFailed,
  oldestPendingJob,
  setJobProgress,
  type PrintJobKind,
  type PrintJobRecord,
} from '../db/print-jobs-repo.js';
import { logDevice } from '../db/device-log-repo.js';
import type { EventBus } from '../app/event-bus.js';
import type { Clock } from '../usecases/ports.js';
import type { DrawerJob, PrintableReceipt, PrintableTestPage, ReceiptLabels } from '../../native/printer/document.js';
import type { PrinterProfile } from '../../native/printer/profiles.js';
import type { MonoBitmap } from '../../native/printer/pbm.js';
import { concatChunks, planDrawerKick, planReceipt, planTestPage, resumePrefix, type PrintChunk } from '../../native/printer/escpos.js';
import type { PrinterStatus } from '../../native/printer/escpos-printer.js';
import { describeCondition, describeState, printerState, type PrinterCondition, type PrinterState } from '../../native/printer/status.js';
import type { PrinterPort } from './printer-port.js';

export interface PrintProgress {
  jobId: string;
  kind: PrintJobKind;
  /** Chunks confirmed on paper so far (also stored in print_jobs.progress). */
  done: number;
  total: number;
  /** Name of the chunk just confirmed ('header', 'row 2', 'cut'…). */
  chunk: string;
}

export interface PrintWorkerDeps {
  db: Db;
  printer: PrinterPort | null;
  profile: PrinterProfile;
  labels: (locale: string) => ReceiptLabels;
  clock: Clock;
  events: EventBus;
  /** The shop logo, printed on receipts whose document asks for it (`logo: true`). */
  logo?: MonoBitmap | null;
  /** Delay before retrying a job the printer refused; grows to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * How often an idle printer is asked for its status, so the screen shows paper-out or an
   * unplugged cable before the next sale rather than after it. 0 turns polling off.
   */
  pollMs?: number;
  log?: (message: string) => void;
  /** Called after each chunk is confirmed and its progress stored (a progress bar; tests). */
  onProgress?: (progress: PrintProgress) => void;
}

/** What the contract's PrinterStatusView says for paper near end: printing, with a warning. */
export const PAPER_NEAR_END_MESSAGE = 'paper near end';

interface Plan {
  chunks: PrintChunk[];
  /** For the log and events. */
  receipt: PrintableReceipt | null;
  drawer: DrawerJob | null;
  label: string;
}

/**
 * Drains the print outbox: receipts, drawer kicks and test pages, oldest first, one at a time.
 *
 * A document goes out in chunks (see `planReceipt`); after each the printer's status is read
 * back and the job's `progress` stored. A fault (paper out, cover open, offline, unplugged)
 * leaves the job pending with its progress; once the printer is ready again the job resumes at
 * the first unconfirmed chunk, after re-initialising the printer, so no confirmed line prints
 * twice. A crash resumes the same way at the next start. A job is done only when every chunk is
 * confirmed, so a dead printer delays a receipt but never loses or blocks a sale.
 *
 * Faults, recoveries, resumes, reprints and drawer kicks go to the device log.
 */
export class PrintWorker {
  private state: PrinterState = 'ok';
  private message: string | undefined;
  private draining = false;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  /** The fault last logged, so a fault is logged once and its end once. */
  private faulted: PrinterCondition | null = null;
  private nearEnd = false;

  constructor(private readonly deps: PrintWorkerDeps) {
    if (!deps.printer) {
      this.state = 'unavailable';
      this.message = 'no printer configured';
    }
  }

  status(): PrinterStatusView {
    const nearEnd = this.state === 'paper_near_end';
    const state: ContractPrinterState = this.state === 'paper_near_end' ? 'ok' : this.state;
    const message = nearEnd ? PAPER_NEAR_END_MESSAGE : this.message;
    return {
      name: this.deps.printer?.name ?? '-',
      state,
      pendingJobs: countPendingJobs(this.deps.db),
      ...(message ? { message } : {}),
    };
  }

  /** The printer's own state, including the 'paper_near_end' warning the contract folds into 'ok'. */
  printerState(): PrinterState {
    return this.state;
  }

  /** At start-up: learn the printer's state and print what a crash or a dead printer left queued. */
  start(): void {
    void this.drain(true);
  }

  /** Something was queued (or the printer may be back): print what is pending now. */
  kick(): void {
    if (this.stopped) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    void this.drain();
  }

  /** Resolves when nothing is being printed right now (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.draining) await new Promise((r) => setTimeout(r, 10));
  }

  /** Stops after the chunk in flight (its progress is kept: the next worker resumes there). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.idle();
  }

  /** One printer conversation at a time: printing, retrying and polling all go through here. */
  private async drain(checkIdleStatus = false): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        const outcome = await this.printPending();
        if (outcome === 'nothing' && checkIdleStatus) await this.checkStatus();
        checkIdleStatus = false;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.deps.log?.(`print worker: ${String(error)}`);
      this.scheduleRetry();
    } finally {
      this.draining = false;
      this.schedulePoll();
    }
  }

  private async checkStatus(): Promise<void> {
    const { printer } = this.deps;
    if (!printer || this.stopped) return;
    const status = await printer.status();
    this.observe(status, null);
    const state = printerState(status);
    const message = this.messageFor(status);
    if (state !== this.state || message !== this.message) this.setState(state, message);
  }

  private messageFor(status: PrinterStatus): string | undefined {
    const state = printerState(status);
    if (state === 'ok' || state === 'paper_near_end') return undefined;
    return status.detail ?? describeState(state);
  }

  private async printPending(): Promise<'nothing' | 'printed' | 'failed'> {
    const { db, printer } = this.deps;
    if (!printer) return 'nothing';
    let outcome: 'nothing' | 'printed' = 'nothing';
    for (let job = oldestPendingJob(db); job && !this.stopped; job = oldestPendingJob(db)) {
      const result = await this.printJob(printer, job);
      if (result === 'failed') return 'failed';
      if (result === 'stopped') return outcome;
      outcome = 'printed';
    }
    return outcome;
  }

  private plan(job: PrintJobRecord): Plan {
    const { profile, labels, logo } = this.deps;
    switch (job.kind) {
      case 'drawer': {
        const drawer = JSON.parse(job.document) as DrawerJob;
        return { chunks: planDrawerKick(), receipt: null, drawer, label: 'drawer kick' };
      }
      case 'test': {
        const page = JSON.parse(job.document) as PrintableTestPage;
        return { chunks: planTestPage(page, labels(page.locale), profile), receipt: null, drawer: null, label: 'test page' };
      }
      case 'receipt':
      default: {
        const receipt = JSON.parse(job.document) as PrintableReceipt;
        const chunks = planReceipt(receipt, labels(receipt.locale), profile, { logo: logo ?? null });
        return { chunks, receipt, drawer: null, label: `receipt ${receipt.number ?? '(pro forma)'}` };
      }
    }
  }

  private async printJob(printer: PrinterPort, job: PrintJobRecord): Promise<'done' | 'failed' | 'stopped'> {
    const { db, clock, profile } = this.deps;
    let plan: Plan;
    try {
      plan = this.plan(job);
    } catch (error) {
      // A document that cannot be laid out never will be: set it aside rather than block the queue.
      const reason = `unprintable document: ${error instanceof Error ? error.message : String(error)}`;
      markJobAbandoned(db, job.id, reason);
      this.record('printer', 'job.unprintable', `${job.kind} ${job.id}: ${reason}`, job.receiptId);
      this.deps.log?.(`print worker: job ${job.id} set aside, ${reason}`);
      return 'done';
    }
    const { chunks } = plan;
    const total = chunks.length;
    const from = Math.min(job.progress, total);

    if (from < total) {
      const ready = await printer.status();
      this.observe(ready, job.receiptId);
      if (ready.condition !== 'ok') {
        this.fail(job, ready.condition, this.messageFor(ready) ?? describeCondition(ready.condition));
        return 'failed';
      }
      if (from > 0) this.record('printer', 'resume', `${plan.label} from part ${from + 1} of ${total} (${chunks[from]!.name})`, job.receiptId);
    }

    for (let k = from; k < total; k++) {
      if (this.stopped) return 'stopped';
      const chunk = chunks[k]!;
      // After a fault or a restart the printer may have lost its code table and styles.
      const bytes = k === from && from > 0 ? concatChunks([{ name: 'resume', bytes: resumePrefix(profile) }, chunk]) : chunk.bytes;
      const result = await printer.printChunk(bytes);
      if (!result.ok) {
        this.observe({ condition: result.condition, paperNearEnd: false }, job.receiptId, result.message);
        this.fail(job, result.condition, result.message, `${chunk.name}, part ${k + 1} of ${total}`);
        return 'failed';
      }
      this.observe({ condition: 'ok', paperNearEnd: result.paperNearEnd }, job.receiptId);
      setJobProgress(db, job.id, k + 1);
      this.deps.onProgress?.({ jobId: job.id, kind: job.kind, done: k + 1, total, chunk: chunk.name });
    }

    markJobDone(db, job.id, clock.now().toISOString(), total);
    this.failures = 0;
    this.afterPrinted(job, plan);
    this.setState(this.nearEnd ? 'paper_near_end' : 'ok', undefined);
    return 'done';
  }

  private afterPrinted(job: PrintJobRecord, plan: Plan): void {
    const { receipt, drawer } = plan;
    if (job.kind === 'drawer') {
      this.record('drawer', 'drawer.open', drawer?.reason ?? '', null);
      return;
    }
    if (job.kind === 'test') {
      this.record('printer', 'test.printed', this.deps.profile.id, null);
      return;
    }
    if (!receipt) return;
    if (receipt.copy) this.record('printer', 'reprint', receipt.number ?? '', job.receiptId);
    if (receipt.openDrawer) this.record('drawer', 'drawer.kick', receipt.number ?? '', job.receiptId);
    // A pro-forma has no number yet: the screen already said it went to the printer.
    if (receipt.number && job.receiptId) this.deps.events.emit('receipt.printed', { receiptId: job.receiptId, number: receipt.number });
  }

  private fail(job: PrintJobRecord, condition: PrinterCondition, message: string, where?: string): void {
    markJobFailed(this.deps.db, job.id, `${condition}: ${message}${where ? ` (${where})` : ''}`);
    this.setState(condition, message);
    this.scheduleRetry();
  }

  /**
   * Logs the transitions worth keeping: a fault (once, with the receipt it interrupted), the
   * recovery from it, paper near end and its end (a new roll).
   */
  private observe(status: PrinterStatus, receiptId: string | null, message?: string): void {
    const { condition } = status;
    if (condition === 'ok') {
      if (this.faulted !== null) this.record('printer', 'recovered', `after ${this.faulted}`, null);
      this.faulted = null;
      if (status.paperNearEnd !== this.nearEnd) {
        this.nearEnd = status.paperNearEnd;
        this.record('printer', this.nearEnd ? 'paper.near_end' : 'paper.replaced', '', null);
      }
      return;
    }
    if (this.faulted !== condition) {
      this.faulted = condition;
      this.record('printer', 'fault', `${condition}: ${message ?? status.detail ?? describeCondition(condition)}`, receiptId);
    }
  }

  private record(device: string, event: string, detail: string, receiptId: string | null): void {
    try {
      logDevice(this.deps.db, { at: this.deps.clock.now().toISOString(), device, event, detail, receiptId });
    } catch (error) {
      // The log is evidence, not a reason to stop printing.
      this.deps.log?.(`device log: ${String(error)}`);
    }
  }

  /** Emitted after every attempt: the pending count changes even when the state does not. */
  private setState(state: PrinterState, message: string | undefined): void {
    this.state = state;
    this.message = message;
    this.deps.events.emit('printer.changed', this.status());
  }

  private schedulePoll(): void {
    const pollMs = this.deps.pollMs ?? 10_000;
    if (this.stopped || !this.deps.printer || pollMs <= 0 || this.retryTimer || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.drain(true);
    }, pollMs);
    this.pollTimer.unref?.();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const base = this.deps.retryMs ?? 1000;
    const delay = Math.min(base * 2 ** this.failures, this.deps.maxRetryMs ?? 15_000);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain();
    }, delay);
    this.retryTimer.unref?.();
  }
}
