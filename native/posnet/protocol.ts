/**
 * POSNET client over a ByteLink: one synchronous command at a time, its reply matched by token.
 *
 * In synchronous mode the device queues commands and answers each after executing it, so a reply
 * can be late for good reasons (printing, paper out). When a reply is overdue the client asks the
 * device in *asynchronous* mode (`!sdev`, `!sprn`, answered at once, outside the queue):
 *  - no answer to either → the device is gone: PosnetTimeoutError;
 *  - mechanism not ready (paper out, cover open) → report it and keep waiting, up to `maxHoldMs`;
 *  - busy (queue not empty) → keep waiting, up to `maxHoldMs`;
 *  - idle (queue empty, mechanism ok) and still no reply → the reply was lost on the wire: ask for
 *    it again with `rpt` and the same token (the device keeps its last ~32 replies); if the device
 *    no longer has it, PosnetReplyLostError — the command *was executed*, the caller must not
 *    assume it was not.
 * A reply with a bad checksum is fetched again with `rpt`; an `ERR` frame (the device could not
 * read our frame, so did not execute it) makes the client resend the frame.
 */
import type { ByteLink } from '../link/link.js';
import { DEFAULT_ENCODING, FRAME_ERRORS, FrameSplitter, decodeFrame, encodeFrame, isTrue, param, type Frame } from './frame.js';
import { CMD, FIELD, MECHANISM, describeError } from './spec.js';

const RESENDABLE = new Set<number>([FRAME_ERRORS.badCrc, FRAME_ERRORS.badField, FRAME_ERRORS.syntax]);

export class PosnetError extends Error {
  constructor(
    readonly command: string,
    /** `?nnnn` from the device, or the frame error number of an ERR reply. */
    readonly code: number,
    readonly kind: 'command' | 'frame',
    readonly field: string | null = null,
  ) {
    super(`${command}: ${kind === 'frame' ? 'frame error' : 'error'} ${code} (${describeError(code)})${field ? ` in field ${field}` : ''}`);
    this.name = 'PosnetError';
  }
}

/** Nothing answered: not the command, not the status queries. Whether the command ran is unknown. */
export class PosnetTimeoutError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(`${command}: ${message}`);
    this.name = 'PosnetTimeoutError';
  }
}

/** The device is alive and idle but the reply is gone: the command most likely ran. */
export class PosnetReplyLostError extends Error {
  constructor(readonly command: string) {
    super(`${command}: the device executed its queue but the reply was lost`);
    this.name = 'PosnetReplyLostError';
  }
}

export type MechanismCondition = 'ok' | 'paper_out' | 'cover_open' | 'error';

export function mechanismCondition(pr: number): MechanismCondition {
  if (pr === MECHANISM.ok) return 'ok';
  if (pr === MECHANISM.paperOut) return 'paper_out';
  if (pr === MECHANISM.coverOpen || pr === MECHANISM.leverUp || pr === MECHANISM.coverOpenWhileCutting) return 'cover_open';
  return 'error';
}

export interface PosnetClientOptions {
  /** How long a reply may take before the client asks the device what it is doing. Default 3000. */
  replyTimeoutMs?: number;
  /** Wait for an async status reply. Default min(1000, replyTimeoutMs). */
  statusTimeoutMs?: number;
  /** Longest wait for a command the device is holding (paper out, long printout). Default 120 s. */
  maxHoldMs?: number;
  /** Resends of a frame the device could not read (ERR reply). Default 3. */
  frameRetries?: number;
  encoding?: string;
  /** Paper out / cover open while a command waits, and 'ok' once it clears. */
  onCondition?: (condition: MechanismCondition) => void;
  log?: (message: string) => void;
}

type Params = ReadonlyArray<readonly [string, string | number | boolean]>;

interface Pending {
  token: string;
  command: string;
  async: boolean;
  resolve(frame: Frame): void;
  reject(error: Error): void;
  /** Set when a bad-checksum reply or a lost reply made us ask again with `rpt`. */
  repeatAsked: boolean;
  /** ERR reply to our frame: resend. */
  onFrameError(frame: Frame): void;
}

