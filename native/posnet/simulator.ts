/**
 * The device side of a POSNET fiscal printer over any ByteLink: unit tests (memory link),
 * integration tests (socat PTY) and a person trying the till without hardware.
 *
 * It keeps what a real printer keeps — an open transaction with its lines and payments, the
 * receipt counters, the PTU table, the per-item rate history behind the tax ladder (error 2106) —
 * executes synchronous commands one at a time from a queue and answers async `!sprn` / `!sdev` at
 * once. Fault injection: paper out (printing commands wait until paper is back), slow replies,
 * a reply lost on the wire (still repeatable with `rpt`), a power cut right after executing a
 * command (no reply; replies in RAM lost), a pulled cable (silent), line noise between frames and
 * a damaged reply.
 */
import type { ByteLink } from '../link/link.js';
import { DEFAULT_ENCODING, FRAME_ERRORS, FrameSplitter, decodeFrame, encodeFrame, isTrue, param, type Frame, type FrameInput } from './frame.js';
import { CMD, DOCUMENT_TYPE, ERROR, FIELD, MECHANISM, PTU_LETTERS, RATE_EXEMPT_BP, RATE_INACTIVE_BP } from './spec.js';

export interface SimulatedLine {
  name: string;
  ptu: string;
  priceMinor: number;
  quantityMilli: number;
  /** price × quantity before the discount (`wa`). */
  grossMinor: number;
  discountMinor: number;
  /** What the line adds to the receipt. */
  valueMinor: number;
}

export interface SimulatedPayment {
  type: number;
  amountMinor: number;
  name: string;
}

export interface SimulatedReceipt {
  /** The receipt number printed in its footer (`scnt bt`). */
  number: number;
  /** The printout number in its header (`scnt hn`). */
  printout: number;
  lines: SimulatedLine[];
  payments: SimulatedPayment[];
  totalMinor: number;
  changeMinor: number;
}

export interface PosnetSimulatorOptions {
  /** PTU A–G in basis points; RATE_EXEMPT_BP = exempt, RATE_INACTIVE_BP = inactive. */
  vatRatesBp?: readonly number[];
  /** Delay before each synchronous command is executed. */
  replyDelayMs?: number;
  encoding?: string;
  /** A transaction open when power returns is cancelled (default), or left open. */
  cancelOnPowerReturn?: boolean;
}

const DEFAULT_RATES = [2300, 800, 500, 0, RATE_INACTIVE_BP, RATE_INACTIVE_BP, RATE_EXEMPT_BP];
/** Commands that print (and so wait while the paper is out). */
const PRINTING = new Set<string>([CMD.trinit, CMD.trline, CMD.trpayment, CMD.trend, CMD.prncancel, 'trcancel', CMD.dailyrep]);
const REPLY_BUFFER = 32;

interface Transaction {
  lines: SimulatedLine[];
  payments: SimulatedPayment[];
  change: SimulatedPayment[];
  /** Fiscal names → rate rank as this transaction would leave them (committed at trend). */
  ladder: Map<string, { rank: number; locked: boolean }>;
}

interface Queued {
  frame: Frame;
}

/** The printer's fiscal name: only letters and digits (case-insensitive), '.', ',', '%' and slashes count (trline note 12). */
export function posnetFiscalName(name: string): string {
  return name.toLocaleLowerCase('pl').replace(/[^\p{L}\p{N}.,%/\\]/gu, '');
}

function rateText(bp: number): string {
  return `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0')}`;
}

/** Exempt ("zw") ranks below 0 % for the tax ladder. */
function ladderRank(bp: number): number {
  return bp === RATE_EXEMPT_BP ? -1 : bp;
}

/** `il`: decimal with '.' or ',' → thousandths; null when malformed or not positive. */
function parseQuantityMilli(text: string | undefined): number | null {
  if (text === undefined) return 1000;
  const m = /^(\d+)(?:[.,](\d{1,3}))?$/.exec(text);
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return milli > 0 && Number.isSafeInteger(milli) ? milli : null;
}

