/**
 * A POSNET fiscal printer as the till's fiscal worker sees it: register one receipt, and tell —
 * from the device's own counters — whether the last attempt got through (exactly-once).
 *
 * Registration: trinit → trline… → trpayment… (→ change) → trend. The device verifies every total
 * we send (line `wa`, receipt `to`, payments `fp`, change `re`), so a receipt that would differ
 * from the till's is refused instead of printed.
 *
 * Exactly-once relies on `scnt bn` (receipts completed) and `strns` (open transaction? the last
 * document's type and per-rate totals — the device zeroes them only when the next transaction
 * starts). Read them before an attempt, and after an interrupted attempt compare.
 */
import type { ByteLink } from '../link/link.js';
import { PosnetClient, PosnetError, PosnetReplyLostError, PosnetTimeoutError, type MechanismCondition, type PosnetClientOptions } from './protocol.js';
import { isTrue, param, type Frame } from './frame.js';
import { CMD, FIELD, PAYMENT_TYPE, PTU_LETTERS, RATE_EXEMPT_BP, RATE_INACTIVE_BP, describeError, isDocumentError, ptuIndex } from './spec.js';

/** What the device needs of a receipt: structurally the same as electron/domain FiscalReceipt. */
export interface FiscalDocument {
  receiptId: string;
  number: string;
  lines: ReadonlyArray<{ name: string; quantityMilli: number; unitPriceMinor: number; sumMinor: number; ptu: string; discountMinor: number }>;
  totalMinor: number;
  payments: ReadonlyArray<{ kind: 'cash' | 'card' | 'transfer' | 'prepayment'; amountMinor: number }>;
  changeMinor: number;
  roundingMinor: number;
}

/** The device's view of its last transaction. */
export interface RegisterState {
  transactionOpen: boolean;
  /** `scnt bn`: receipts completed correctly. */
  receiptsCompleted: number;
  /** `scnt bt`: number of the last receipt. */
  lastReceiptNumber: number;
  /** `scnt hn`: number of the last printout header. */
  lastPrintout: number;
  /** `strns ts`: 16/17 receipt, 33 invoice, 0 none. */
  lastDocumentType: number;
  /** Σ of `strns va…vg`: the fiscal value of the open or last transaction. */
  lastTotalMinor: number;
  lastPaymentsMinor: number;
}

export type FiscalCondition = 'ok' | 'paper_out' | 'cover_open' | 'error' | 'offline';

/** Why a registration did not complete. */
export class FiscalDeviceError extends Error {
  constructor(
    /**
     * refused: the device refused the document itself (same answer next time; the open transaction
     *   was cancelled) — needs a person.
     * rejected: the device refused for now (day report missing, busy…): retry later.
     * offline: no answer; uncertain: the device went quiet or lost a reply mid-receipt, so whether
     *   the receipt got through is unknown until its counters are read.
     */
    readonly kind: 'refused' | 'rejected' | 'offline' | 'uncertain',
    message: string,
    readonly code: number | null = null,
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'FiscalDeviceError';
  }
}

export interface FiscalDevice {
  readonly name: string;
  /** Registers the receipt; resolves with the reference printed on it ("receipt/printout"). */
  register(doc: FiscalDocument): Promise<{ fiscalRef: string }>;
  /** The device's counters and last transaction (for exactly-once after an interrupted attempt). */
  lastRegistered(): Promise<RegisterState>;
  /** Cancels an open transaction; true when there was one. */
  cancelOpen(): Promise<boolean>;
  /** Mechanism state, or 'offline' when the device does not answer. */
  condition(): Promise<FiscalCondition>;
  /** PTU rates A–G in basis points (RATE_EXEMPT_BP exempt, RATE_INACTIVE_BP inactive). */
  vatRates(): Promise<Record<string, number>>;
  /** Daily fiscal report (Z). `date` is today, yyyy-mm-dd. */
  dailyReport(date: string): Promise<void>;
  /** `scnt rd`: daily reports the printer has made; one more after each report (exactly-once after an interrupted one). */
  dailyReportCount(): Promise<number>;
  /** Paper out / cover open while a command waits, 'ok' when it clears. */
  onCondition(listener: (condition: MechanismCondition) => void): () => void;
  close(): Promise<void>;
}

export interface PosnetDeviceOptions extends Omit<PosnetClientOptions, 'onCondition'> {
  /**
   * First reply timeout for trend (the device prints the footer and signs the receipt first).
   * Default: replyTimeoutMs — a busy device is waited for anyway (the client polls `!sdev`).
   */
  endTimeoutMs?: number;
  /** Names of payment forms printed on the receipt (cash prints none). */
  paymentNames?: Partial<Record<FiscalDocument['payments'][number]['kind'], string>>;
}

const PAYMENT_TYPES: Record<FiscalDocument['payments'][number]['kind'], number> = {
  cash: PAYMENT_TYPE.cash,
  card: PAYMENT_TYPE.card,
  transfer: PAYMENT_TYPE.transfer,
  // A prepayment taken earlier: "other" with a name. (A fiscal advance, `tradvance`, would need the
  // advance's own receipt; the till does not issue those yet.)
  prepayment: PAYMENT_TYPE.other,
};
const DEFAULT_PAYMENT_NAMES: Record<FiscalDocument['payments'][number]['kind'], string> = {
  cash: '',
  card: 'Karta',
  transfer: 'Przelew',
  prepayment: 'Przedpłata',
};

