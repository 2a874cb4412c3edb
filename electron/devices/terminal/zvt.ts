import type { ByteLink } from '../../../native/link/link.js';
import { memoryLinkPair } from '../../../native/link/link.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { openTcpLink } from '../../../native/link/tcp.js';
import { hasSocat, openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { ZvtEcr, ZvtLinkError, ZvtSimulator, type ZvtOutcome, type ZvtReceipt } from '../../../native/zvt/index.js';
import type {
  CardSlip,
  EndOfDayResult,
  PaymentTerminal,
  RecoveryOutcome,
  SlipCopy,
  TerminalLastTransaction,
  TerminalPrompt,
  TerminalResult,
} from '../../usecases/terminal-port.js';
import type { TerminalConnection } from '../connection.js';

/** A ZVT terminal's connection: serial (8N2), TCP (port 20007), or the simulator on the other end of a PTY pair. */
export type ZvtConnection = Exclude<TerminalConnection, { kind: 'none' }>;

/** An administration receipt is the shop's, like the merchant's copy. */
const COPIES: Record<ZvtReceipt['type'], SlipCopy> = { customer: 'customer', merchant: 'merchant', administration: 'merchant', unknown: 'unknown' };

/**
 * The terminal's receipts one by one, never as one list: printed together they would put both
 * copies on one piece of paper. A driver that did not cut them apart gives its lines as one slip.
 */
export function slipsOf(out: Pick<ZvtOutcome, 'printLines' | 'receipts'>): CardSlip[] {
  const receipts = out.receipts ?? (out.printLines.length > 0 ? [{ type: 'unknown' as const, lines: out.printLines }] : []);
  return receipts.filter((r) => r.lines.length > 0).map((r) => ({ copy: COPIES[r.type], lines: [...r.lines] }));
}

/**
 * The last transaction as the terminal reports it (status information of 06 20, or a late
 * answer): told apart by trace number, date, time and amount; an end of day carries no card and
 * no receipt number. A terminal that has nothing to repeat, or cannot repeat, names none: both
 * answer 06 1E / 84 without status information.
 */
function lastOf(out: ZvtOutcome): TerminalLastTransaction | null {
  const c = out.completion;
  if (!c || (c.trace === undefined && c.date === undefined && c.time === undefined)) return null;
  return {
    identity: [c.trace ?? '', c.date ?? '', c.time ?? '', c.amountMinor ?? ''].join('|'),
    endOfDay: c.pan === undefined && c.receiptNo === undefined && c.cardName === undefined,
    lines: [...out.printLines],
  };
}

const toResult = (out: ZvtOutcome): TerminalResult => {
  if (!out.ok) return { approved: false, reason: out.resultText, code: out.result, key: out.resultKey };
  const c = out.completion;
  const reference = [c?.cardName, c?.pan, c?.receiptNo ? `#${c.receiptNo}` : undefined].filter(Boolean).join(' ') || 'approved';
  return {
    approved: true,
    reference,
    ...(c?.receiptNo ? { receiptNo: c.receiptNo } : {}),
    ...(c?.trace ? { trace: c.trace } : {}),
    slips: slipsOf(out),
  };
};

/**
 * The till's card terminal over ZVT. One command at a time (the terminal has one "control");
 * a link that broke is reopened for the next command. A lost answer is never repaired by sending
 * again: `recover` first waits for the terminal to return control, then asks it to repeat its
 * last receipt and compares the amount.
 */
export class ZvtPaymentTerminal implements PaymentTerminal {
  private ecr: ZvtEcr | null = null;
  private link: ByteLink | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly open: () => Promise<ByteLink>,
    private readonly options: { password: string; currency: number; transport: 'serial' | 'tcp'; idCode?: string | undefined; responseTimeoutMs?: number },
  ) {}

  /** Runs `fn` with a connected driver, after every earlier command. */
  private run<T>(fn: (ecr: ZvtEcr) => Promise<T>): Promise<T> {
    const task = async () => {
      if (!this.ecr) {
        this.link = await this.open();
        this.ecr = new ZvtEcr(this.link, {
          password: this.options.password,
          currency: this.options.currency,
          transport: this.options.transport,
          ...(this.options.responseTimeoutMs ? { responseTimeoutMs: this.options.responseTimeoutMs } : {}),
        });
      }
      try {
        return await fn(this.ecr);
      } catch (error) {
        // A broken link is reopened for the next command; after a timeout the link stays, so the
        // terminal's late answer can still be read (recover drains it).
        if (error instanceof ZvtLinkError) await this.reset();
        throw error;
      }
    };
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async reset(): Promise<void> {
    const ecr = this.ecr;
    this.ecr = null;
    this.link = null;
    await ecr?.close().catch(() => undefined);
  }

  pay({ amountMinor, onPrompt }: { amountMinor: number; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult> {
    return this.run(async (ecr) => toResult(await ecr.authorization(amountMinor, (p) => onPrompt?.({ key: p.key, text: p.text }))));
  }

  reverse({ receiptNo, onPrompt }: { receiptNo?: string; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult> {
    if (!receiptNo) return Promise.resolve({ approved: false, reason: 'the payment has no terminal receipt number' });
    return this.run(async (ecr) => toResult(await ecr.reversal(receiptNo, (p) => onPrompt?.({ key: p.key, text: p.text }))));
  }

  refund({ amountMinor, onPrompt }: { amountMinor: number; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult> {
    return this.run(async (ecr) => toResult(await ecr.refund(amountMinor, (p) => onPrompt?.({ key: p.key, text: p.text }))));
  }

  endOfDay(options: { beforeSending?(last: TerminalLastTransaction | null): void } = {}): Promise<EndOfDayResult> {
    return this.run(async (ecr) => {
      // Asked in the same turn as the 06 50, so no payment can come between the two.
      if (options.beforeSending) options.beforeSending(lastOf(await ecr.repeatLastReceipt()));
      const out = await ecr.endOfDay();
      return { ok: out.ok, lines: out.printLines, ...(out.ok ? {} : { reason: out.resultText, key: out.resultKey }) };
    });
  }

  lastTransaction(): Promise<TerminalLastTransaction | null> {
    return this.run(async (ecr) => {
      // A command that timed out may still be finishing: its own answer is the last transaction.
      const late = await ecr.drain(3000);
      return (late?.ok ? lastOf(late) : null) ?? lastOf(await ecr.repeatLastReceipt());
    });
  }

  recover(pending: { amountMinor: number; kind: string; knownReceiptNos?: readonly string[] }): Promise<RecoveryOutcome> {
    return this.run(async (ecr) => {
      // A terminal that still has control finishes first; what it then says is the answer.
      const late = await ecr.drain(3000);
      const out = late ?? (await ecr.repeatLastReceipt());
      if (!out.ok && !out.completion) return { outcome: 'unknown', reason: out.resultText };
      const amount = out.completion?.amountMinor;
      const result = toResult(out);
      // The terminal's last transaction is another one (another amount, or one the till recorded
      // already): this request never went through.
      const earlier = result.approved && result.receiptNo !== undefined && (pending.knownReceiptNos ?? []).includes(result.receiptNo);
      if ((amount !== undefined && amount !== pending.amountMinor) || earlier) {
        return { outcome: 'declined', reason: 'the terminal has no such transaction' };
      }
      return result.approved ? { outcome: 'approved', ...result } : { outcome: 'declined', reason: result.reason };
    });
  }

  readIdCard(): Promise<string | null> {
    // ZVT has no standard ID-card read; the simulator plays one for the demo (F10).
    return Promise.resolve(this.options.idCode ?? null);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.reset();
  }
}

export interface ZvtSetup {
  terminal: ZvtPaymentTerminal;
  simulator: ZvtSimulator | null;
  close(): Promise<void>;
}

/** Opens the terminal described by `connection`; `sim` starts the simulator on the other end of a PTY pair. */
export async function setupZvt(
  connection: ZvtConnection,
  options: { password: string; currency?: number; idCode?: string; responseTimeoutMs?: number },
): Promise<ZvtSetup> {
  const common = { password: options.password, currency: options.currency ?? 978, idCode: options.idCode, ...(options.responseTimeoutMs ? { responseTimeoutMs: options.responseTimeoutMs } : {}) };
  if (connection.transport === 'serial') {
    const terminal = new ZvtPaymentTerminal(`ZVT ${connection.path}`, () => openSerialLink({ path: connection.path, baudRate: connection.baudRate, stopBits: 2 }), {
      ...common,
      transport: 'serial',
    });
    return { terminal, simulator: null, close: () => terminal.close() };
  }
  if (connection.transport === 'tcp') {
    const terminal = new ZvtPaymentTerminal(
      `ZVT ${connection.host}:${connection.port}`,
      () => openTcpLink({ host: connection.host, port: connection.port }),
      { ...common, transport: 'tcp' },
    );
    return { terminal, simulator: null, close: () => terminal.close() };
  }
  // The simulator speaks the terminal side over real serial I/O where socat exists.
  let pty: PtyPair | null = null;
  let terminalEnd: ByteLink;
  let tillEnd: () => Promise<ByteLink>;
  const link = connection.link ?? (hasSocat() ? 'pty' : 'memory');
  if (link !== 'memory') {
    pty = await openPtyPair();
    const { a, b } = pty;
    terminalEnd = await openSerialLink({ path: b, baudRate: 9600, stopBits: 2 });
    tillEnd = () => openSerialLink({ path: a, baudRate: 9600, stopBits: 2 });
  } else {
    const [till, term] = memoryLinkPair();
    terminalEnd = term;
    // An in-memory pair cannot be reopened: the driver's close leaves it open.
    const kept: ByteLink = { write: (d) => till.write(d), onData: (l) => till.onData(l), close: async () => undefined, description: till.description };
    tillEnd = () => Promise.resolve(kept);
  }
  const simulator = new ZvtSimulator(terminalEnd, { declineAmountsEndingIn: 66 });
  const terminal = new ZvtPaymentTerminal(`ZVT (simulated)${pty ? ` @ ${pty.a}` : ''}`, tillEnd, { ...common, transport: 'serial' });
  return {
    terminal,
    simulator,
    async close() {
      await terminal.close();
      await simulator.close();
      await terminalEnd.close().catch(() => undefined);
      await pty?.close();
    },
  };
}