function parseAmount(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** price × quantity, half-up to the grosz, without floating point. */
function timesQuantity(priceMinor: number, quantityMilli: number): number {
  return Number((BigInt(priceMinor) * BigInt(quantityMilli) + 500n) / 1000n);
}

export class PosnetSimulator {
  private readonly encoding: string;
  private readonly splitter = new FrameSplitter();
  private readonly unsubscribe: () => void;
  private readonly vat: number[];
  private replyDelayMs: number;
  private readonly cancelOnPowerReturn: boolean;

  private queue: Queued[] = [];
  private busy = false;
  private paperOut = false;
  private powered = true;
  private silent = false;
  private noise: Uint8Array | null = null;
  private corruptNext = false;
  private readonly dropReplies = new Map<string, number>();
  private readonly powerCutAfterCommands = new Set<string>();
  private readonly replies = new Map<string, Uint8Array>();

  private tx: Transaction | null = null;
  private readonly ladder = new Map<string, { rank: number; locked: boolean }>();
  private lastDoc: { type: number; rateTotals: number[]; paymentsMinor: number; changeMinor: number } = {
    type: DOCUMENT_TYPE.none,
    rateTotals: [0, 0, 0, 0, 0, 0, 0],
    paymentsMinor: 0,
    changeMinor: 0,
  };
  private counters = { receiptsCompleted: 0, receiptsCancelled: 0, lastReceipt: 0, dailyReports: 0, lastHeader: 0 };
  private salesSinceReport = false;
  private readonly completed: SimulatedReceipt[] = [];
  private readonly cancelled: SimulatedLine[][] = [];
  private readonly executed: Frame[] = [];
  private readonly receiptListeners = new Set<(receipt: SimulatedReceipt) => void>();
  private readonly commandListeners = new Set<(frame: Frame) => void>();

  constructor(
    private readonly link: ByteLink,
    opts: PosnetSimulatorOptions = {},
  ) {
    this.encoding = opts.encoding ?? DEFAULT_ENCODING;
    this.vat = [...(opts.vatRatesBp ?? DEFAULT_RATES)];
    if (this.vat.length !== 7) throw new Error('a POSNET PTU table has 7 rates (A–G)');
    this.replyDelayMs = opts.replyDelayMs ?? 0;
    this.cancelOnPowerReturn = opts.cancelOnPowerReturn ?? true;
    this.unsubscribe = link.onData((chunk) => this.receive(chunk));
  }

  // ---- what a test or a person can look at -------------------------------------------------

  /** Receipts closed with trend, in order. */
  receipts(): SimulatedReceipt[] {
    return this.completed.map((r) => ({ ...r, lines: [...r.lines], payments: [...r.payments] }));
  }

  /** Lines of every cancelled transaction. */
  cancelledTransactions(): SimulatedLine[][] {
    return this.cancelled.map((lines) => [...lines]);
  }

  /** Every synchronous command executed, in order (status queries included). */
  commands(): Frame[] {
    return [...this.executed];
  }

  /** Mnemonics of the executed commands, optionally without status queries. */
  commandNames(opts: { withStatus?: boolean } = {}): string[] {
    const status = new Set<string>([CMD.strns, CMD.scnt, CMD.sprn, CMD.sdev, CMD.vatget, CMD.rpt]);
    return this.executed.map((f) => f.command).filter((c) => opts.withStatus || !status.has(c));
  }

  counterValues(): { receiptsCompleted: number; receiptsCancelled: number; lastReceipt: number; dailyReports: number; lastHeader: number } {
    return { ...this.counters };
  }

  /** Bytes of line noise the device dropped between frames. */
  garbageBytes(): number {
    return this.splitter.garbageBytes();
  }

  transactionOpen(): boolean {
    return this.tx !== null;
  }

  /** Rate rank per fiscal name and whether it is locked (lowered once). */
  itemRates(): Map<string, { rateBp: number; locked: boolean }> {
    return new Map([...this.ladder].map(([name, v]) => [name, { rateBp: v.rank < 0 ? RATE_EXEMPT_BP : v.rank, locked: v.locked }]));
  }

  onReceipt(listener: (receipt: SimulatedReceipt) => void): () => void {
    const wrapped = (r: SimulatedReceipt): void => listener(r);
    this.receiptListeners.add(wrapped);
    return () => {
      this.receiptListeners.delete(wrapped);
    };
  }

  /** After each executed synchronous command (before its reply leaves): lets a test act mid-receipt. */
  onCommand(listener: (frame: Frame) => void): () => void {
    const wrapped = (f: Frame): void => listener(f);
    this.commandListeners.add(wrapped);
    return () => {
      this.commandListeners.delete(wrapped);
    };
  }

  // ---- faults ------------------------------------------------------------------------------

  /** Paper out: printing commands wait in the queue until paper is back; `!sprn` says pr5. */
  setPaperOut(out: boolean): void {
    this.paperOut = out;
    if (!out) void this.pump();
  }

  setReplyDelay(ms: number): void {
    this.replyDelayMs = ms;
  }

  /** Execute the next `count` such commands but lose their replies on the wire (`rpt` still has them). */
  dropReplyTo(command: string, count = 1): void {
    this.dropReplies.set(command, (this.dropReplies.get(command) ?? 0) + count);
  }

  /** Power fails right after executing the next such command: no reply, nothing answered until powerOn(). */
  powerCutAfter(command: string): void {
    this.powerCutAfterCommands.add(command);
  }

  /** Power back: RAM (queued commands, kept replies) is gone; an open transaction is cancelled (by default). */
  powerOn(): void {
    if (this.powered) return;
    this.powered = true;
    this.queue = [];
    this.replies.clear();
    this.splitter.reset();
    if (this.tx && this.cancelOnPowerReturn) this.cancelTransaction();
  }

  powerOff(): void {
    this.powered = false;
  }

  /** Cable pulled: bytes are lost both ways, the device state stays. */
  setSilent(silent: boolean): void {
    this.silent = silent;
    if (!silent) void this.pump();
  }

  /** Garbage written before every reply (line noise between frames). */
  setNoise(bytes: Uint8Array | null): void {
    this.noise = bytes;
  }

  /** The next reply gets a damaged byte (bad checksum on the other side). */
  corruptNextReply(): void {
    this.corruptNext = true;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.receiptListeners.clear();
    this.commandListeners.clear();
    await this.link.close();
  }

  // ---- wire --------------------------------------------------------------------------------

  private receive(chunk: Uint8Array): void {
    if (!this.powered || this.silent) return;
    for (const raw of this.splitter.push(chunk)) {
      const decoded = decodeFrame(raw, this.encoding);
      if (!decoded.ok) {
        const params: [string, string][] = decoded.command ? [['cm', decoded.command]] : [];
        this.send({ command: 'ERR', token: decoded.token, error: decoded.error, params });
        continue;
      }
      const frame = decoded.frame;
      if (frame.async) {
        this.send(this.immediate(frame));
        continue;
      }
      this.queue.push({ frame });
    }
    void this.pump();
  }

  private send(reply: FrameInput | Uint8Array | null): void {
    if (!reply || !this.powered || this.silent) return;
    let bytes = reply instanceof Uint8Array ? reply : encodeFrame(reply, this.encoding);
    if (this.corruptNext && bytes.length > 4) {
      this.corruptNext = false;
      bytes = bytes.slice();
      bytes[2] = bytes[2] === 0x41 ? 0x42 : 0x41; // inside the command mnemonic: the CRC no longer matches
    }
    const out = this.noise ? Uint8Array.from([...this.noise, ...bytes]) : bytes;
    void this.link.write(out).catch(() => undefined);
  }

  private immediate(frame: Frame): FrameInput {
    const base = { command: frame.command, token: frame.token };
    if (frame.command === CMD.sprn) return { ...base, params: [[FIELD.sprn.mechanism, this.paperOut ? MECHANISM.paperOut : MECHANISM.ok]] };
    if (frame.command === CMD.sdev) {
      const idle = this.queue.length === 0 && !this.busy;
      return {
        ...base,
        params: [
          [FIELD.sdev.device, this.paperOut ? 3 : 0],
          ['cp', 1],
          [FIELD.sdev.queueEmpty, idle ? 1 : 0],
          [FIELD.sdev.paperNearEnd, 0],
          ['tl', 0],
        ],
      };
    }
    return { command: 'ERR', token: frame.token, error: FRAME_ERRORS.immediateForbidden, params: [['cm', frame.command]] };
  }

  /** Executes queued synchronous commands one at a time, in order. */
  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0 && this.powered && !this.silent) {
        const next = this.queue[0]!;
        if (this.paperOut && PRINTING.has(next.frame.command)) return; // resumes from setPaperOut(false)
        if (this.replyDelayMs > 0) await new Promise((r) => setTimeout(r, this.replyDelayMs));
        if (!this.powered || this.silent || this.queue[0] !== next) continue;
        if (this.paperOut && PRINTING.has(next.frame.command)) return;
        this.queue.shift();
        const frame = next.frame;
        const reply = this.execute(frame);
        this.executed.push(frame);
        for (const listener of [...this.commandListeners]) listener(frame);
        const bytes = reply === null ? null : reply instanceof Uint8Array ? reply : encodeFrame(reply, this.encoding);
        if (bytes && frame.token && frame.command !== CMD.rpt) {
          this.replies.set(frame.token, bytes);
          if (this.replies.size > REPLY_BUFFER) this.replies.delete(this.replies.keys().next().value!);
        }
        if (this.powerCutAfterCommands.delete(frame.command)) {
          this.powered = false;
          this.queue = [];
          return;
        }
        const drops = this.dropReplies.get(frame.command) ?? 0;
        if (drops > 0) {
          this.dropReplies.set(frame.command, drops - 1);
          continue;
        }
        this.send(bytes);
      }
    } finally {
      this.busy = false;
    }
  }

  // ---- commands ----------------------------------------------------------------------------

  private execute(frame: Frame): FrameInput | Uint8Array | null {
    const ok = (params: FrameInput['params'] = []): FrameInput => ({ command: frame.command, token: frame.token, params });
    const refuse = (error: number): FrameInput => ({ command: frame.command, token: frame.token, error });
    switch (frame.command) {
      case CMD.trinit:
        if (this.tx) return refuse(ERROR.transactionMode);
        this.tx = { lines: [], payments: [], change: [], ladder: new Map() };
        this.lastDoc = { type: DOCUMENT_TYPE.receipt, rateTotals: [0, 0, 0, 0, 0, 0, 0], paymentsMinor: 0, changeMinor: 0 };
        this.counters.lastHeader += 1;
        return ok();
      case CMD.trline:
        return this.trline(frame, ok, refuse);
      case CMD.trpayment:
        return this.trpayment(frame, ok, refuse);
      case CMD.trend:
        return this.trend(frame, ok, refuse);
      case CMD.prncancel:
      case 'trcancel':
        if (this.tx) this.cancelTransaction();
        return ok();
      case CMD.strns: {
        const totals = this.tx ? this.rateTotals(this.tx.lines) : this.lastDoc.rateTotals;
        const payments = this.tx ? this.tx.payments.reduce((s, p) => s + p.amountMinor, 0) : this.lastDoc.paymentsMinor;
        const change = this.tx ? this.tx.change.reduce((s, p) => s + p.amountMinor, 0) : this.lastDoc.changeMinor;
        return ok([
          [FIELD.strns.open, this.tx ? 1 : 0],
          [FIELD.strns.documentType, this.tx ? DOCUMENT_TYPE.receipt : this.lastDoc.type],
          ...FIELD.strns.rateTotals.map((id, i) => [id, totals[i] ?? 0] as const),
          ['pp', 0],
          ['pm', 0],
          [FIELD.strns.change, change],
          [FIELD.strns.payments, payments],
          ['fe', 0],
        ]);
      }
      case CMD.scnt:
        return ok([
          [FIELD.scnt.dailyReports, this.counters.dailyReports],
          [FIELD.scnt.lastHeader, this.counters.lastHeader],
          [FIELD.scnt.receiptsCompleted, this.counters.receiptsCompleted],
          ['fn', 0],
          ['nu', 'SIM 0000000001'],
          [FIELD.scnt.receiptsCancelled, this.counters.receiptsCancelled],
          [FIELD.scnt.lastReceipt, this.counters.lastReceipt],
          ['fc', 0],
        ]);
      case CMD.sprn:
      case CMD.sdev:
        return this.immediate(frame);
      case CMD.vatget:
        return ok(FIELD.vatget.rates.map((id, i) => [id, rateText(this.vat[i]!)] as const));
      case CMD.dailyrep: {
        if (this.tx) return refuse(ERROR.transactionMode);
        if (!this.salesSinceReport && this.counters.dailyReports > 0) return refuse(382);
        this.counters.dailyReports += 1;
        this.counters.lastHeader += 1;
        this.salesSinceReport = false;
        return ok();
      }
      case CMD.rpt: {
        const kept = frame.token ? this.replies.get(frame.token) : undefined;
        return kept ?? { command: 'ERR', token: frame.token, error: FRAME_ERRORS.tokenNotFound, params: [['cm', CMD.rpt]] };
      }
      default:
        return { command: 'ERR', token: frame.token, error: FRAME_ERRORS.unknownCommand, params: [['cm', frame.command]] };
    }
  }

  private trline(frame: Frame, ok: () => FrameInput, refuse: (e: number) => FrameInput): FrameInput {
    const tx = this.tx;
    if (!tx) return refuse(ERROR.badState);
    const f = FIELD.trline;
    const name = param(frame, f.name);
    const vt = param(frame, f.rate);
    const price = parseAmount(param(frame, f.price));
    if (name === undefined || vt === undefined || param(frame, f.price) === undefined) return refuse(FRAME_ERRORS.missingField);
    if (name.trim() === '' || name.length > 80 || posnetFiscalName(name) === '') return refuse(ERROR.nameError);
    if (!/^[0-6]$/.test(vt)) return refuse(ERROR.vatField);
    const rateBp = this.vat[Number(vt)]!;
    if (rateBp === RATE_INACTIVE_BP) return refuse(ERROR.vatField);
    if (price === null || price <= 0) return refuse(ERROR.priceField);
    if (isTrue(param(frame, f.storno))) return refuse(1990); // storno is not simulated
    const quantityMilli = parseQuantityMilli(param(frame, f.quantity));
    if (quantityMilli === null) return refuse(ERROR.quantityField);
    const gross = timesQuantity(price, quantityMilli);
    const sentTotal = param(frame, f.total);
    if (sentTotal !== undefined && parseAmount(sentTotal) !== gross) return refuse(ERROR.lineVerify);
    const isDiscount = param(frame, f.isDiscount) === undefined || isTrue(param(frame, f.isDiscount));
    const percent = parseAmount(param(frame, f.discountPercent));
    const amount = parseAmount(param(frame, f.discountAmount));
    let discount = 0;
    if (percent !== null) discount = Math.round((gross * percent) / 10_000);
    else if (amount !== null) discount = amount;
    if (percent !== null && amount !== null && amount !== discount) return refuse(2801);
    const value = isDiscount ? gross - discount : gross + discount;
    if (value <= 0 || (isDiscount && discount > gross)) return refuse(1985);
    // Tax ladder: once an item's rate was lowered it may not be raised again.
    const key = posnetFiscalName(name);
    const rank = ladderRank(rateBp);
    const known = tx.ladder.get(key) ?? this.ladder.get(key);
    if (known) {
      if (known.locked && rank > known.rank) return refuse(ERROR.itemLocked);
      tx.ladder.set(key, { rank, locked: known.locked || rank < known.rank });
    } else {
      tx.ladder.set(key, { rank, locked: false });
    }
    tx.lines.push({
      name,
      ptu: PTU_LETTERS[Number(vt)]!,
      priceMinor: price,
      quantityMilli,
      grossMinor: gross,
      discountMinor: isDiscount ? discount : -discount,
      valueMinor: value,
    });
    return ok();
  }

  private trpayment(frame: Frame, ok: () => FrameInput, refuse: (e: number) => FrameInput): FrameInput {
    const tx = this.tx;
    if (!tx) return refuse(ERROR.badState);
    const f = FIELD.trpayment;
    const type = param(frame, f.type);
    const amount = parseAmount(param(frame, f.amount));
    if (type === undefined || param(frame, f.amount) === undefined) return refuse(FRAME_ERRORS.missingField);
    if (!/^[02-8]$/.test(type)) return refuse(2705);
    if (amount === null || amount <= 0) return refuse(1962);
    const entry = { type: Number(type), amountMinor: amount, name: param(frame, f.name) ?? '' };
    if (isTrue(param(frame, f.change))) tx.change.push(entry);
    else tx.payments.push(entry);
    return ok();
  }

  private trend(frame: Frame, ok: () => FrameInput, refuse: (e: number) => FrameInput): FrameInput {
    const tx = this.tx;
    if (!tx) return refuse(ERROR.badState);
    if (tx.lines.length === 0) return refuse(ERROR.emptyReceipt);
    const f = FIELD.trend;
    const total = tx.lines.reduce((s, l) => s + l.valueMinor, 0);
    const paid = tx.payments.reduce((s, p) => s + p.amountMinor, 0);
    const changeSent = tx.change.reduce((s, p) => s + p.amountMinor, 0);
    const to = param(frame, f.total);
    if (to !== undefined && parseAmount(to) !== total) return refuse(ERROR.totalVerify);
    const fp = param(frame, f.payments);
    if (fp !== undefined && parseAmount(fp) !== paid) return refuse(ERROR.paymentVerify);
    const re = param(frame, f.change);
    if (re !== undefined && parseAmount(re) !== changeSent) return refuse(ERROR.changeVerify);
    if (total <= 0) return refuse(ERROR.zeroReceipt);
    let payments = tx.payments;
    let change = changeSent;
    if (payments.length === 0) {
      payments = [{ type: 0, amountMinor: total, name: '' }]; // no payment forms: cash, exact
    } else if (tx.change.length > 0) {
      if (paid - changeSent !== total) return refuse(ERROR.paymentsDoNotCover);
    } else {
      if (paid < total) return refuse(ERROR.paymentsDoNotCover);
      change = paid - total; // the device works the change out itself
    }
    for (const [key, value] of tx.ladder) this.ladder.set(key, value);
    this.counters.receiptsCompleted += 1;
    this.counters.lastReceipt += 1;
    this.salesSinceReport = true;
    this.lastDoc = { type: DOCUMENT_TYPE.receipt, rateTotals: this.rateTotals(tx.lines), paymentsMinor: paid, changeMinor: change };
    const receipt: SimulatedReceipt = {
      number: this.counters.lastReceipt,
      printout: this.counters.lastHeader,
      lines: tx.lines,
      payments,
      totalMinor: total,
      changeMinor: change,
    };
    this.tx = null;
    this.completed.push(receipt);
    for (const listener of [...this.receiptListeners]) listener(receipt);
    return ok();
  }

  private cancelTransaction(): void {
    if (!this.tx) return;
    this.cancelled.push(this.tx.lines);
    this.lastDoc = { type: DOCUMENT_TYPE.receipt, rateTotals: this.rateTotals(this.tx.lines), paymentsMinor: 0, changeMinor: 0 };
    this.counters.receiptsCancelled += 1;
    this.tx = null;
  }

  private rateTotals(lines: readonly SimulatedLine[]): number[] {
    const totals = [0, 0, 0, 0, 0, 0, 0];
    for (const line of lines) totals[PTU_LETTERS.indexOf(line.ptu as (typeof PTU_LETTERS)[number])]! += line.valueMinor;
    return totals;
  }
}