export class PosnetClient {
  private readonly opts: Required<Omit<PosnetClientOptions, 'onCondition' | 'log'>> & Pick<PosnetClientOptions, 'onCondition' | 'log'>;
  private readonly splitter = new FrameSplitter();
  private readonly pending = new Map<string, Pending>();
  private readonly unsubscribe: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private nextToken = 1 + Math.floor(Math.random() * 9000);
  private closed = false;
  private lastCondition: MechanismCondition = 'ok';

  constructor(
    private readonly link: ByteLink,
    options: PosnetClientOptions = {},
  ) {
    const replyTimeoutMs = options.replyTimeoutMs ?? 3000;
    this.opts = {
      replyTimeoutMs,
      statusTimeoutMs: options.statusTimeoutMs ?? Math.min(1000, replyTimeoutMs),
      maxHoldMs: options.maxHoldMs ?? 120_000,
      frameRetries: options.frameRetries ?? 3,
      encoding: options.encoding ?? DEFAULT_ENCODING,
      onCondition: options.onCondition,
      log: options.log,
    };
    this.unsubscribe = link.onData((chunk) => this.receive(chunk));
  }

  get description(): string {
    return this.link.description;
  }

  /** Bytes of line noise dropped so far. */
  garbageBytes(): number {
    return this.splitter.garbageBytes();
  }

  /**
   * Sends a command in synchronous mode and resolves with its OK reply. Rejects with PosnetError
   * (`?nnnn` or an unrecoverable ERR), PosnetTimeoutError or PosnetReplyLostError.
   */
  request(command: string, params: Params = [], opts: { replyTimeoutMs?: number } = {}): Promise<Frame> {
    return this.exclusive(() => this.send(command, params, opts.replyTimeoutMs ?? this.opts.replyTimeoutMs));
  }

