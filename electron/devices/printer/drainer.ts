import type { PrinterState as ContractPrinterState, PrinterStatusView, StatusText } from '../../contract/api.js';
import { logDevice } from '../../db/device-log-repo.js';
import type { Db } from '../../db/open.js';
import { countOpen, type OutboxEntry } from '../../db/outbox-repo.js';
import type { Drainer, Job, JobControl, JobOutcome } from '../../effects/worker.js';
import type { PrintableReceipt } from '../../usecases/printable.js';
import type { Clock } from '../../usecases/ports.js';
import type { PrintableReceipt as PaperDocument, ReceiptLabels } from '../../../native/printer/document.js';
import { concatChunks, planDrawerKick, planReceipt, planTestPage, resumePrefix, type PrintChunk } from '../../../native/printer/escpos.js';
import type { PrinterStatus } from '../../../native/printer/escpos-printer.js';
import type { MonoBitmap } from '../../../native/printer/pbm.js';
import type { PrinterProfile } from '../../../native/printer/profiles.js';
import { describeCondition, printerState, type PrinterCondition, type PrinterState } from '../../../native/printer/status.js';
import type { PrinterPort } from './port.js';

// The core's paper is exactly what the ESC/POS layout prints.
const _samePaper: (paper: PrintableReceipt) => PaperDocument = (paper) => paper;
void _samePaper;

export interface PrintProgress {
  jobId: string;
  kind: string;
  /** Chunks confirmed on paper so far (also the outbox entry's progress). */
  done: number;
  total: number;
  /** Name of the chunk just confirmed ('header', 'row 2', 'cut'…). */
  chunk: string;
}

export interface PrintDrainerDeps {
  db: Db;
  printer: PrinterPort;
  profile: PrinterProfile;
  labels: (locale: string) => ReceiptLabels;
  clock: Clock;
  /** The shop logo, printed on receipts whose paper asks for it. */
  logo?: MonoBitmap | null;
  log?: (message: string) => void;
  /** After every attempt and state change: the printer as the screen shows it. */
  onStatus(status: PrinterStatusView): void;
  /** A numbered receipt is on paper. */
  onPrinted?(receiptId: string, number: string): void;
  /** After each chunk is confirmed and its progress stored (a progress bar; tests). */
  onProgress?(progress: PrintProgress): void;
}

interface Plan {
  chunks: PrintChunk[];
  receipt: PrintableReceipt | null;
  label: string;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Carries out the printer lane: receipts, drawer kicks and test pages, in the order they were
 * queued. A document goes out in chunks (see `planReceipt`); after each the printer's status is
 * read back and the entry's progress stored. A fault (paper out, cover open, offline, unplugged)
 * leaves the entry with its progress; once the printer is ready again it resumes at the first
 * unconfirmed chunk, after re-initialising the printer, so no confirmed line prints twice. A crash
 * resumes the same way at the next start. Faults, recoveries, resumes, reprints and drawer kicks
 * go to the device log.
 */
export class PrintDrainer implements Drainer {
  private state: PrinterState = 'ok';
  private detail: string | undefined;
  /** The fault last logged, so a fault is logged once and its end once. */
  private faulted: PrinterCondition | null = null;
  private nearEnd = false;

  constructor(private readonly deps: PrintDrainerDeps) {}

  status(): PrinterStatusView {
    const state: ContractPrinterState = this.state === 'paper_near_end' ? 'ok' : this.state;
    const message: StatusText | undefined =
      this.state === 'paper_near_end'
        ? { key: 'printer.paper_near_end' }
        : this.detail !== undefined && this.state !== 'ok'
          ? { key: 'printer.detail', details: { text: this.detail } }
          : undefined;
    return {
      name: this.deps.printer.name,
      state,
      pendingJobs: countOpen(this.deps.db, 'printer'),
      ...(message ? { message } : {}),
    };
  }

  /** The printer's own state, including the 'paper_near_end' warning the contract folds into 'ok'. */
  printerState(): PrinterState {
    return this.state;
  }

  async idle(): Promise<void> {
    const status = await this.deps.printer.status();
    this.observe(status, null);
    const state = printerState(status);
    const detail = state === 'ok' || state === 'paper_near_end' ? undefined : status.detail;
    // The screen hears of a change, not of every poll.
    if (state !== this.state || detail !== this.detail) this.setState(state, detail);
  }

