import { planDayReport } from '../../../native/printer/report.js';
import { planCashMovement } from '../../../native/printer/movement.js';
import type { PrinterState as ContractPrinterState, PrinterStatusView, StatusText } from '../../contract/api.js';
import { logDevice } from '../../db/device-log-repo.js';
import type { Db } from '../../db/open.js';
import { countOpen, type OutboxEntry } from '../../db/outbox-repo.js';
import type { Drainer, Job, JobControl, JobOutcome } from '../../effects/worker.js';
import type { PrintableReceipt } from '../../usecases/printable.js';
import type { Clock } from '../../usecases/ports.js';
import { FALLBACK_LABELS, type PrintableReceipt as PaperDocument, type ReceiptLabels } from '../../../native/printer/document.js';
import { commandCompletion, concatChunks, continuedChunk, planDrawerKick, planReceipt, planTestPage, resumePrefix, type PrintChunk } from '../../../native/printer/escpos.js';
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

export interface PrintPlan {
  chunks: PrintChunk[];
  receipt: PrintableReceipt | null;
  label: string;
  /** The language of the paper: its "— continued —" line is in it. */
  locale: string;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The outbox marker of a chunk on its way to the printer, committed before its first byte is sent. */
export const sendingMarker = (chunk: number): string => `sending chunk ${chunk}`;

/** The chunk a marker says was being sent, or null. */
export function chunkBeingSent(marker: string | null): number | null {
  const m = /^sending chunk (\d+)$/.exec(marker ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * NULs enough to finish whatever command the printer may be left inside when a chunk resumes: one
 * of the chunk's own, or one of the lead sent in front of it last time (the continued line or the
 * resume prefix: ESC @, ESC t n, ESC a n). A till that died two bytes into "ESC t n" would
 * otherwise have the next ESC taken as n and its "@" printed in front of the continued line.
 */
export function resumeCompletion(chunk: PrintChunk, continued: PrintChunk, profile: PrinterProfile): Uint8Array {
  return commandCompletion({ name: chunk.name, bytes: concatChunks([{ name: 'resume', bytes: resumePrefix(profile) }, continued, chunk]) });
}

/** The chunks of a printer job exactly as the drainer sends them (also what a soak test expects on paper). */
export function planPrintJob(
  job: Pick<Job, 'kind' | 'payload'>,
  deps: Pick<PrintDrainerDeps, 'profile' | 'labels' | 'logo'>,
): PrintPlan {
  const { profile, labels, logo } = deps;
  switch (job.kind) {
    case 'print.drawer':
      return { chunks: planDrawerKick(), receipt: null, label: 'drawer kick', locale: 'en' };
    case 'print.test': {
      const page = job.payload as Job<'print.test'>['payload'];
      return { chunks: planTestPage(page, labels(page.locale), profile), receipt: null, label: 'test page', locale: page.locale };
    }
    case 'print.report': {
      const report = job.payload as Job<'print.report'>['payload'];
      const label = report.kind === 'z' ? `Z report ${report.zNumber ?? ''}` : 'X report';
      return { chunks: planDayReport(report, labels(report.locale).report ?? {}, profile), receipt: null, label, locale: report.locale };
    }
    case 'print.movement': {
      const movement = job.payload as Job<'print.movement'>['payload'];
      return { chunks: planCashMovement(movement, labels(movement.locale).movement ?? {}, profile), receipt: null, label: movement.kind.replace('_', ' '), locale: movement.locale };
    }
    case 'print.receipt': {
      const receipt = job.payload as Job<'print.receipt'>['payload'];
      const chunks = planReceipt(receipt, labels(receipt.locale), profile, { logo: logo ?? null });
      return { chunks, receipt, label: `receipt ${receipt.number ?? '(pro forma)'}`, locale: receipt.locale };
    }
    default:
      throw new Error(`the printer does not carry out ${job.kind}`);
  }
}

/**
 * Carries out the printer lane: receipts, drawer kicks and test pages, in the order they were
 * queued. A document goes out in chunks (see `planReceipt`). Before a chunk is sent the entry's
 * marker says so (committed); after it the printer's status is read back and the entry's
 * progress stored. A fault (paper out, cover open, offline, unplugged) or a crash leaves the
 * entry with both; once the printer is ready again (or at the next start) the job resumes:
 * - at the first chunk never sent, after re-initialising the printer, when the marker is behind
 *   the progress: nothing is on paper twice;
 * - at the chunk that was being sent, after a "— continued —" line, when the marker points at
 *   it: the printer may have printed it (a printer prints what it took while ready, even when
 *   it reports a fault right after), so a repetition is marked, never silent. Reprinting the
 *   whole receipt marked COPY instead would leave the customer without an original whenever the
 *   lost chunk never printed; the marker keeps one original, complete, with its seam visible;
 * - past a drawer kick that was being sent: it counts as done, since a second kick opens the
 *   drawer with nobody expecting it (the device log says the kick is unconfirmed).
 * Faults, recoveries, resumes, reprints and drawer kicks go to the device log.
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
    let plan: PrintPlan;
    try {
      plan = planPrintJob(job, this.deps);
    } catch (error) {
      // A document that cannot be laid out never will be: set it aside rather than block the queue.
      const reason = `unprintable document: ${errorText(error)}`;
      this.record('printer', 'job.unprintable', `${job.kind} ${job.entry.id}: ${reason}`, job.entry.documentId);
      this.deps.log?.(`printer: ${job.entry.id} set aside, ${reason}`);
      return { outcome: 'failed', error: reason, counted: true };
    }
    const { chunks } = plan;
    const total = chunks.length;
    const documentId = job.entry.documentId;
    let from = Math.min(job.entry.progress, total);
    // The chunk at `from` was being sent when the till or the printer was lost: it may be on
    // paper, wholly, in part or not at all.
    let unsure = from < total && chunkBeingSent(job.entry.marker) === from;
    let kickUnsure = false;
    if (unsure && chunks[from]!.name === 'drawer') {
      // A second kick would open the drawer again with nobody expecting it: a kick that may have
      // happened counts as done, and the log says it is not sure. Only a kick the printer got in
      // part is finished (it was on its way), so that it does not swallow the next paper.
      const ready = await printer.status();
      this.observe(ready, documentId);
      if (ready.condition !== 'ok') return this.fail(ready.condition, ready.detail);
      const finished = await printer.printChunk(commandCompletion(chunks[from]!));
      if (!finished.ok) return this.fail(finished.condition, finished.message, `${chunks[from]!.name}, part ${from + 1} of ${total}`);
      this.record('drawer', 'drawer.unconfirmed', `${plan.label}: the printer was lost while the kick was sent; not repeated`, documentId);
      control.progress(from + 1);
      from += 1;
      unsure = false;
      kickUnsure = true;
    }

    if (from < total) {
      const ready = await printer.status();
      this.observe(ready, documentId);
      if (ready.condition !== 'ok') return this.fail(ready.condition, ready.detail);
      if (from > 0 || unsure) {
        const again = unsure ? ', after a "continued" line (that part may be on paper already)' : '';
        this.record('printer', 'resume', `${plan.label} from part ${from + 1} of ${total} (${chunks[from]!.name})${again}`, documentId);
      }
    }

    for (let k = from; k < total; k++) {
      if (control.stopping()) return { outcome: 'stopped' };
      const chunk = chunks[k]!;
      if (chunk.name === 'drawer' && k > from) {
        // The kick is never repeated, so it goes out only to a printer that says it is ready now,
        // not merely after the previous part (which it may still be printing).
        const ready = await printer.status();
        this.observe(ready, documentId);
        if (ready.condition !== 'ok') return this.fail(ready.condition, ready.detail, `${chunk.name}, part ${k + 1} of ${total}`);
      }
      // After a fault or a restart the printer may have lost its code table and styles; a part
      // that may be on paper already follows a visible "continued" line.
      let lead: PrintChunk[] = [];
      if (k === from && unsure) {
        const continued = continuedChunk(this.deps.labels(plan.locale).continued ?? FALLBACK_LABELS.continued, profile, plan.locale);
        lead = [{ name: 'completion', bytes: resumeCompletion(chunk, continued, profile) }, continued];
      } else if (k === from && from > 0) lead = [{ name: 'resume', bytes: resumePrefix(profile) }];
      const bytes = lead.length > 0 ? concatChunks([...lead, chunk]) : chunk.bytes;
      // Committed before the first byte: after a crash or a fault this part counts as maybe printed.
      control.note(sendingMarker(k));
      const result = await printer.printChunk(bytes);
      if (!result.ok) {
        this.observe({ condition: result.condition, paperNearEnd: false }, documentId, result.message);
        return this.fail(result.condition, result.message, `${chunk.name}, part ${k + 1} of ${total}`);
      }
      this.observe({ condition: 'ok', paperNearEnd: result.paperNearEnd }, documentId);
      control.progress(k + 1);
      this.deps.onProgress?.({ jobId: job.entry.id, kind: job.kind, done: k + 1, total, chunk: chunk.name });
    }
    this.afterPrinted(job, plan, kickUnsure);
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

  private afterPrinted(job: Job, plan: PrintPlan, kickUnsure: boolean): void {
    const documentId = job.entry.documentId;
    if (job.kind === 'print.drawer') {
      if (!kickUnsure) this.record('drawer', 'drawer.open', (job.payload as Job<'print.drawer'>['payload']).reason, null);
      return;
    }
    if (job.kind === 'print.test') {
      this.record('printer', 'test.printed', this.deps.profile.id, null);
      return;
    }
    const receipt = plan.receipt;
    if (!receipt) return;
    if (receipt.copy) this.record('printer', 'reprint', receipt.number ?? '', documentId);
    if (receipt.openDrawer && !kickUnsure) this.record('drawer', 'drawer.kick', receipt.number ?? '', documentId);
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
