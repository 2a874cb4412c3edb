/**
 * What the till needs from a card terminal. #5 brings ZVT over serial; until then the simulator
 * stands in, and "none" degrades with a clear message while cash keeps selling.
 */
export type TerminalResult = { approved: true; reference: string } | { approved: false; reason: string };

export interface PaymentTerminal {
  readonly name: string;
  pay(request: { requestId: string; amountMinor: number; currency: string }): Promise<TerminalResult>;
  /** Same-day cancellation of an approved payment, for its exact amount. */
  reverse(request: { requestId: string; amountMinor: number; reference: string }): Promise<TerminalResult>;
  /** Reads the national ID card in the terminal's reader; null when no card was read. */
  readIdCard(): Promise<string | null>;
}

export type TerminalConfig = { kind: 'none' } | { kind: 'simulator'; idCode?: string; delayMs?: number };

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
  const wait = () => new Promise((resolve) => setTimeout(resolve, config.delayMs ?? 150));
  return {
    name: 'simulator',
    async pay({ amountMinor }) {
      await wait();
      if (Math.abs(amountMinor) % 100 === 66) return { approved: false, reason: 'insufficient funds' };
      approvals += 1;
      return { approved: true, reference: `SIM${String(approvals).padStart(6, '0')} ****4242` };
    },
    async reverse() {
      await wait();
      approvals += 1;
      return { approved: true, reference: `SIM${String(approvals).padStart(6, '0')} REV` };
    },
    async readIdCard() {
      await wait();
      return config.idCode ?? null;
    },
  };
}

export function setupTerminal(config: TerminalConfig): PaymentTerminal {
  return config.kind === 'simulator' ? simulatedTerminal(config) : noTerminal;
}