  async run(job: Job, control: JobControl): Promise<JobOutcome> {
    const { printer, profile } = this.deps;
    let plan: Plan;
    try {
      plan = this.plan(job);
    } catch (error) {
      // A document that cannot be laid out never will be: set it aside rather than block the queue.
      const reason = `unprintable document: ${errorText(error)}`;
      this.record('printer', 'job.unprintable', `${job.kind} ${job.entry.id}: ${reason}`, job.entry.documentId);
      this.deps.log?.(`printer: ${job.entry.id} set aside, ${reason}`);
      return { outcome: 'failed', error: reason, counted: true };
    }
    const { chunks } = plan;
    const total = chunks.length;
    const from = Math.min(job.entry.progress, total);

    if (from < total) {
      const ready = await printer.status();
      this.observe(ready, job.entry.documentId);
      if (ready.condition !== 'ok') return this.fail(ready.condition, ready.detail);
      if (from > 0) this.record('printer', 'resume', `${plan.label} from part ${from + 1} of ${total} (${chunks[from]!.name})`, job.entry.documentId);
    }

    for (let k = from; k < total; k++) {
      if (control.stopping()) return { outcome: 'stopped' };
      const chunk = chunks[k]!;
      // After a fault or a restart the printer may have lost its code table and styles.
      const bytes = k === from && from > 0 ? concatChunks([{ name: 'resume', bytes: resumePrefix(profile) }, chunk]) : chunk.bytes;
      const result = await printer.printChunk(bytes);
      if (!result.ok) {
        this.observe({ condition: result.condition, paperNearEnd: false }, job.entry.documentId, result.message);
        return this.fail(result.condition, result.message, `${chunk.name}, part ${k + 1} of ${total}`);
      }
      this.observe({ condition: 'ok', paperNearEnd: result.paperNearEnd }, job.entry.documentId);
      control.progress(k + 1);
      this.deps.onProgress?.({ jobId: job.entry.id, kind: job.kind, done: k + 1, total, chunk: chunk.name });
    }
    this.afterPrinted(job, plan);
    return { outcome: 'done', counted: true };
  }

  /** An entry whose paper cannot be read is set aside: the device log says which and why. */
  setAside(entry: OutboxEntry, reason: string): void {
    this.record('printer', 'job.unprintable', `${entry.kind} ${entry.id}: ${reason}`, entry.documentId);
  }

  /** Once the outcome is stored: the screen learns the printer's state and what is still waiting. */
  after(_job: Job, outcome: JobOutcome): void {
    if (outcome.outcome === 'done') this.setState(this.nearEnd ? 'paper_near_end' : 'ok', undefined);
  }

  private plan(job: Job): Plan {
    const { profile, labels, logo } = this.deps;
    const payload = job.payload;
    switch (job.kind) {
      case 'print.drawer':
        return { chunks: planDrawerKick(), receipt: null, label: 'drawer kick' };
      case 'print.test': {
        const page = payload as Job<'print.test'>['payload'];
        return { chunks: planTestPage(page, labels(page.locale), profile), receipt: null, label: 'test page' };
      }
      case 'print.receipt': {
        const receipt = payload as Job<'print.receipt'>['payload'];
        const chunks = planReceipt(receipt, labels(receipt.locale), profile, { logo: logo ?? null });
        return { chunks, receipt, label: `receipt ${receipt.number ?? '(pro forma)'}` };
      }
      default:
        throw new Error(`the printer does not carry out ${job.kind}`);
    }
  }

  private afterPrinted(job: Job, plan: Plan): void {
    const documentId = job.entry.documentId;
    if (job.kind === 'print.drawer') {
      this.record('drawer', 'drawer.open', (job.payload as Job<'print.drawer'>['payload']).reason, null);
      return;
    }
    if (job.kind === 'print.test') {
      this.record('printer', 'test.printed', this.deps.profile.id, null);
      return;
    }
    const receipt = plan.receipt;
    if (!receipt) return;
    if (receipt.copy) this.record('printer', 'reprint', receipt.number ?? '', documentId);
    if (receipt.openDrawer) this.record('drawer', 'drawer.kick', receipt.number ?? '', documentId);
    // A pro-forma has no number yet: the screen already said it went to the printer.
    if (receipt.number && documentId) this.deps.onPrinted?.(documentId, receipt.number);
  }

  private fail(condition: PrinterCondition, detail: string | undefined, where?: string): JobOutcome {
    this.setState(condition, detail);
    return { outcome: 'retry', error: `${condition}: ${detail ?? describeCondition(condition)}${where ? ` (${where})` : ''}`, counted: true };
  }

  /**
   * Logs the transitions worth keeping: a fault (once, with the receipt it interrupted), the
   * recovery from it, paper near end and its end (a new roll).
   */
  private observe(status: PrinterStatus, documentId: string | null, message?: string): void {
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
      this.record('printer', 'fault', `${condition}: ${message ?? status.detail ?? describeCondition(condition)}`, documentId);
    }
  }

  private record(device: string, event: string, detail: string, receiptId: string | null): void {
    try {
      logDevice(this.deps.db, { at: this.deps.clock.now().toISOString(), device, event, detail, receiptId });
    } catch (error) {
      // The log is evidence, not a reason to stop printing.
      this.deps.log?.(`device log: ${errorText(error)}`);
    }
  }

  private setState(state: PrinterState, detail: string | undefined): void {
    this.state = state;
    this.detail = state === 'ok' || state === 'paper_near_end' ? undefined : detail;
    this.deps.onStatus(this.status());
  }
}
