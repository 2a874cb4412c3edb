import type { PrinterState, PrinterStatusView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import { countPendingJobs, markJobDone, markJobFailed, oldestPendingJob } from '../db/print-jobs-repo.js';
import type { EventBus } from '../app/event-bus.js';
import type { Clock } from '../usecases/ports.js';
import type { PrintableReceipt, ReceiptLabels } from '../../native/printer/document.js';
import type { PrinterProfile } from '../../native/printer/profiles.js';
import { encodeReceipt } from '../../native/printer/escpos.js';
import { describeCondition } from '../../native/printer/status.js';
import type { PrinterPort } from './printer-port.js';

export interface PrintWorkerDeps {
  db: Db;
  printer: PrinterPort | null;
  profile: PrinterProfile;
  labels: (locale: string) => ReceiptLabels;
  clock: Clock;
  events: EventBus;
  /** Delay before retrying a job the printer refused; grows to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /**
   * How often an idle printer is asked for its status, so the screen shows paper-out or an
   * unplugged cable before the next sale rather than after it. 0 turns polling off.
   */
  pollMs?: number;
  log?: (message: string) => void;
}

/**
 * Drains the print outbox. A job is marked done only after the printer acknowledged it, so a
 * crash or a dead printer delays a receipt but never loses or blocks a sale. One job at a time,
 * oldest first, so receipts come out in the order they were confirmed.
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

  constructor(private readonly deps: PrintWorkerDeps) {
    if (!deps.printer) {
      this.state = 'unavailable';
      this.message = 'no printer configured';
    }
  }

  status(): PrinterStatusView {
    return {
      name: this.deps.printer?.name ?? '-',
      state: this.state,
      pendingJobs: countPendingJobs(this.deps.db),
      ...(this.message ? { message: this.message } : {}),
    };
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
    if (!printer) return;
    const { condition } = await printer.status();
    if (condition !== this.state) this.setState(condition, condition === 'ok' ? undefined : describeCondition(condition));
  }

  private async printPending(): Promise<'nothing' | 'printed' | 'failed'> {
    const { db, printer, profile, labels, clock, events } = this.deps;
    if (!printer) return 'nothing';
    let outcome: 'nothing' | 'printed' = 'nothing';
    for (let job = oldestPendingJob(db); job && !this.stopped; job = oldestPendingJob(db)) {
      const document = JSON.parse(job.document) as PrintableReceipt;
      const result = await printer.print(encodeReceipt(document, labels(document.locale), profile));
      if (!result.ok) {
        markJobFailed(db, job.id, `${result.condition}: ${result.message}`);
        this.setState(result.condition, result.message);
        this.scheduleRetry();
        return 'failed';
      }
      markJobDone(db, job.id, clock.now().toISOString());
      this.failures = 0;
      outcome = 'printed';
      this.setState('ok', undefined);
      // A pro-forma has no number yet: the screen already said it went to the printer.
      if (document.number) events.emit('receipt.printed', { receiptId: job.receiptId, number: document.number });
    }
    return outcome;
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
