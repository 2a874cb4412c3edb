/**
 * One command's conversation with a ZVT terminal, from its first message to the completion
 * (06 0F) or the abort (06 1E): prompts, status information, receipt text, and the outcome the
 * ECR reports to its caller.
 */
import type { Apdu } from './apdu.js';
import { parseBmps, transactionFields, type BmpField } from './bmp.js';
import { describeResult, describeStatus, describeTerminalStatus } from './codes.js';
import {
  PT,
  is,
  parseAbort,
  parseCompletion,
  parseIntermediateStatus,
  parsePrintLine,
  parsePrintTextBlock,
  type ReceiptType,
} from './messages.js';

export interface ZvtPrompt {
  code: number;
  /** insert_card | enter_pin | please_wait | remove_card | approved | declined | other */
  key: string;
  text: string;
}

export interface ZvtCompletion {
  amountMinor?: number;
  /** BMP 0B, 6 digits. */
  trace?: string;
  /** BMP 87, 4 digits: a reversal names the payment by it. */
  receiptNo?: string;
  /** BMP 29, 8 digits. */
  terminalId?: string;
  /** BMP 8B, or the name of the BMP 8A card type. */
  cardName?: string;
  /** BMP 22, masked digits as '*'. */
  pan?: string;
  /** BMP 0D as MM-DD (the terminal sends no year). */
  date?: string;
  /** BMP 0C as HH:MM:SS. */
  time?: string;
  /** BMP 3B: the host's authorisation attribute (approval code), as text. */
  aid?: string;
}

/** One receipt out of the print data; `printLines` has all of them one after the other. */
export interface ZvtReceipt {
  type: ReceiptType;
  lines: string[];
}

export interface ZvtOutcome {
  ok: boolean;
  /** 0 = success; else the result code (BMP 27, 06 1E, 84 xx; for status(): the terminal-status byte). */
  result: number;
  resultKey: string;
  resultText: string;
  /** What the terminal reported about the transaction (status information, completion); null if nothing. */
  completion: ZvtCompletion | null;
  printLines: string[];
  /** The same lines cut into receipts (customer / merchant / administration where the terminal says or the header tells). */
  receipts?: ZvtReceipt[];
}

export type Kind = 'registration' | 'authorization' | 'reversal' | 'refund' | 'end_of_day' | 'status' | 'repeat_receipt';

export const COMMAND_NAMES: Record<Kind, string> = {
  registration: 'registration (06 00)',
  authorization: 'authorization (06 01)',
  reversal: 'reversal (06 30)',
  refund: 'refund (06 31)',
  end_of_day: 'end of day (06 50)',
  status: 'status enquiry (05 01)',
  repeat_receipt: 'repeat receipt (06 20)',
};

export const TERMINAL_MESSAGES = [PT.intermediateStatus, PT.statusInformation, PT.completion, PT.abort, PT.printLine, PT.printTextBlock] as const;

function guessReceiptType(lines: readonly string[], kind: Kind): ReceiptType {
  const head = lines.join('\n');
  if (/customer|cardholder|kunden/i.test(head)) return 'customer';
  if (/merchant|h(ä|ae|\?)ndler/i.test(head)) return 'merchant';
  return kind === 'end_of_day' ? 'administration' : 'unknown';
}

/** One command's conversation with the terminal, from its first message to 06 0F / 06 1E. */
export class Exchange {
  readonly printLines: string[] = [];
  private readonly receipts: ZvtReceipt[] = [];
  private openReceipt: string[] = [];
  private readonly statusFields = new Map<number, Uint8Array>();
  private readonly endFields = new Map<number, Uint8Array>();
  private terminalStatus: number | null = null;
  private abortCode: number | null = null;
  private ending = false;
  private started = false;
  private outcome: ZvtOutcome | null = null;
  /** Built when 06 0F / 06 1E arrived, settled once our 80 00 00 is out. */
  private ended: ZvtOutcome | null = null;
  private error: Error | null = null;
  private readonly listeners = new Set<() => void>();
  onFirstMessage: (() => void) | null = null;

  constructor(
    readonly kind: Kind,
    private onPrompt: ((p: ZvtPrompt) => void) | undefined,
    private readonly encoding: string,
    private readonly log: ((m: string) => void) | undefined,
  ) {}

  get settled(): boolean {
    return this.outcome !== null || this.error !== null;
  }

  /** No more prompts to the caller that gave up on this exchange. */
  detach(): void {
    this.onPrompt = undefined;
  }

