/**
 * What the till needs from a card terminal. #5 brings ZVT over serial; until then the simulator
 * stands in, and "none" degrades with a clear message while cash keeps selling.
 */
export type TerminalResult =
  | {
      approved: true;
      /** What the receipt shows: approval code and masked card number, e.g. "AUTH 123456 ****4242". */
      reference: string;
      /** The terminal's receipt number (ZVT BMP 87): a reversal names the payment by it. */
      receiptNo?: string;
      /** The terminal's trace number (ZVT BMP 0B). */
      trace?: string;
      /** The terminal's own receipt text (card slip), line by line, for the receipt printer. */
      slip?: string[];
    }
  | {
      approved: false;
      reason: string;
      /** Terminal result code, when it gave one. */
      code?: number;
      /** Stable key of that result (insufficient_funds, wrong_pin…), so the screen can translate it. */
      key?: string;
    };

/** A plain-words prompt from the terminal while it works ("Insert card", "Enter PIN"…). */
export interface TerminalPrompt {
  /** Stable key for translation: insert_card, enter_pin, please_wait, remove_card, approved, declined, other. */
  key: string;
  /** The terminal's own words (shown when there is no translation). */
  text: string;
}

/** A request the till started and never heard the end of (crash, timeout, cable pulled). */
export interface PendingTerminalRequest {
  requestId: string;
  kind: 'payment' | 'reversal' | 'refund';
  amountMinor: number;
  /** ISO time the request was journalled. */
  startedAt: string;
}

/** What the terminal says happened to a pending request, after asking it (status, repeat last receipt). */
export type RecoveryOutcome =
  | ({ outcome: 'approved' } & Extract<TerminalResult, { approved: true }>)
  | { outcome: 'declined'; reason: string }
  /** The terminal cannot tell (no matching last transaction, or it does not answer). */
  | { outcome: 'unknown'; reason: string };

export interface PaymentTerminal {
  readonly name: string;
  pay(request: { requestId: string; amountMinor: number; currency: string; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult>;
  /** Same-day cancellation of an approved payment, for its exact amount, by its terminal receipt number. */
  reverse(request: {
    requestId: string;
    amountMinor: number;
    reference: string;
    receiptNo?: string;
    onPrompt?: (p: TerminalPrompt) => void;
  }): Promise<TerminalResult>;
  /** Money back to a card (credit notes, #6), where the terminal supports it. */
  refund?(request: { requestId: string; amountMinor: number; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult>;
  /** The terminal's end of day (day close, #7): its totals as printable lines. */
  endOfDay?(): Promise<{ ok: boolean; lines: string[]; reason?: string }>;
  /**
   * Settles a request cut off by a crash or a timeout by asking the terminal (never by sending it
   * again): approved with its numbers, declined, or unknown.
   */
  recover?(pending: PendingTerminalRequest): Promise<RecoveryOutcome>;
  /** Reads the national ID card in the terminal's reader; null when no card was read. */
  readIdCard(): Promise<string | null>;
  close?(): Promise<void>;
}

export type TerminalConfig =
  | { kind: 'none' }
  /** An in-process stand-in (fast; unit and integration tests). */
  | { kind: 'simulator'; idCode?: string; delayMs?: number }
  /** ZVT over serial or TCP, or the ZVT simulator over a PTY pair (`sim`, the demo). */
  | {
      kind: 'zvt';
      connection: import('./zvt-terminal.js').ZvtConnection;
      idCode?: string;
      /** How long a transaction may take before its answer counts as lost (default 180 s). */
      responseTimeoutMs?: number;
    };

export class TerminalUnavailableError extends Error {
  constructor() {
    super('no card terminal is configured');
    this.name = 'TerminalUnavailableError';
  }
}

/** No terminal: card payments are refused with a message; the till keeps selling for cash. */
export const noTerminal: PaymentTerminal = {
  name: 'none',
  pay: () => Promise.reject(new TerminalUnavailableError()),
  reverse: () => Promise.reject(new TerminalUnavailableError()),
  readIdCard: () => Promise.reject(new TerminalUnavailableError()),
};

/**
 * A terminal that behaves like a test card: it approves, except amounts ending in 66 cents,
 * which it declines as "insufficient funds" (the usual test-amount convention of acquirers), so
 * a decline can be shown by hand and in end-to-end tests without a hook.
 */
export function simulatedTerminal(config: { idCode?: string; delayMs?: number } = {}): PaymentTerminal {
  let approvals = 0;
  // What it answered per request, so a lost answer can be asked about (as a real terminal's
  // "repeat last receipt" allows); a request it never saw was never charged.
  const answered = new Map<string, TerminalResult>();
  const wait = () => new Promise((resolve) => setTimeout(resolve, config.delayMs ?? 150));
  const remember = (requestId: string, result: TerminalResult) => {
    answered.set(requestId, result);
    return result;
  };
  return {
    name: 'simulator',
    async pay({ requestId, amountMinor }) {
      await wait();
      if (Math.abs(amountMinor) % 100 === 66) return remember(requestId, { approved: false, reason: 'insufficient funds' });
      approvals += 1;
      const n = String(approvals).padStart(6, '0');
      return remember(requestId, { approved: true, reference: `SIM${n} ****4242`, receiptNo: n.slice(-4), trace: n });
    },
    async reverse({ requestId }) {
      await wait();
      approvals += 1;
      return remember(requestId, { approved: true, reference: `SIM${String(approvals).padStart(6, '0')} REV` });
    },
    async recover({ requestId }) {
      await wait();
      const result = answered.get(requestId);
      if (!result) return { outcome: 'declined', reason: 'the terminal never received it' };
      return result.approved ? { outcome: 'approved', ...result } : { outcome: 'declined', reason: result.reason };
    },
    async readIdCard() {
      await wait();
      return config.idCode ?? null;
    },
  };
}

/** `none`, `sim` (the ZVT simulator), `zvt:serial:…`, `zvt:tcp:…`, `zvt:sim`; throws a clear message otherwise. */
export async function parseTerminalConnection(text: string, idCode?: string): Promise<TerminalConfig> {
  const t = text.trim();
  if (t === 'none') return { kind: 'none' };
  const { parseZvtConnection } = await import('./zvt-terminal.js');
  const connection = parseZvtConnection(t === 'sim' ? 'zvt:sim' : t);
  return { kind: 'zvt', connection, ...(idCode ? { idCode } : {}) };
}

export interface TerminalSetup {
  terminal: PaymentTerminal;
  /** The ZVT simulator on the other end, when the terminal is simulated (tests, demo). */
  simulator?: import('../../native/zvt/index.js').ZvtSimulator | null;
  close(): Promise<void>;
}

const ISO_CURRENCY: Readonly<Record<string, number>> = { EUR: 978, PLN: 985, UAH: 980, KZT: 398 };

export async function setupTerminal(
  config: TerminalConfig,
  options: { password?: string; currency?: string } = {},
): Promise<TerminalSetup> {
  if (config.kind === 'simulator') return { terminal: simulatedTerminal(config), close: async () => undefined };
  if (config.kind === 'none') return { terminal: noTerminal, close: async () => undefined };
  const { setupZvt } = await import('./zvt-terminal.js');
  const zvt = await setupZvt(config.connection, {
    password: options.password ?? '000000',
    currency: ISO_CURRENCY[options.currency ?? 'EUR'] ?? 978,
    ...(config.idCode ? { idCode: config.idCode } : {}),
    ...(config.responseTimeoutMs ? { responseTimeoutMs: config.responseTimeoutMs } : {}),
  });
  return { terminal: zvt.terminal, simulator: zvt.simulator, close: () => zvt.close() };
}