/** `il`: thousandths → "1", "0.5", "1.25". */
export function formatQuantity(quantityMilli: number): string {
  const whole = Math.trunc(quantityMilli / 1000);
  const frac = String(quantityMilli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

function parseRate(text: string | undefined): number {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text ?? '');
  if (!m) return RATE_INACTIVE_BP;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function num(frame: Frame, id: string): number {
  const value = Number(param(frame, id) ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** The commands for one receipt, in order: what `register` sends (exported for tests and logs). */
export function receiptCommands(doc: FiscalDocument, names = DEFAULT_PAYMENT_NAMES): Array<[string, Array<[string, string | number]>]> {
  if (doc.lines.length === 0) throw new FiscalDeviceError('refused', `receipt ${doc.number} has no lines`);
  if (doc.roundingMinor !== 0) throw new FiscalDeviceError('refused', `receipt ${doc.number} has cash rounding, which a fiscal printer cannot register`);
  const f = FIELD.trline;
  const commands: Array<[string, Array<[string, string | number]>]> = [[CMD.trinit, [[FIELD.trinit.blockMode, 0]]]];
  for (const line of doc.lines) {
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f]/.test(line.name)) throw new FiscalDeviceError('refused', `receipt ${doc.number}: item name '${line.name}' contains a control character`);
    const gross = line.sumMinor + line.discountMinor;
    const params: Array<[string, string | number]> = [
      [f.name, line.name],
      [f.rate, ptuIndex(line.ptu)],
      [f.price, line.unitPriceMinor],
      [f.quantity, formatQuantity(line.quantityMilli)],
      [f.total, gross],
    ];
    if (line.discountMinor > 0) params.push([f.isDiscount, 1], [f.discountAmount, line.discountMinor]);
    else if (line.discountMinor < 0) params.push([f.isDiscount, 0], [f.discountAmount, -line.discountMinor]);
    commands.push([CMD.trline, params]);
  }
  const p = FIELD.trpayment;
  let paid = 0;
  for (const payment of doc.payments) {
    if (payment.amountMinor <= 0) continue;
    const params: Array<[string, string | number]> = [
      [p.type, PAYMENT_TYPES[payment.kind]],
      [p.amount, payment.amountMinor],
    ];
    const name = names[payment.kind];
    if (name) params.push([p.name, name]);
    commands.push([CMD.trpayment, params]);
    paid += payment.amountMinor;
  }
  if (doc.changeMinor > 0) {
    commands.push([
      CMD.trpayment,
      [
        [p.type, PAYMENT_TYPE.cash],
        [p.amount, doc.changeMinor],
        [p.change, 1],
      ],
    ]);
  }
  const end: Array<[string, string | number]> = [[FIELD.trend.total, doc.totalMinor]];
  if (paid > 0) end.push([FIELD.trend.payments, paid]);
  if (doc.changeMinor > 0) end.push([FIELD.trend.change, doc.changeMinor]);
  commands.push([CMD.trend, end]);
  return commands;
}

/**
 * A POSNET printer behind a link that may come and go: the link is opened when needed and reopened
 * after the device stopped answering (unplugged USB-serial adapter), like the receipt printer.
 */
export class PosnetFiscalDevice implements FiscalDevice {
  private client: PosnetClient | null = null;
  private readonly listeners = new Set<(condition: MechanismCondition) => void>();
  private readonly names: Record<FiscalDocument['payments'][number]['kind'], string>;

  constructor(
    readonly name: string,
    private readonly open: () => Promise<ByteLink>,
    private readonly options: PosnetDeviceOptions = {},
    /** False for an in-memory link: nothing to reopen. */
    private readonly reopenable = true,
  ) {
    this.names = { ...DEFAULT_PAYMENT_NAMES, ...options.paymentNames };
  }

  onCondition(listener: (condition: MechanismCondition) => void): () => void {
    const wrapped = (c: MechanismCondition): void => listener(c);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  async register(doc: FiscalDocument): Promise<{ fiscalRef: string }> {
    const commands = receiptCommands(doc, this.names);
    const client = await this.connect();
    let opened = false;
    for (const [command, params] of commands) {
      try {
        const timeout = command === CMD.trend ? this.options.endTimeoutMs : undefined;
        await this.call(client, command, params, timeout);
        if (command === CMD.trinit) opened = true;
      } catch (error) {
        throw await this.failure(client, error, command, opened, doc);
      }
    }
    try {
      const counters = await this.call(client, CMD.scnt);
      return { fiscalRef: `${num(counters, FIELD.scnt.lastReceipt)}/${num(counters, FIELD.scnt.lastHeader)}` };
    } catch {
      return { fiscalRef: 'registered (reference not read)' };
    }
  }

  async lastRegistered(): Promise<RegisterState> {
    const client = await this.connect();
    try {
      const trns = await this.call(client, CMD.strns);
      const cnt = await this.call(client, CMD.scnt);
      return {
        transactionOpen: isTrue(param(trns, FIELD.strns.open)),
        receiptsCompleted: num(cnt, FIELD.scnt.receiptsCompleted),
        lastReceiptNumber: num(cnt, FIELD.scnt.lastReceipt),
        lastPrintout: num(cnt, FIELD.scnt.lastHeader),
        lastDocumentType: num(trns, FIELD.strns.documentType),
        lastTotalMinor: FIELD.strns.rateTotals.reduce((sum, id) => sum + num(trns, id), 0),
        lastPaymentsMinor: num(trns, FIELD.strns.payments),
      };
    } catch (error) {
      throw await this.failure(client, error, CMD.strns, false, null);
    }
  }

  async cancelOpen(): Promise<boolean> {
    const client = await this.connect();
    try {
      const trns = await this.call(client, CMD.strns);
      if (!isTrue(param(trns, FIELD.strns.open))) return false;
      await this.call(client, CMD.prncancel);
      return true;
    } catch (error) {
      throw await this.failure(client, error, CMD.prncancel, false, null);
    }
  }

  async condition(): Promise<FiscalCondition> {
    let client: PosnetClient;
    try {
      client = await this.connect();
    } catch {
      return 'offline';
    }
    const mechanism = await client.mechanism();
    if (mechanism === null) {
      await this.reset();
      return 'offline';
    }
    return mechanism;
  }

  async vatRates(): Promise<Record<string, number>> {
    const client = await this.connect();
    try {
      const reply = await this.call(client, CMD.vatget);
      return Object.fromEntries(FIELD.vatget.rates.map((id, i) => [PTU_LETTERS[i]!, parseRate(param(reply, id))]));
    } catch (error) {
      throw await this.failure(client, error, CMD.vatget, false, null);
    }
  }

  async dailyReport(date: string): Promise<void> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`daily report date must be yyyy-mm-dd: ${date}`);
    const client = await this.connect();
    try {
      await this.call(client, CMD.dailyrep, [[FIELD.dailyrep.date, date]], Math.max(30_000, this.options.replyTimeoutMs ?? 3000));
    } catch (error) {
      throw await this.failure(client, error, CMD.dailyrep, false, null);
    }
  }

  async dailyReportCount(): Promise<number> {
    const client = await this.connect();
    try {
      return num(await this.call(client, CMD.scnt), FIELD.scnt.dailyReports);
    } catch (error) {
      throw await this.failure(client, error, CMD.scnt, false, null);
    }
  }

  async close(): Promise<void> {
    await this.reset(true);
    this.listeners.clear();
  }

  private async connect(): Promise<PosnetClient> {
    if (this.client) return this.client;
    let link: ByteLink;
    try {
      link = await this.open();
    } catch (error) {
      throw new FiscalDeviceError('offline', error instanceof Error ? error.message : String(error));
    }
    this.client = new PosnetClient(link, {
      ...this.options,
      onCondition: (c) => {
        for (const listener of [...this.listeners]) listener(c);
      },
    });
    return this.client;
  }

  private async reset(force = false): Promise<void> {
    if (!this.reopenable && !force) return;
    const client = this.client;
    this.client = null;
    await client?.close().catch(() => undefined);
  }

  private call(client: PosnetClient, command: string, params: Array<[string, string | number]> = [], timeoutMs?: number): Promise<Frame> {
    return client.request(command, params, timeoutMs === undefined ? {} : { replyTimeoutMs: timeoutMs });
  }

  /** Turns a protocol failure into a FiscalDeviceError, cancelling a transaction the device refused. */
  private async failure(client: PosnetClient, error: unknown, command: string, opened: boolean, doc: FiscalDocument | null): Promise<FiscalDeviceError> {
    const what = doc ? `receipt ${doc.number}` : command;
    if (error instanceof FiscalDeviceError) return error;
    if (error instanceof PosnetError) {
      const documentError = error.kind === 'command' && isDocumentError(error.code) && command !== CMD.trinit;
      if (opened) {
        // The device refused mid-receipt: leave no half receipt open (a new one could not start).
        await this.call(client, CMD.prncancel).catch(() => undefined);
      }
      return new FiscalDeviceError(
        documentError ? 'refused' : 'rejected',
        `${what}: the fiscal printer refused ${command} with error ${error.code} (${describeError(error.code)})`,
        error.code,
        command,
      );
    }
    if (error instanceof PosnetReplyLostError) {
      return new FiscalDeviceError('uncertain', `${what}: the reply to ${command} was lost; the printer's counters will tell whether it ran`, null, command);
    }
    if (error instanceof PosnetTimeoutError) {
      await this.reset();
      return new FiscalDeviceError(opened ? 'uncertain' : 'offline', `${what}: ${error.message}`, null, command);
    }
    await this.reset();
    return new FiscalDeviceError('offline', `${what}: ${error instanceof Error ? error.message : String(error)}`, null, command);
  }
}

export { RATE_EXEMPT_BP, RATE_INACTIVE_BP };