  handle(apdu: Apdu, acknowledged: Promise<unknown>): void {
    if (this.settled || this.ending) return;
    if (!this.started) {
      this.started = true;
      this.onFirstMessage?.();
    }
    if (is(apdu, PT.intermediateStatus)) {
      const status = parseIntermediateStatus(apdu.data, this.encoding);
      const described = describeStatus(status.code);
      const text = status.code === 0xff && status.texts.length ? status.texts.join(' ') : described.text;
      try {
        this.onPrompt?.({ code: status.code, key: described.key, text });
      } catch (err) {
        this.log?.(`zvt: onPrompt threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (is(apdu, PT.statusInformation)) {
      for (const field of parseBmps(apdu.data).fields) this.statusFields.set(field.tag, field.value);
    } else if (is(apdu, PT.printLine)) {
      const line = parsePrintLine(apdu.data, this.encoding);
      this.printLines.push(...line.lines);
      this.openReceipt.push(...line.lines);
      if (line.last) this.closeReceipt();
    } else if (is(apdu, PT.printTextBlock)) {
      this.closeReceipt();
      const block = parsePrintTextBlock(apdu.data, this.encoding);
      this.printLines.push(...block.lines);
      this.receipts.push({ type: block.type === 'unknown' ? guessReceiptType(block.lines, this.kind) : block.type, lines: block.lines });
    } else if (is(apdu, PT.completion)) {
      const completion = parseCompletion(apdu.data);
      for (const field of completion.fields) this.endFields.set(field.tag, field.value);
      this.terminalStatus = completion.terminalStatus;
      this.end(acknowledged);
    } else if (is(apdu, PT.abort)) {
      const abort = parseAbort(apdu.data);
      for (const field of abort.fields) this.endFields.set(field.tag, field.value);
      this.abortCode = abort.result;
      this.end(acknowledged);
    }
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.error = error;
    this.notify();
  }

  /** The outcome once the terminal hands back control; null when `ms` passes first. */
  wait(ms: number): Promise<ZvtOutcome | null> {
    if (this.outcome) return Promise.resolve(this.outcome);
    if (this.error) return Promise.reject(this.error);
    return new Promise<ZvtOutcome | null>((resolve, reject) => {
      const listener = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (this.error) reject(this.error);
        else resolve(this.outcome);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        // The terminal did hand back control; only our acknowledgement is still on its way.
        resolve(this.ended);
      }, Math.max(0, ms));
      this.listeners.add(listener);
    });
  }

  private end(acknowledged: Promise<unknown>): void {
    this.ending = true;
    const outcome = this.build();
    this.ended = outcome;
    // Settle once our 80 00 00 is out: the terminal has really let go when the caller goes on.
    void acknowledged.finally(() => {
      if (this.settled) return;
      this.outcome = outcome;
      this.notify();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private closeReceipt(): void {
    if (this.openReceipt.length === 0) return;
    this.receipts.push({ type: guessReceiptType(this.openReceipt, this.kind), lines: this.openReceipt });
    this.openReceipt = [];
  }

  private build(): ZvtOutcome {
    this.closeReceipt();
    const fields: BmpField[] = [...this.statusFields].map(([tag, value]) => ({ tag, value }));
    for (const [tag, value] of this.endFields) if (!this.statusFields.has(tag)) fields.push({ tag, value });
    const tf = transactionFields(fields, this.encoding);
    let result: number;
    let described: { key: string; text: string };
    if (this.abortCode !== null) {
      result = this.abortCode;
      described = describeResult(result);
    } else if (this.kind === 'status' && this.terminalStatus !== null) {
      result = this.terminalStatus;
      described = describeTerminalStatus(result);
    } else {
      result = tf.result ?? 0;
      described = describeResult(result);
    }
    const completion: ZvtCompletion = {};
    if (tf.amountMinor !== undefined) completion.amountMinor = tf.amountMinor;
    if (tf.trace !== undefined) completion.trace = tf.trace;
    if (tf.receiptNo !== undefined) completion.receiptNo = tf.receiptNo;
    if (tf.terminalId !== undefined) completion.terminalId = tf.terminalId;
    if (tf.cardName !== undefined) completion.cardName = tf.cardName;
    if (tf.pan !== undefined) completion.pan = tf.pan;
    if (tf.date !== undefined) completion.date = tf.date;
    if (tf.time !== undefined) completion.time = tf.time;
    if (tf.aid !== undefined) completion.aid = tf.aid;
    return {
      ok: this.abortCode === null && result === 0,
      result,
      resultKey: described.key,
      resultText: described.text,
      completion: Object.keys(completion).length ? completion : null,
      printLines: [...this.printLines],
      receipts: this.receipts.map((r) => ({ type: r.type, lines: [...r.lines] })),
    };
  }
}

