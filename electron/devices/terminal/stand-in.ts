import type { PaymentTerminal, TerminalResult } from '../../usecases/terminal-port.js';

/**
 * An in-process stand-in for a card terminal, for tests that need a terminal but not its protocol:
 * it approves, except amounts ending in 66 cents, which it declines as "insufficient funds" (the
 * usual test-amount convention of acquirers). The demo and the end-to-end tests use the ZVT
 * simulator instead, which speaks the real protocol over a serial line.
 */
export function standInTerminal(config: { idCode?: string; delayMs?: number } = {}): PaymentTerminal {
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
    name: 'stand-in terminal',
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
