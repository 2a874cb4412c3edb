import { noTerminal, type PaymentTerminal } from '../../usecases/terminal-port.js';
import type { ZvtSimulator } from '../../../native/zvt/index.js';
import type { TerminalConnection } from '../connection.js';
import { standInTerminal } from './stand-in.js';
import { setupZvt } from './zvt.js';

/**
 * The card terminal a till is started with: a connection (none, or ZVT over serial, TCP or the
 * simulator) with the ID code the simulator "reads" (F10), or the in-process stand-in for tests.
 */
export type TerminalConfig =
  | (TerminalConnection & {
      idCode?: string;
      /** How long a transaction may take before its answer counts as lost (default 180 s). */
      responseTimeoutMs?: number;
    })
  | { kind: 'stand-in'; idCode?: string; delayMs?: number };

export interface TerminalSetup {
  terminal: PaymentTerminal;
  /** The ZVT simulator on the other end, when the terminal is simulated (tests, demo). */
  simulator: ZvtSimulator | null;
  close(): Promise<void>;
}

const ISO_CURRENCY: Readonly<Record<string, number>> = { EUR: 978, PLN: 985, UAH: 980, KZT: 398 };

export async function setupTerminal(config: TerminalConfig, options: { password?: string; currency?: string } = {}): Promise<TerminalSetup> {
  if (config.kind === 'stand-in') return { terminal: standInTerminal(config), simulator: null, close: async () => undefined };
  if (config.kind === 'none') return { terminal: noTerminal, simulator: null, close: async () => undefined };
  const { idCode, responseTimeoutMs, ...connection } = config;
  const zvt = await setupZvt(connection, {
    password: options.password ?? '000000',
    currency: ISO_CURRENCY[options.currency ?? 'EUR'] ?? 978,
    ...(idCode ? { idCode } : {}),
    ...(responseTimeoutMs ? { responseTimeoutMs } : {}),
  });
  return { terminal: zvt.terminal, simulator: zvt.simulator, close: () => zvt.close() };
}
