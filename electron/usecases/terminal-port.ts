import type { CardSlip } from '../domain/card-slips.js';

export type { CardSlip, SlipCopy } from '../domain/card-slips.js';

/**
 * The card terminal as the use cases need it. Adapters (ZVT, the simulated terminal) implement it;
 * the use cases never see a protocol. A lost answer is settled by asking the terminal (`recover`),
 * never by sending the request again.
 */
export type TerminalResult =
  | {
      approved: true;
      /** What the receipt shows: approval code and masked card number, e.g. "AUTH 123456 ****4242". */
      reference: string;
      /** The terminal's receipt number: a reversal names the payment by it. */
      receiptNo?: string;
      /** The terminal's trace number. */
      trace?: string;
      /**
       * The terminal's own receipts (card slips), one per copy it printed (customer's, merchant's),
       * kept apart so the printer can print the copies the shop wants, each on its own cut.
       */
      slips?: CardSlip[];
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
  /**
   * Terminal receipt numbers the till already recorded for other requests: a "last receipt" with
   * one of these is an earlier transaction (a refund of 10.00 that never arrived must not be taken
   * for the 10.00 sale before it).
   */
  knownReceiptNos?: readonly string[];
}

/** What the terminal says happened to a pending request, after asking it. */
export type RecoveryOutcome =
  | ({ outcome: 'approved' } & Extract<TerminalResult, { approved: true }>)
  | { outcome: 'declined'; reason: string }
  /** The terminal cannot tell (no matching last transaction, or it does not answer). */
  | { outcome: 'unknown'; reason: string };

/** How a terminal's end of day ended. */
export interface EndOfDayResult {
  ok: boolean;
  /** The terminal's end-of-day report (its totals), as it would print it. */
  lines: string[];
  reason?: string;
  /** Stable key of a refusal ('busy': try again later). */
  key?: string;
}

/** A terminal's own record of its last transaction (a payment, a reversal, an end of day…). */
export interface TerminalLastTransaction {
  /** Tells transactions apart: a later transaction never has the same one. */
  identity: string;
  /** It was an end of day (no card in it), not a card transaction. */
  endOfDay: boolean;
  /** Its receipt as the terminal repeats it (for an end of day: the totals). */
  lines: string[];
}

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
  /** Money back to a card, where the terminal supports it. */
  refund?(request: { requestId: string; amountMinor: number; onPrompt?: (p: TerminalPrompt) => void }): Promise<TerminalResult>;
  /**
   * The terminal's end of day (the day close): its totals as printable lines. `beforeSending` gets
   * the terminal's last transaction, asked in the same turn of the terminal right before the end
   * of day goes out, so the caller can note it durably: a lost answer is then settled by asking
   * again (`lastTransaction`), never by a second end of day.
   */
  endOfDay?(options?: { beforeSending?(last: TerminalLastTransaction | null): void }): Promise<EndOfDayResult>;
  /**
   * The terminal's last transaction as it reports it now (a late answer still on its way first),
   * or null when it names none.
   */
  lastTransaction?(): Promise<TerminalLastTransaction | null>;
  /** Whether this terminal has a day of its own that the till closes at its day close (end of day and the question after it). */
  closesDay?(): boolean;
  /** Settles a request cut off by a crash or a timeout by asking the terminal: approved, declined, or unknown. */
  recover?(pending: PendingTerminalRequest): Promise<RecoveryOutcome>;
  /** Reads the national ID card in the terminal's reader; null when no card was read. */
  readIdCard(): Promise<string | null>;
  close?(): Promise<void>;
}

/** Thrown by a terminal that is not there: card payments are refused with a message, cash goes on. */
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
