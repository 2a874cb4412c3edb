/**
 * A ZVT payment terminal over any ByteLink: the other end of a socat PTY pair in tests and in the
 * till's demo, or a TCP connection (ZVT over IP).
 *
 * It keeps what a terminal keeps — the day's journal (receipt numbers, trace numbers, reversed or
 * not), the last transaction for "repeat receipt", the registration (currency, config byte) — and
 * plays scripted behaviour for the next authorization: approve, decline, PIN prompt, slow answers,
 * a dropped line (approved inside the terminal, nothing more reaches the ECR), a late approval
 * (answers after the ECR gave up), a NAK and a damaged frame (the ECR must resend / NAK); and a
 * dropped line after an end of day (the batch closed inside the terminal, no answer reaches the ECR).
 *
 * Every message it sends waits for the ECR's 80 00 00 before the next one, like a terminal. A
 * command that arrives while a transaction runs is refused with 84 9C (busy), except 06 B0 (abort).
 */
import type { ByteLink } from '../link/link.js';
import { apduName, decodeApdu, type Apdu } from './apdu.js';
import { decodeAmount, decodeBcd, isDecimal } from './bcd.js';
import { BMP, bmp, bmpMap } from './bmp.js';
import { cardTypeName, currencyLetters } from './codes.js';
import { ACK_CLASS, CMD, CONFIG, DEFAULT_ENCODING, LAST_LINE, NACK_CLASS, ackApdu, commandFields, is, message, nackApdu } from './messages.js';
import { createTransport, type LineStats, type SendOptions, type ZvtTransport } from './transport.js';

export interface ZvtSimScript {
  /** What the next authorization does. */
  outcome: 'approve' | 'decline' | 'pin' | 'slow' | 'drop' | 'late_approval' | 'bad_crc_once';
  /** slow: pause before each message (default 1000); late_approval: wait before the result (default 2000); pin: time at the PIN prompt. */
  delayMs?: number;
  /** decline: the result code (default 0x05, declined by the issuer). */
  resultCode?: number;
}

