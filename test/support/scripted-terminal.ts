// The one place the renderer tests' support names the card terminal port: when it moves to
// electron/usecases/ports.ts, only this import changes.
import type { PaymentTerminal, RecoveryOutcome, TerminalPrompt, TerminalResult } from '../../electron/usecases/terminal-port.js';

/** How the next card payment ends. */
export type CardAnswer =
  | { approved: true }
  | { approved: false; reason: string; key?: string }
  /** The terminal approves, but its answer never reaches the till (timeout, cable pulled). */
  | { lost: true };

/**
 * A card terminal whose behaviour the test decides: approve, decline or lose the answer; hold a
 * payment while the customer is "at the PIN pad" and show prompts meanwhile; read an ID card.
 * It computes nothing about the sale: it charges what the core asks.
 */
export interface ScriptedTerminal extends PaymentTerminal {
  /** How the next card payments end (default: approved). */
  answer: CardAnswer;
  /** What the terminal says when the till asks about a lost answer: the truth, or that it cannot tell. */
  recovery: 'truth' | 'unknown';
  /** What the ID card reader reads (F10); null: no card in the reader. */
  idCard: string | null;
  /** Payments the terminal was asked for, in order. */
  readonly payments: { requestId: string; amountMinor: number }[];
  /** Reversals the terminal was asked for, in order. */
  readonly reversals: { amountMinor: number; receiptNo?: string }[];
  /** Refunds to a card the terminal was asked for, in order. */
  readonly refunds: { amountMinor: number }[];
  /** From now on a payment waits (the customer at the PIN pad) until `release()`. */
  hold(): void;
  /** Lets the waiting payments answer; later ones answer at once. */
  release(): void;
  /** Shows a prompt as the terminal does while a payment is in progress. */
  prompt(prompt: TerminalPrompt): void;
}

export function scriptedTerminal(options: { idCard?: string | null } = {}): ScriptedTerminal {
  let holding = false;
  const waiting: (() => void)[] = [];
  let onPrompt: ((p: TerminalPrompt) => void) | undefined;
  let approvals = 0;
  // What the terminal did per request, so a lost answer can be asked about afterwards.
  const outcomes = new Map<string, TerminalResult>();

  const approve = (): Extract<TerminalResult, { approved: true }> => {
    approvals += 1;
    const n = String(approvals).padStart(4, '0');
    const lines = ['CARD ****1234', 'APPROVED'];
    return { approved: true, reference: `AUTH${n} ****1234`, receiptNo: n, trace: n, slips: [{ copy: 'customer', lines }, { copy: 'merchant', lines }] };
  };

  const terminal: ScriptedTerminal = {
    name: 'scripted',
    answer: { approved: true },
    recovery: 'truth',
    idCard: options.idCard ?? null,
    payments: [],
    reversals: [],
    refunds: [],

    async pay({ requestId, amountMinor, onPrompt: prompt }) {
      terminal.payments.push({ requestId, amountMinor });
      onPrompt = prompt;
      try {
        if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
        const answer = terminal.answer;
        if ('lost' in answer) {
          outcomes.set(requestId, approve());
          throw new Error('no answer from the terminal');
        }
        const result: TerminalResult = answer.approved
          ? approve()
          : { approved: false, reason: answer.reason, ...(answer.key ? { key: answer.key } : {}) };
        outcomes.set(requestId, result);
        return result;
      } finally {
        onPrompt = undefined;
      }
    },

    async reverse({ requestId, amountMinor, receiptNo }) {
      terminal.reversals.push({ amountMinor, ...(receiptNo ? { receiptNo } : {}) });
      const result: TerminalResult = { approved: true, reference: `REVERSED ${receiptNo ?? ''}`.trim() };
      outcomes.set(requestId, result);
      return result;
    },

    async refund({ requestId, amountMinor }) {
      terminal.refunds.push({ amountMinor });
      const result = approve();
      outcomes.set(requestId, result);
      return result;
    },

    async recover({ requestId }): Promise<RecoveryOutcome> {
      if (terminal.recovery === 'unknown') return { outcome: 'unknown', reason: 'terminal busy' };
      const result = outcomes.get(requestId);
      if (!result) return { outcome: 'declined', reason: 'the terminal never received it' };
      return result.approved ? { outcome: 'approved', ...result } : { outcome: 'declined', reason: result.reason };
    },

    async readIdCard() {
      return terminal.idCard;
    },

    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
    prompt(prompt) {
      if (!onPrompt) throw new Error('the terminal shows prompts only while a payment is in progress');
      onPrompt(prompt);
    },
  };
  return terminal;
}
