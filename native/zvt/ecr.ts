/**
 * The till's side of a ZVT card terminal (ECR = electronic cash register, PT = payment terminal).
 *
 * One command at a time. The ECR sends the command and the terminal takes over ("master rights"):
 * it acknowledges (80 00 00, or refuses with 84 xx), shows prompts (04 FF), reports the result
 * (04 0F status information), sends the receipt text (06 D1 lines / 06 D3 blocks) and hands control
 * back with 06 0F (completion) or 06 1E (abort + result code). Every terminal message is answered
 * with 80 00 00 at once, also while no command waits for it (late messages after a timeout).
 *
 * Timeouts: `ackTimeoutMs` for the ACK of each frame and for the terminal's first answer;
 * `responseTimeoutMs` for the whole command. A timeout throws ZvtTimeoutError and leaves the
 * transaction "open": the terminal may still hold control and finish it. `drain(ms)` reads on until
 * it does; a new command first waits up to `ackTimeoutMs` for that on its own. To find out what
 * happened to a payment after a timeout: drain → status → repeatLastReceipt.
 */
import type { ByteLink } from '../link/link.js';
import { apduName, decodeApdu, type Apdu } from './apdu.js';
import { describeResult } from './codes.js';
import { ZvtLinkError, ZvtTimeoutError } from './errors.js';
import {
  ACK_CLASS,
  CONFIG,
  DEFAULT_ENCODING,
  NACK_CLASS,
  ackApdu,
  command,
  is,
  nackApdu,
  passwordBytes,
} from './messages.js';
import { COMMAND_NAMES, Exchange, TERMINAL_MESSAGES, type Kind, type ZvtOutcome, type ZvtPrompt } from './exchange.js';
import { createTransport, type ZvtTransport } from './transport.js';

export { ZvtLinkError, ZvtTimeoutError };
export type { ZvtCompletion, ZvtOutcome, ZvtPrompt, ZvtReceipt } from './exchange.js';

export interface ZvtEcrOptions {
  /** 6 digits, default '000000'. */
  password?: string;
  /** ISO 4217 numeric, default 978 (EUR). */
  currency?: number;
  /** Default 'serial' (DLE/STX framing, CRC, ACK/NAK); 'tcp' sends bare APDUs. */
  transport?: 'serial' | 'tcp';
  /** ACK of a frame and the terminal's first answer to a command. Default 5000. */
  ackTimeoutMs?: number;
  /** The whole transaction, from sending the command to the completion. Default 180000. */
  responseTimeoutMs?: number;
  /** Resends of a frame the terminal NAKed. Default 3. */
  retries?: number;
  /** Registration config byte. Default 0xBE: ECR prints all receipts (as 06 D1 lines), intermediate status on, ECR controls payment and administration. */
  configByte?: number;
  /** Character set of receipt and display texts. Default 'cp437' (the ZVT default). */
  encoding?: string;
  log?: (message: string) => void;
}

type Response = { kind: 'ok' } | { kind: 'refused'; code: number } | { kind: 'timeout' } | { kind: 'implicit' } | { kind: 'closed' };

interface ResponseWaiter {
  resolve(response: Response): void;
}

export class ZvtEcr {
  private readonly opts: Required<Omit<ZvtEcrOptions, 'log'>> & Pick<ZvtEcrOptions, 'log'>;
  private readonly transport: ZvtTransport;
  private queue: Promise<unknown> = Promise.resolve();
  private current: Exchange | null = null;
  /** A transaction that timed out while the terminal may still hold control. */
  private orphan: Exchange | null = null;
  private readonly responseWaiters: ResponseWaiter[] = [];
  private badFrames = 0;
  private closed = false;

  constructor(
    private readonly link: ByteLink,
    options: ZvtEcrOptions = {},
  ) {
    this.opts = {
      password: options.password ?? '000000',
      currency: options.currency ?? 978,
      transport: options.transport ?? 'serial',
      ackTimeoutMs: options.ackTimeoutMs ?? 5000,
      responseTimeoutMs: options.responseTimeoutMs ?? 180_000,
      retries: options.retries ?? 3,
      configByte: options.configByte ?? CONFIG.all,
      encoding: options.encoding ?? DEFAULT_ENCODING,
      log: options.log,
    };
    passwordBytes(this.opts.password); // throws on a malformed password
    if (!Number.isInteger(this.opts.currency) || this.opts.currency < 0 || this.opts.currency > 9999) throw new RangeError(`ZVT currency must be an ISO 4217 number: ${this.opts.currency}`);
    this.transport = createTransport(
      link,
      this.opts.transport,
      { onApdu: (apdu) => this.receive(apdu), onBadFrame: (reason) => this.badFrame(reason) },
      { ackTimeoutMs: this.opts.ackTimeoutMs, retries: this.opts.retries, log: this.opts.log },
    );
  }