export interface ZvtSimulatorOptions {
  transport?: 'serial' | 'tcp';
  /** 8 digits, default '52001234'. */
  terminalId?: string;
  /** e.g. 66: amounts ending in 66 cents are declined (insufficient funds, 0x33), like the till's old simulator. */
  declineAmountsEndingIn?: number;
  /** Pause between the terminal's messages while the "card" is handled. Default 20 ms. */
  stepMs?: number;
  /** ACK of a frame and the ECR's 80 00 00 to a message. Default 5000. */
  ackTimeoutMs?: number;
  /** Send receipts as 06 D3 text blocks instead of 06 D1 lines. */
  printTextBlocks?: boolean;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface ZvtSimAuthorization {
  amountMinor: number;
  /** '' when not approved. */
  receiptNo: string;
  /** '' when aborted before the host was asked. */
  trace: string;
  reversed: boolean;
  approved: boolean;
}

export interface ZvtSimTransaction {
  kind: 'authorization' | 'reversal' | 'refund' | 'end_of_day';
  /** 0 = approved. */
  result: number;
  approved: boolean;
  amountMinor: number;
  trace: string;
  /** '' for declines and the end of day. */
  receiptNo: string;
  /** Reversal: the receipt it cancelled. */
  reversedReceiptNo?: string;
  /** Authorization: reversed since. */
  reversed: boolean;
  /** MMDD, HHMMSS as sent in BMP 0D / 0C. */
  date: string;
  time: string;
  pan: string;
  cardName: string;
  cardType: number;
  aid: string;
  /** The receipts as printed (customer, then merchant; the end of day: one report). */
  receipts: string[][];
  /** Closed by an end of day: no reversal any more. */
  closed: boolean;
}

interface Job {
  aborted: boolean;
  /** Past the host's answer: 06 B0 is refused from here on. */
  committed: boolean;
  wake: (() => void) | null;
}

const WIDTH = 32;
const center = (text: string): string => text.padStart(Math.floor((WIDTH + text.length) / 2)).padEnd(WIDTH).replace(/\s+$/, '');
const spread = (left: string, right: string): string => `${left}${' '.repeat(Math.max(1, WIDTH - left.length - right.length))}${right}`;

function formatAmount(minor: number, currency: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${currencyLetters(currency)} ${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export class ZvtSimulator {
  private readonly transport: ZvtTransport;
  private readonly terminalId: string;
  private readonly stepMs: number;
  private readonly ackTimeoutMs: number;
  private readonly scripts: ZvtSimScript[] = [];
  private readonly auths: ZvtSimAuthorization[] = [];
  private readonly journal: ZvtSimTransaction[] = [];
  private dropReversal = false;
  private dropEndOfDay = false;
  private readonly received: string[] = [];
  private last: ZvtSimTransaction | null = null;
  private job: Job | null = null;
  private apduAck: ((apdu: Apdu | null) => void) | null = null;
  private configByte: number = CONFIG.all;
  private currency = 978;
  private traceNo = 0;
  private receiptNo = 0;
  private nakSent = new WeakSet<ZvtSimScript>();
  private closed = false;

  constructor(
    private readonly link: ByteLink,
    private readonly options: ZvtSimulatorOptions = {},
  ) {
    this.terminalId = options.terminalId ?? '52001234';
    if (!/^\d{1,8}$/.test(this.terminalId)) throw new RangeError(`terminal id must be up to 8 digits: '${this.terminalId}'`);
    this.stepMs = options.stepMs ?? 20;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.transport = createTransport(
      link,
      options.transport ?? 'serial',
      { onApdu: (apdu) => this.receive(apdu) },
      { ackTimeoutMs: this.ackTimeoutMs, retries: 3, rejectFrame: (apdu) => this.rejectFrame(apdu), log: options.log },
    );
  }

  /** Queue behaviour for the next authorization (first in, first out); default approve. */
  script(next: ZvtSimScript): void {
    this.scripts.push({ ...next });
  }

  /** The next reversal is carried out, but its answer never reaches the ECR (a line dropped mid-cancel). */
  dropNextReversalAnswer(): void {
    this.dropReversal = true;
  }

  /** The next end of day is carried out (the batch closed), but its answer never reaches the ECR. */
  dropNextEndOfDayAnswer(): void {
    this.dropEndOfDay = true;
  }

  /** End-of-day runs the terminal carried out (06 50), in order: a batch is closed once per day. */
  endsOfDay(): ZvtSimTransaction[] {
    return this.transactions().filter((t) => t.kind === 'end_of_day');
  }

  /** Reversals the terminal carried out (06 30 approved), in order: a refund must never be given twice. */
  reversals(): { amountMinor: number; reversedReceiptNo: string }[] {
    return this.journal.filter((t) => t.kind === 'reversal' && t.approved).map((t) => ({ amountMinor: t.amountMinor, reversedReceiptNo: t.reversedReceiptNo ?? '' }));
  }

  /** Every authorization the terminal saw (one entry per 06 01 it accepted), in order. */
  authorizations(): ZvtSimAuthorization[] {
    return this.auths.map((a) => ({ ...a }));
  }

  /** What 06 20 would repeat: the last payment, reversal, refund or end of day; null before any. */
  lastTransaction(): ZvtSimTransaction | null {
    return this.last ? { ...this.last, receipts: this.last.receipts.map((r) => [...r]) } : null;
  }

  /** Every transaction of the day (and earlier days, marked closed). */
  transactions(): ZvtSimTransaction[] {
    return this.journal.map((t) => ({ ...t, receipts: t.receipts.map((r) => [...r]) }));
  }

  /** The commands the terminal accepted off the line, e.g. ['06 00', '06 01']. */
  commands(): string[] {
    return [...this.received];
  }

  /** Frames, ACKs, NAKs and resends on the terminal's side of the line. */
  lineStats(): LineStats {
    return this.transport.stats();
  }

  /** Whether a transaction is running (the terminal has control). */
  busy(): boolean {
    return this.job !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.job) {
      this.job.aborted = true;
      this.job.wake?.();
    }
    this.apduAck?.(null);
    this.transport.detach();
    await this.link.close();
  }

  // ---- receiving --------------------------------------------------------------------------

  private rejectFrame(bytes: Uint8Array): boolean {
    // bad_crc_once: the authorization command is NAKed once, as if it had arrived damaged.
    const next = this.scripts[0];
    if (bytes[0] !== CMD.authorization[0] || bytes[1] !== CMD.authorization[1] || next?.outcome !== 'bad_crc_once' || this.nakSent.has(next)) return false;
    this.nakSent.add(next);
    this.options.log?.('zvt-sim: NAK for the authorization frame (scripted)');
    return true;
  }

  private receive(bytes: Uint8Array): void {
    if (this.closed) return;
    let apdu: Apdu;
    try {
      apdu = decodeApdu(bytes);
    } catch {
      void this.reply(nackApdu(0x9a));
      return;
    }
    if (apdu.cls === ACK_CLASS || apdu.cls === NACK_CLASS) {
      const waiter = this.apduAck;
      this.apduAck = null;
      waiter?.(apdu);
      return;
    }
    this.received.push(apduName(apdu));
    if (is(apdu, CMD.abort)) {
      this.abortRequested();
      return;
    }
    if (this.job) {
      void this.reply(nackApdu(0x9c));
      return;
    }
    const password = 3;
    if (is(apdu, CMD.registration)) {
      const config = apdu.data[3];
      const cc = apdu.data.length >= 6 ? decodeBcd(apdu.data.subarray(4, 6)) : '';
      if (config !== undefined) this.configByte = config;
      if (isDecimal(cc)) this.currency = Number(cc);
      this.start(() => this.tell(message.completion([bmp.paymentType(0x00), bmp.terminalId(this.terminalId), bmp.currency(this.currency)])));
    } else if (is(apdu, CMD.authorization)) {
      const fields = bmpMap(commandFields(apdu, 0).fields);
      const amount = fields.get(BMP.amount);
      const amountMinor = amount ? decodeAmount(amount) : null;
      if (amountMinor === null) {
        void this.reply(nackApdu(0x9a));
        return;
      }
      this.start((job) => this.authorize(job, amountMinor));
    } else if (is(apdu, CMD.reversal)) {
      const receipt = bmpMap(commandFields(apdu, password).fields).get(BMP.receiptNo);
      if (!receipt) {
        void this.reply(nackApdu(0x9a));
        return;
      }
      this.start((job) => this.reverse(job, decodeBcd(receipt)));
    } else if (is(apdu, CMD.refund)) {
      const amount = bmpMap(commandFields(apdu, password).fields).get(BMP.amount);
      const amountMinor = amount ? decodeAmount(amount) : null;
      if (amountMinor === null) {
        void this.reply(nackApdu(0x9a));
        return;
      }
      this.start((job) => this.refund(job, amountMinor));
    } else if (is(apdu, CMD.endOfDay)) {
      this.start((job) => this.endOfDay(job));
    } else if (is(apdu, CMD.statusEnquiry)) {
      this.start(() => this.tell(message.statusCompletion('ZVT-SIM 1.0', 0x00, [bmp.terminalId(this.terminalId)])));
    } else if (is(apdu, CMD.repeatReceipt)) {
      this.start(() => this.repeat());
    } else {
      void this.reply(nackApdu(0x83));
    }
  }

  private abortRequested(): void {
    const job = this.job;
    if (!job) {
      void this.reply(ackApdu());
      return;
    }
    if (job.committed) {
      void this.reply(nackApdu(0x83));
      return;
    }
    void this.reply(ackApdu());
    job.aborted = true;
    job.wake?.();
  }

  // ---- sending ----------------------------------------------------------------------------

  /** A response to a command (80 00 00 / 84 xx): not acknowledged by the ECR. */
  private reply(apdu: Uint8Array): Promise<void> {
    return this.transport.send(apdu).catch((err: unknown) => this.options.log?.(`zvt-sim: reply failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  /**
   * A terminal message; true once the ECR has answered 80 00 00. For the last message (06 0F /
   * 06 1E) the terminal is idle the moment that answer arrives: the ECR's next command may follow
   * in the same chunk.
   */
  private async tell(apdu: Uint8Array, options: SendOptions = {}): Promise<boolean> {
    if (this.closed) return false;
    const job = this.job;
    const final = apdu[0] === 0x06 && (apdu[1] === 0x0f || apdu[1] === 0x1e);
    const name = apduName(decodeApdu(apdu));
    let settle: (answer: Apdu | null) => void = () => undefined;
    const answered = new Promise<Apdu | null>((resolve) => {
      settle = resolve;
    });
    let done = false;
    let timer: NodeJS.Timeout | null = null;
    const waiter = (answer: Apdu | null): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (this.apduAck === waiter) this.apduAck = null;
      if (final && answer !== null && this.job === job) this.job = null;
      settle(answer);
    };
    this.apduAck = waiter;
    try {
      await this.transport.send(apdu, options);
    } catch (err) {
      waiter(null);
      this.options.log?.(`zvt-sim: ${name} not delivered: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    if (!done) {
      timer = setTimeout(() => {
        this.options.log?.(`zvt-sim: no 80 00 00 for ${name}`);
        waiter(null);
      }, this.ackTimeoutMs);
    }
    const answer = await answered;
    return answer !== null && answer.cls === ACK_CLASS;
  }

  private prompt(code: number): Promise<boolean> {
    if (!(this.configByte & CONFIG.intermediateStatus)) return Promise.resolve(true);
    return this.tell(message.intermediateStatus(code));
  }

  private start(run: (job: Job) => Promise<unknown>): void {
    const job: Job = { aborted: false, committed: false, wake: null };
    this.job = job;
    void (async () => {
      await this.reply(ackApdu());
      try {
        await run(job);
      } catch (err) {
        this.options.log?.(`zvt-sim: transaction failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        if (this.job === job) this.job = null;
      }
    })();
  }

  /** Waits `ms`, or less when an abort arrives. */
  private pause(job: Job, ms: number): Promise<void> {
    if (job.aborted || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        job.wake = null;
        resolve();
      }, ms);
      job.wake = () => {
        clearTimeout(timer);
        job.wake = null;
        resolve();
      };
    });
  }

  // ---- transactions -----------------------------------------------------------------------

  private nextTrace(): string {
    this.traceNo = this.traceNo >= 999_999 ? 1 : this.traceNo + 1;
    return String(this.traceNo).padStart(6, '0');
  }

  private nextReceipt(): string {
    this.receiptNo = this.receiptNo >= 9999 ? 1 : this.receiptNo + 1;
    return String(this.receiptNo).padStart(4, '0');
  }

  private newTransaction(kind: ZvtSimTransaction['kind'], amountMinor: number): ZvtSimTransaction {
    const now = this.options.now?.() ?? new Date();
    return {
      kind,
      result: 0,
      approved: false,
      amountMinor,
      trace: this.nextTrace(),
      receiptNo: '',
      reversed: false,
      date: `${pad2(now.getMonth() + 1)}${pad2(now.getDate())}`,
      time: `${pad2(now.getHours())}${pad2(now.getMinutes())}${pad2(now.getSeconds())}`,
      pan: kind === 'end_of_day' ? '' : '411111******1111',
      cardName: kind === 'end_of_day' ? '' : 'VISA',
      cardType: 10,
      aid: '',
      receipts: [],
      closed: false,
    };
  }

  private statusInformation(tx: ZvtSimTransaction): Uint8Array {
    const fields = [bmp.result(tx.result), bmp.amount(Math.abs(tx.amountMinor)), bmp.currency(this.currency), bmp.trace(tx.trace), bmp.time(tx.time), bmp.date(tx.date)];
    if (tx.kind !== 'end_of_day') fields.push(bmp.expiry('2912'), bmp.pan(tx.pan));
    if (tx.receiptNo) fields.push(bmp.receiptNo(tx.receiptNo));
    fields.push(bmp.terminalId(this.terminalId));
    if (tx.kind !== 'end_of_day') {
      fields.push(bmp.cardType(tx.cardType), bmp.cardName(tx.cardName));
      if (tx.aid) fields.push(bmp.aid(tx.aid));
      fields.push(bmp.vuNumber('455600000599'));
    }
    return message.statusInformation(fields);
  }

  private slip(tx: ZvtSimTransaction, copy: string): string[] {
    const title = tx.kind === 'reversal' ? 'REVERSAL' : tx.kind === 'refund' ? 'REFUND' : 'CARD PAYMENT';
    const lines = [
      center('THE TILL - ZVT SIMULATOR'),
      center(copy),
      spread(`TID ${this.terminalId}`, `${tx.date.slice(2)}.${tx.date.slice(0, 2)}. ${tx.time.slice(0, 2)}:${tx.time.slice(2, 4)}:${tx.time.slice(4)}`),
      '',
      center(title),
      spread(tx.cardName, tx.pan),
      spread(`Trace ${tx.trace}`, tx.receiptNo ? `Receipt ${tx.receiptNo}` : ''),
    ];
    if (tx.reversedReceiptNo) lines.push(spread('Reverses receipt', tx.reversedReceiptNo));
    if (tx.aid) lines.push(spread('Auth. code', tx.aid));
    lines.push(spread('AMOUNT', formatAmount(tx.amountMinor, this.currency)), '', center(tx.result === 0 ? 'APPROVED' : 'DECLINED'));
    return lines;
  }

  /** Sends the receipts (if the ECR prints them); false when the ECR stopped answering. */
  private async printReceipts(receipts: readonly string[][], admin: boolean): Promise<boolean> {
    if (!(this.configByte & (admin ? CONFIG.ecrPrintsAdmin : CONFIG.ecrPrintsPayment))) return true;
    const encoding = DEFAULT_ENCODING;
    for (const [index, lines] of receipts.entries()) {
      if (this.options.printTextBlocks) {
        const type = admin ? 3 : index === 0 ? 2 : 1;
        if (!(await this.tell(message.printTextBlock(type, lines, encoding)))) return false;
        continue;
      }
      for (const [i, line] of lines.entries()) {
        if (!(await this.tell(message.printLine(line, i === lines.length - 1 ? LAST_LINE : 0x00, encoding)))) return false;
      }
    }
    return true;
  }

  private async finishApproved(tx: ZvtSimTransaction, options: SendOptions = {}): Promise<void> {
    if (!(await this.tell(this.statusInformation(tx), options))) return;
    if (!(await this.printReceipts(tx.receipts, false))) return;
    await this.tell(message.completion());
  }

  private async aborted(): Promise<void> {
    await this.tell(message.abort(0x6c));
  }

  private async authorize(job: Job, amountMinor: number): Promise<void> {
    const script = this.scripts.shift() ?? { outcome: 'approve' };
    const record: ZvtSimAuthorization = { amountMinor, receiptNo: '', trace: '', reversed: false, approved: false };
    this.auths.push(record);
    const step = script.outcome === 'slow' ? (script.delayMs ?? 1000) : this.stepMs;
    if (script.outcome === 'slow') await this.pause(job, step);
    if (job.aborted) return this.aborted();
    if (!(await this.prompt(0x0a))) return; // insert card
    await this.pause(job, step);
    if (job.aborted) return this.aborted();
    if (script.outcome === 'pin') {
      if (!(await this.prompt(0x01))) return; // please watch PIN pad
      await this.pause(job, script.delayMs ?? Math.max(step, 50));
      if (job.aborted) return this.aborted();
    }
    if (!(await this.prompt(0x0e))) return; // please wait (asking the host)
    await this.pause(job, step);
    if (job.aborted) return this.aborted();
    job.committed = true;

    const tx = this.newTransaction('authorization', amountMinor);
    record.trace = tx.trace;
    const ending = this.options.declineAmountsEndingIn;
    const declineCode = script.outcome === 'decline' ? (script.resultCode ?? 0x05) : ending !== undefined && amountMinor % 100 === ending ? 0x33 : null;
    if (declineCode !== null) {
      tx.result = declineCode;
      this.journal.push(tx);
      this.last = tx;
      if (!(await this.prompt(0x1d))) return; // declined
      if (!(await this.tell(this.statusInformation(tx)))) return;
      await this.tell(message.abort(declineCode));
      return;
    }
    tx.approved = true;
    tx.receiptNo = this.nextReceipt();
    tx.aid = String(100000 + ((this.receiptNo * 7919) % 900000));
    tx.receipts = [this.slip(tx, 'CUSTOMER COPY'), this.slip(tx, 'MERCHANT COPY')];
    record.approved = true;
    record.receiptNo = tx.receiptNo;
    this.journal.push(tx);
    this.last = tx;
    if (script.outcome === 'drop') {
      this.options.log?.(`zvt-sim: line dropped after approving receipt ${tx.receiptNo}`);
      return;
    }
    if (script.outcome === 'late_approval') await this.pause({ aborted: false, committed: true, wake: null }, script.delayMs ?? 2000);
    if (this.closed) return;
    await this.finishApproved(tx, { corruptFirst: script.outcome === 'bad_crc_once' && this.transport.kind === 'serial' });
  }

  private async reverse(job: Job, receiptNo: string): Promise<void> {
    if (!(await this.prompt(0x0e))) return;
    await this.pause(job, this.stepMs);
    if (job.aborted) return this.aborted();
    job.committed = true;
    const original = this.journal.find((t) => t.kind === 'authorization' && t.approved && t.receiptNo === receiptNo.padStart(4, '0'));
    const refusal = !original || original.closed ? 0xb5 : original.reversed ? 0xb4 : null;
    if (refusal !== null || !original) {
      await this.tell(message.abort(refusal ?? 0xb5));
      return;
    }
    original.reversed = true;
    for (const a of this.auths) if (a.approved && a.receiptNo === original.receiptNo) a.reversed = true;
    const tx = this.newTransaction('reversal', original.amountMinor);
    tx.approved = true;
    tx.receiptNo = this.nextReceipt();
    tx.reversedReceiptNo = original.receiptNo;
    tx.pan = original.pan;
    tx.cardName = original.cardName;
    tx.cardType = original.cardType;
    tx.aid = original.aid;
    tx.receipts = [this.slip(tx, 'CUSTOMER COPY'), this.slip(tx, 'MERCHANT COPY')];
    this.journal.push(tx);
    this.last = tx;
    if (this.dropReversal) {
      this.dropReversal = false;
      this.options.log?.(`zvt-sim: line dropped after reversing receipt ${original.receiptNo}`);
      return;
    }
    await this.finishApproved(tx);
  }

  private async refund(job: Job, amountMinor: number): Promise<void> {
    if (!(await this.prompt(0x0a))) return;
    await this.pause(job, this.stepMs);
    if (job.aborted) return this.aborted();
    if (!(await this.prompt(0x0e))) return;
    await this.pause(job, this.stepMs);
    if (job.aborted) return this.aborted();
    job.committed = true;
    const tx = this.newTransaction('refund', amountMinor);
    tx.approved = true;
    tx.receiptNo = this.nextReceipt();
    tx.aid = String(100000 + ((this.receiptNo * 7919) % 900000));
    tx.receipts = [this.slip(tx, 'CUSTOMER COPY'), this.slip(tx, 'MERCHANT COPY')];
    this.journal.push(tx);
    this.last = tx;
    await this.finishApproved(tx);
  }

  private async endOfDay(job: Job): Promise<void> {
    if (!(await this.prompt(0x0e))) return;
    await this.pause(job, this.stepMs);
    if (job.aborted) return this.aborted();
    job.committed = true;
    const open = this.journal.filter((t) => !t.closed && t.approved);
    const sales = open.filter((t) => t.kind === 'authorization' && !t.reversed);
    const refunds = open.filter((t) => t.kind === 'refund');
    const reversals = open.filter((t) => t.kind === 'reversal');
    const sum = (list: ZvtSimTransaction[]): number => list.reduce((n, t) => n + t.amountMinor, 0);
    const total = sum(sales) - sum(refunds);
    const tx = this.newTransaction('end_of_day', total);
    tx.approved = true;
    const byCard = new Map<string, ZvtSimTransaction[]>();
    for (const t of sales) {
      const card = t.cardName || cardTypeName(t.cardType);
      byCard.set(card, [...(byCard.get(card) ?? []), t]);
    }
    const report = [
      center('THE TILL - ZVT SIMULATOR'),
      center('END OF DAY'),
      spread(`TID ${this.terminalId}`, `${tx.date.slice(2)}.${tx.date.slice(0, 2)}. ${tx.time.slice(0, 2)}:${tx.time.slice(2, 4)}`),
      spread('Trace', tx.trace),
      '',
      ...[...byCard].map(([card, list]) => spread(`${card} x${list.length}`, formatAmount(sum(list), this.currency))),
      spread(`Reversals x${reversals.length}`, formatAmount(sum(reversals), this.currency)),
      spread(`Refunds x${refunds.length}`, formatAmount(-sum(refunds), this.currency)),
      spread('TOTAL', formatAmount(total, this.currency)),
      '',
      center('TRANSMITTED'),
    ];
    tx.receipts = [report];
    for (const t of this.journal) t.closed = true;
    this.journal.push({ ...tx, closed: true });
    this.last = tx;
    if (this.dropEndOfDay) {
      this.dropEndOfDay = false;
      this.options.log?.(`zvt-sim: line dropped after the end of day (trace ${tx.trace})`);
      return;
    }
    if (!(await this.tell(this.statusInformation(tx)))) return;
    if (!(await this.printReceipts(tx.receipts, true))) return;
    await this.tell(message.completion());
  }

  private async repeat(): Promise<void> {
    const tx = this.last;
    if (!tx) {
      await this.tell(message.abort(0x83));
      return;
    }
    if (!(await this.tell(this.statusInformation(tx)))) return;
    const copies = tx.receipts.map((lines) => [center('*** DUPLICATE ***'), ...lines]);
    if (!(await this.printReceipts(copies, tx.kind === 'end_of_day'))) return;
    await this.tell(message.completion());
  }
}
