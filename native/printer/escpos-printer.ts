/**
 * ESC/POS printer driver over a ByteLink. It never throws for device trouble: an offline, empty
 * or unplugged printer is a normal answer the till shows to the clerk.
 *
 * One request at a time (a promise-chain mutex): DLE EOT replies carry no request id, so the only
 * way to match a reply to its query is to never have two queries in flight.
 */
import { statusQuery } from './escpos.js';
import type { ByteLink } from '../link/link.js';
import {
  conditionOf,
  decodeOfflineCause,
  decodePaperSensor,
  decodePrinterStatus,
  describeCondition,
  isStatusByte,
  type PrinterCondition,
  type StatusRequest,
} from './status.js';

export type { PrinterCondition, PrinterState } from './status.js';

export interface PrinterStatus {
  condition: PrinterCondition;
  /** DLE EOT 4 bits 2+3: still printing, the roll should be changed soon (see `printerState`). */
  paperNearEnd: boolean;
  /** Why the printer is unavailable when known (e.g. the port could not be opened). */
  detail?: string;
}

export type PrintResult = { ok: true } | { ok: false; condition: PrinterCondition; message: string };

/**
 * The answer to one chunk of a longer document: ok when the printer was still ready after taking
 * it (with the paper sensor), else the fault. A failed chunk may not have printed, or only partly.
 */
export type ChunkResult = { ok: true; paperNearEnd: boolean } | { ok: false; condition: PrinterCondition; message: string };

export class EscPosPrinter {
  private readonly replyTimeoutMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly link: ByteLink,
    opts: { replyTimeoutMs?: number } = {},
  ) {
    this.replyTimeoutMs = opts.replyTimeoutMs ?? 1000;
  }

  /** DLE EOT 1; when offline DLE EOT 2 for the cause; when online DLE EOT 4 for paper near end. */
  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /**
   * Checks status first and sends nothing unless the printer is ready; after writing, a DLE EOT 1
   * reply is the acknowledgement that the printer is still there and online.
   */
  print(bytes: Uint8Array): Promise<PrintResult> {
    return this.exclusive(async (): Promise<PrintResult> => {
      const before = await this.readStatus();
      if (before.condition !== 'ok') return failure(before.condition);
      try {
        await this.link.write(bytes);
      } catch (err) {
        return { ok: false, condition: 'unavailable', message: `Could not send to the printer: ${errorText(err)}` };
      }
      const after = await this.readCondition();
      if (after === 'ok') return { ok: true };
      if (after === 'unavailable') {
        return { ok: false, condition: after, message: 'Printer stopped answering after the receipt was sent; it may not have printed' };
      }
      // Bytes are in the printer's buffer; they may print (partly) once it is back online.
      return { ok: false, condition: after, message: `${describeCondition(after)} while printing; the receipt may be incomplete` };
    });
  }

  /**
   * Sends one chunk of a document whose readiness the caller has checked (with `status()` or the
   * previous chunk), then reads the status back: DLE EOT 1 (+2 when offline, +4 for the paper
   * sensor when ready). A failed write or no answer is 'unavailable'.
   */
  printChunk(bytes: Uint8Array): Promise<ChunkResult> {
    return this.exclusive(async (): Promise<ChunkResult> => {
      try {
        await this.link.write(bytes);
      } catch (err) {
        return { ok: false, condition: 'unavailable', message: `Could not send to the printer: ${errorText(err)}` };
      }
      const after = await this.readStatus();
      if (after.condition === 'ok') return { ok: true, paperNearEnd: after.paperNearEnd };
      if (after.condition === 'unavailable') {
        return { ok: false, condition: 'unavailable', message: 'Printer stopped answering; the last part sent may not have printed' };
      }
      return { ok: false, condition: after.condition, message: `${describeCondition(after.condition)} while printing; printing resumes where it stopped` };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let the request in progress finish (it times out at worst) before the link goes away.
    await this.queue.catch(() => undefined);
    await this.link.close();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readStatus(): Promise<PrinterStatus> {
    const condition = await this.readCondition();
    // Near end is only asked when ready: when not ready, the condition is what the clerk must fix.
    if (condition !== 'ok') return { condition, paperNearEnd: false };
    const paper = await this.query(4);
    // No n=4 answer from a printer that just answered n=1: report no warning rather than fail.
    const sensor = paper === null ? null : decodePaperSensor(paper);
    return { condition, paperNearEnd: sensor?.nearEnd ?? false };
  }

  private async readCondition(): Promise<PrinterCondition> {
    const first = await this.query(1);
    const printer = first === null ? null : decodePrinterStatus(first);
    if (!printer) return 'unavailable';
    if (!printer.offline) return 'ok';
    const second = await this.query(2);
    return conditionOf(printer, second === null ? null : decodeOfflineCause(second));
  }

  /**
   * Sends DLE EOT n and resolves with the first byte that looks like a status reply, or null on
   * timeout / write failure. Bytes that break the fixed bits are noise and skipped. The listener
   * and timer are removed on every path.
   */
  private query(n: StatusRequest): Promise<number | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise<number | null>((resolve) => {
      let settled = false;
      const finish = (value: number | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
      const unsubscribe = this.link.onData((chunk) => {
        for (const byte of chunk) {
          if (isStatusByte(byte)) {
            finish(byte);
            return;
          }
        }
      });
      const timer = setTimeout(() => finish(null), this.replyTimeoutMs);
      this.link.write(statusQuery(n)).catch(() => finish(null));
    });
  }
}

function failure(condition: PrinterCondition): PrintResult {
  return { ok: false, condition, message: describeCondition(condition) };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