  get description(): string {
    return this.link.description;
  }

  /** 06 00: password, config byte, currency. The completion carries the terminal id. */
  registration(): Promise<ZvtOutcome> {
    return this.run('registration', () => command.registration(this.opts.password, this.opts.configByte, this.opts.currency));
  }

  /** 06 01: card payment of `amountMinor` in the configured currency. */
  authorization(amountMinor: number, onPrompt?: (p: ZvtPrompt) => void): Promise<ZvtOutcome> {
    return this.run('authorization', () => command.authorization(amountMinor, this.opts.currency), onPrompt);
  }

  /** 06 30: same-day cancellation of the payment with terminal receipt number `receiptNo`. */
  reversal(receiptNo: string, onPrompt?: (p: ZvtPrompt) => void): Promise<ZvtOutcome> {
    return this.run('reversal', () => command.reversal(this.opts.password, receiptNo), onPrompt);
  }

  /** 06 31: money back to the card. */
  refund(amountMinor: number, onPrompt?: (p: ZvtPrompt) => void): Promise<ZvtOutcome> {
    return this.run('refund', () => command.refund(this.opts.password, amountMinor, this.opts.currency), onPrompt);
  }

  /** 06 50: the terminal closes its batch; totals in the completion amount and the print lines. */
  endOfDay(onPrompt?: (p: ZvtPrompt) => void): Promise<ZvtOutcome> {
    return this.run('end_of_day', () => command.endOfDay(this.opts.password), onPrompt);
  }

  /** 05 01: `result` is the terminal-status byte (0 = ready). */
  status(): Promise<ZvtOutcome> {
    return this.run('status', () => command.statusEnquiry(this.opts.password));
  }

  /** 06 20: the terminal re-sends the last transaction's status information (amount, trace, receipt no, result) and receipt. */
  repeatLastReceipt(): Promise<ZvtOutcome> {
    return this.run('repeat_receipt', () => command.repeatReceipt(this.opts.password));
  }

  /**
   * 06 B0: asks the terminal to abort what it is doing. Sent at once, also while a command runs;
   * that command then ends with result 6C (if the terminal could still abort). Resolves when the
   * terminal has answered the abort (80 00 or a refusal).
   */
  async abort(): Promise<void> {
    this.ensureOpen();
    const response = this.expectResponse();
    try {
      await this.transport.send(command.abort());
    } catch (err) {
      response.cancel();
      throw err;
    }
    const answer = await response.arm(this.opts.ackTimeoutMs);
    if (answer.kind === 'timeout') throw new ZvtTimeoutError(`abort (06 B0): the terminal did not answer within ${this.opts.ackTimeoutMs} ms`);
    if (answer.kind === 'closed') throw new ZvtLinkError(`${this.link.description} is closed`);
    if (answer.kind === 'refused') this.opts.log?.(`zvt: abort refused with 84 ${answer.code.toString(16)}`);
  }