  /** An immediate-mode query (`!sprn`, `!sdev`): not queued behind a command; null when unanswered. */
  async query(command: string, timeoutMs = this.opts.statusTimeoutMs): Promise<Frame | null> {
    if (this.closed) return null;
    const token = this.takeToken();
    const reply = new Promise<Frame | null>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        resolve(null);
      }, timeoutMs);
      const done = (frame: Frame | null): void => {
        clearTimeout(timer);
        this.pending.delete(token);
        resolve(frame);
      };
      this.pending.set(token, {
        token,
        command,
        async: true,
        repeatAsked: false,
        resolve: (frame) => done(frame),
        reject: () => done(null),
        onFrameError: () => done(null),
      });
    });
    try {
      await this.link.write(encodeFrame({ command, token, async: true }, this.opts.encoding));
    } catch {
      this.pending.get(token)?.reject(new Error('write failed'));
    }
    return reply;
  }

  /** `!sprn`: the mechanism's state, or null when the device does not answer. */
  async mechanism(): Promise<MechanismCondition | null> {
    const reply = await this.query(CMD.sprn);
    if (!reply || reply.error !== null) return null;
    return mechanismCondition(Number(param(reply, FIELD.sprn.mechanism) ?? 0));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of [...this.pending.values()]) p.reject(new Error(`${this.link.description} is closed`));
    this.pending.clear();
    this.unsubscribe();
    await this.queue.catch(() => undefined);
    await this.link.close();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private takeToken(): string {
    const token = String(this.nextToken).padStart(4, '0');
    this.nextToken = this.nextToken >= 9999 ? 1 : this.nextToken + 1;
    return token;
  }

  private send(command: string, params: Params, replyTimeoutMs: number): Promise<Frame> {
    if (this.closed) return Promise.reject(new Error(`${this.link.description} is closed`));
    const token = this.takeToken();
    const bytes = encodeFrame({ command, params, token }, this.opts.encoding);
    return new Promise<Frame>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | null = null;
      let frameRetries = 0;
      const started = Date.now();
      const finish = (error: Error | null, frame?: Frame): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.pending.delete(token);
        // Any reply at all means the mechanism works again.
        if (!error && this.lastCondition !== 'ok') this.setCondition('ok');
        if (error) reject(error);
        else resolve(frame!);
      };
      const write = (): void => {
        this.link.write(bytes).catch((err: unknown) => finish(new PosnetTimeoutError(command, `could not send (${err instanceof Error ? err.message : String(err)})`)));
      };
      const arm = (ms: number): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void overdue(), ms);
      };
      const overdue = async (): Promise<void> => {
        if (settled) return;
        const [sdev, sprn] = await Promise.all([this.query(CMD.sdev), this.query(CMD.sprn)]);
        if (settled) return;
        if (!sdev && !sprn) {
          finish(new PosnetTimeoutError(command, `no reply within ${Date.now() - started} ms and the device does not answer status queries`));
          return;
        }
        const condition = sprn && sprn.error === null ? mechanismCondition(Number(param(sprn, FIELD.sprn.mechanism) ?? 0)) : 'ok';
        if (condition !== this.lastCondition) this.setCondition(condition);
        const queueEmpty = sdev !== null && sdev.error === null && isTrue(param(sdev, FIELD.sdev.queueEmpty));
        if (condition === 'ok' && queueEmpty) {
          // Idle and nothing came back: the reply was lost. The device keeps recent replies by token.
          const pending = this.pending.get(token);
          if (pending && !pending.repeatAsked) {
            pending.repeatAsked = true;
            this.opts.log?.(`posnet: reply to ${command} @${token} missing, asking rpt`);
            void this.link.write(encodeFrame({ command: CMD.rpt, token }, this.opts.encoding)).catch(() => undefined);
            arm(this.opts.statusTimeoutMs);
            return;
          }
          finish(new PosnetReplyLostError(command));
          return;
        }
        if (Date.now() - started > this.opts.maxHoldMs) {
          finish(new PosnetTimeoutError(command, `still not done after ${Date.now() - started} ms (${condition === 'ok' ? 'device busy' : condition})`));
          return;
        }
        arm(Math.min(replyTimeoutMs, 1000));
      };
      this.pending.set(token, {
        token,
        command,
        async: false,
        repeatAsked: false,
        resolve: (frame) => {
          if (frame.error !== null) finish(new PosnetError(command, frame.error, 'command'));
          else finish(null, frame);
        },
        reject: (error) => finish(error),
        onFrameError: (frame) => {
          const pending = this.pending.get(token);
          if (pending?.repeatAsked && frame.error === FRAME_ERRORS.tokenNotFound) {
            finish(new PosnetReplyLostError(command));
            return;
          }
          // The device could not read our frame (line noise), so it did not execute it: send it again.
          if (RESENDABLE.has(frame.error ?? -1) && frameRetries < this.opts.frameRetries) {
            frameRetries += 1;
            this.opts.log?.(`posnet: device could not read ${command} @${token}, resending`);
            write();
            arm(replyTimeoutMs);
            return;
          }
          finish(new PosnetError(command, frame.error ?? 0, 'frame', param(frame, 'fd') ?? null));
        },
      });
      write();
      arm(replyTimeoutMs);
    });
  }

  private setCondition(condition: MechanismCondition): void {
    this.lastCondition = condition;
    this.opts.onCondition?.(condition);
  }

  private receive(chunk: Uint8Array): void {
    for (const raw of this.splitter.push(chunk)) {
      const decoded = decodeFrame(raw, this.opts.encoding);
      if (!decoded.ok) {
        // A damaged reply: ask for it again if we can tell whose it was.
        const pending = decoded.token ? this.pending.get(decoded.token) : this.syncPending();
        if (pending && !pending.async && !pending.repeatAsked) {
          pending.repeatAsked = true;
          this.opts.log?.(`posnet: damaged reply (${decoded.message}), asking rpt @${pending.token}`);
          void this.link.write(encodeFrame({ command: CMD.rpt, token: pending.token }, this.opts.encoding)).catch(() => undefined);
        }
        continue;
      }
      const frame = decoded.frame;
      const pending = this.match(frame);
      if (!pending) {
        this.opts.log?.(`posnet: unmatched reply ${frame.command}${frame.token ? ` @${frame.token}` : ''} ignored`);
        continue;
      }
      if (frame.command === 'ERR') pending.onFrameError(frame);
      else pending.resolve(frame);
    }
  }

  private syncPending(): Pending | undefined {
    return [...this.pending.values()].find((p) => !p.async);
  }

  private match(frame: Frame): Pending | undefined {
    if (frame.token) return this.pending.get(frame.token);
    // A device that does not echo tokens: the synchronous command in flight, or an async query by name.
    if (frame.command === 'ERR') return this.syncPending();
    return [...this.pending.values()].find((p) => p.command === frame.command);
  }
}