  /**
   * After a timeout the ECR must not send a new command while the terminal still has control:
   * read until it returns control (completion/abort) or `ms` passes; returns the outcome if one
   * arrived. Either way the ECR considers itself master again afterwards.
   */
  drain(ms: number): Promise<ZvtOutcome | null> {
    return this.exclusive(async () => {
      this.ensureOpen();
      const ex = this.orphan;
      if (!ex) return null;
      try {
        return await ex.wait(ms);
      } catch {
        return null;
      } finally {
        if (this.orphan === ex) this.orphan = null;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new ZvtLinkError(`${this.link.description} is closed`);
    for (const waiter of this.responseWaiters.splice(0)) waiter.resolve({ kind: 'closed' });
    this.current?.fail(error);
    this.orphan?.fail(error);
    this.transport.detach();
    await this.link.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new ZvtLinkError(`${this.link.description} is closed`);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private run(kind: Kind, build: () => Uint8Array, onPrompt?: (p: ZvtPrompt) => void): Promise<ZvtOutcome> {
    return this.exclusive(async () => {
      this.ensureOpen();
      const bytes = build(); // argument errors (RangeError) before anything is sent
      await this.settleOrphan();
      this.ensureOpen();
      const name = COMMAND_NAMES[kind];
      const started = Date.now();
      const ex = new Exchange(kind, onPrompt, this.opts.encoding, this.opts.log);
      this.current = ex;
      this.badFrames = 0;
      const response = this.expectResponse();
      ex.onFirstMessage = () => response.resolveWith({ kind: 'implicit' });
      let terminalMayHaveIt = false;
      try {
        try {
          await this.transport.send(bytes);
        } catch (err) {
          response.cancel();
          // No ACK: the terminal may have read the frame and started (never resend it blindly).
          if (err instanceof ZvtTimeoutError) terminalMayHaveIt = true;
          throw err instanceof ZvtTimeoutError ? new ZvtTimeoutError(`${name}: ${err.message}`) : err;
        }
        terminalMayHaveIt = true;
        const first = await response.arm(Math.min(this.opts.ackTimeoutMs, this.opts.responseTimeoutMs));
        if (first.kind === 'closed') throw new ZvtLinkError(`${this.link.description} is closed`);
        if (first.kind === 'timeout') throw new ZvtTimeoutError(`${name}: the terminal did not answer within ${this.opts.ackTimeoutMs} ms`);
        if (first.kind === 'refused') {
          terminalMayHaveIt = false;
          const described = describeResult(first.code);
          return { ok: false, result: first.code, resultKey: described.key, resultText: described.text, completion: null, printLines: [], receipts: [] };
        }
        const outcome = await ex.wait(this.opts.responseTimeoutMs - (Date.now() - started));
        if (!outcome) throw new ZvtTimeoutError(`${name}: the terminal did not finish within ${this.opts.responseTimeoutMs} ms`);
        return outcome;
      } catch (err) {
        if (terminalMayHaveIt && !ex.settled && !this.closed) {
          ex.detach();
          this.orphan = ex;
        }
        throw err;
      } finally {
        if (this.current === ex) this.current = null;
      }
    });
  }

  /** A new command after a timeout: give the terminal a moment to hand back control first. */
  private async settleOrphan(): Promise<void> {
    const ex = this.orphan;
    if (!ex) return;
    if (!ex.settled) {
      this.opts.log?.('zvt: the previous transaction timed out; waiting for the terminal to hand back control');
      await ex.wait(this.opts.ackTimeoutMs).catch(() => null);
    }
    if (this.orphan === ex) this.orphan = null;
  }

  /** Waits for the terminal's 80 00 / 84 xx to the next frame sent; answers are matched in order. */
  private expectResponse(): { arm(ms: number): Promise<Response>; cancel(): void; resolveWith(r: Response): void } {
    let settle: (r: Response) => void = () => undefined;
    let timer: NodeJS.Timeout | null = null;
    let result: Response | null = null;
    const promise = new Promise<Response>((resolve) => {
      settle = (r) => {
        if (result) return;
        result = r;
        if (timer) clearTimeout(timer);
        const i = this.responseWaiters.indexOf(waiter);
        if (i >= 0) this.responseWaiters.splice(i, 1);
        resolve(r);
      };
    });
    const waiter: ResponseWaiter = { resolve: (r) => settle(r) };
    this.responseWaiters.push(waiter);
    return {
      arm: (ms) => {
        if (!result) timer = setTimeout(() => settle({ kind: 'timeout' }), ms);
        return promise;
      },
      cancel: () => settle({ kind: 'timeout' }),
      resolveWith: (r) => settle(r),
    };
  }

  private receive(bytes: Uint8Array): void {
    if (this.closed) return;
    let apdu: Apdu;
    try {
      apdu = decodeApdu(bytes);
    } catch (err) {
      this.opts.log?.(`zvt: malformed APDU ignored (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    this.badFrames = 0;
    if (apdu.cls === ACK_CLASS || apdu.cls === NACK_CLASS) {
      const waiter = this.responseWaiters[0];
      if (waiter) waiter.resolve(apdu.cls === ACK_CLASS ? { kind: 'ok' } : { kind: 'refused', code: apdu.ins });
      else this.opts.log?.(`zvt: unexpected ${apduName(apdu)} ignored`);
      return;
    }
    if (TERMINAL_MESSAGES.some((code) => is(apdu, code))) {
      const acknowledged = this.transport.send(ackApdu()).catch((err: unknown) => {
        this.opts.log?.(`zvt: could not acknowledge ${apduName(apdu)}: ${err instanceof Error ? err.message : String(err)}`);
      });
      const target = this.current ?? this.orphan;
      if (target) target.handle(apdu, acknowledged);
      else this.opts.log?.(`zvt: ${apduName(apdu)} outside a transaction, acknowledged and ignored`);
      return;
    }
    this.opts.log?.(`zvt: unsupported terminal message ${apduName(apdu)}, answered 84 83`);
    void this.transport.send(nackApdu(0x83)).catch(() => undefined);
  }

  private badFrame(reason: string): void {
    this.badFrames += 1;
    if (this.badFrames <= this.opts.retries) return;
    this.badFrames = 0;
    (this.current ?? this.orphan)?.fail(new ZvtLinkError(`${this.link.description}: ${this.opts.retries + 1} damaged frames from the terminal in a row (${reason})`));
  }
}

