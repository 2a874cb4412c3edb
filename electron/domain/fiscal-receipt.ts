/**
 * The fiscal document of a confirmed receipt (Poland): what the fiscal worker registers on the
 * fiscal printer, frozen as JSON in fiscal_jobs at confirm. Built here, in the confirm transaction,
 * so a receipt the printer could not take (a VAT rate without a PTU letter, a name too long, a
 * refund, cash rounding) is refused *before* the sale is confirmed, with a code the cashier's
 * screen can explain.
 */
import { DomainError } from './errors.js';
import type { PaymentMethod } from './payment.js';

/** What a fiscal receipt is made of: a confirmed document as its frozen facts describe it. */
export interface FiscalSource {
  id: string;
  number: string | null;
  /** The document this one credits; a credit note is never a fiscal sale. */
  creditOf: string | null;
  rows: readonly {
    lineNo: number;
    name: string;
    quantityMilli: number;
    unitPriceMinor: number;
    vatRateBp: number;
    sumMinor: number;
    discountMinor: number;
  }[];
  totalMinor: number;
  roundingMinor: number;
  changeMinor: number;
  payments: readonly { method: PaymentMethod; amountMinor: number; tenderedMinor: number }[];
}

export interface FiscalLine {
  name: string;
  quantityMilli: number;
  /** Unit price incl. VAT, grosze. */
  unitPriceMinor: number;
  /** What the line adds to the receipt: price × quantity − discount. */
  sumMinor: number;
  /** PTU letter A–G. */
  ptu: string;
  /** price × quantity − sum (0 without a discount). */
  discountMinor: number;
  /**
   * The row's VAT rate in basis points: not sent to the printer (it knows its own PTU table), kept
   * so the tax-ladder history can be rebuilt from registered documents (ladderHistory).
   */
  rateBp?: number;
}

export interface FiscalPayment {
  kind: PaymentMethod;
  /** Cash: the money handed over (the printer prints it and the change); others: the amount. */
  amountMinor: number;
}

export interface FiscalReceipt {
  receiptId: string;
  number: string;
  lines: FiscalLine[];
  totalMinor: number;
  payments: FiscalPayment[];
  changeMinor: number;
  roundingMinor: number;
}

/**
 * Item name limit: the Polish fiscal invoice print fields allow item names of 1–60 characters;
 * POSNET itself takes up to 80 in `trline na`, NoviAPI 60 — 60 fits both.
 */
export const FISCAL_NAME_LIMIT = 60;
/** POSNET: at most 500 sale lines on a receipt (trline note 9). */
export const FISCAL_MAX_LINES = 500;

function percent(rateBp: number): string {
  return (rateBp / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** What the printer prints: whitespace (tabs, newlines) collapsed to single spaces, trimmed. */
export function fiscalItemName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim();
}

/**
 * From the confirmed document's facts and the PTU map (rate in bp as a string → letter). Throws
 * DomainError `fiscal.name_too_long` (details: line, name, length, limit) or `fiscal.unavailable`
 * (details: reason = no_ptu | refund | zero_price | zero_line | empty_name | cash_rounding |
 * payments_mismatch | empty | too_many_lines, plus the values concerned).
 */
export function toFiscalReceipt(view: FiscalSource, ptuMap: Record<string, string>, nameLimit: number = FISCAL_NAME_LIMIT): FiscalReceipt {
  const unavailable = (message: string, details: Record<string, string | number>): DomainError =>
    new DomainError('fiscal.unavailable', message, details);
  if (view.rows.length === 0) throw unavailable('An empty receipt cannot be registered on the fiscal printer', { reason: 'empty' });
  if (view.rows.length > FISCAL_MAX_LINES) {
    throw unavailable(`A fiscal receipt takes at most ${FISCAL_MAX_LINES} lines`, { reason: 'too_many_lines', lines: view.rows.length, limit: FISCAL_MAX_LINES });
  }
  if (view.totalMinor < 0 || view.creditOf !== null) {
    throw unavailable('A refund cannot be registered as a fiscal receipt', { reason: 'refund' });
  }
  if (view.roundingMinor !== 0) {
    throw unavailable('Cash rounding cannot be registered on a fiscal printer: switch cash rounding off for this till', {
      reason: 'cash_rounding',
      roundingMinor: view.roundingMinor,
    });
  }

  const lines: FiscalLine[] = view.rows.map((row) => {
    const name = fiscalItemName(row.name);
    if (!/[\p{L}\p{N}]/u.test(name)) {
      throw unavailable(`Line ${row.lineNo} needs a name with letters or digits for the fiscal printer`, { reason: 'empty_name', line: row.lineNo });
    }
    if ([...name].length > nameLimit) {
      throw new DomainError('fiscal.name_too_long', `Line ${row.lineNo}: the fiscal printer takes names of at most ${nameLimit} characters`, {
        line: row.lineNo,
        name,
        length: [...name].length,
        limit: nameLimit,
      });
    }
    const ptu = ptuMap[String(row.vatRateBp)];
    if (ptu === undefined || !/^[A-G]$/.test(ptu)) {
      throw unavailable(`VAT ${percent(row.vatRateBp)} % (line ${row.lineNo}) has no PTU letter in the fiscal settings`, {
        reason: 'no_ptu',
        line: row.lineNo,
        rateBp: row.vatRateBp,
      });
    }
    if (row.quantityMilli <= 0) throw unavailable(`Line ${row.lineNo} has a negative quantity: a refund is not a fiscal sale`, { reason: 'refund', line: row.lineNo });
    if (row.unitPriceMinor <= 0) throw unavailable(`Line ${row.lineNo} has no price: the fiscal printer takes no zero-price lines`, { reason: 'zero_price', line: row.lineNo });
    if (row.sumMinor <= 0) throw unavailable(`Line ${row.lineNo} is discounted to zero: the fiscal printer takes no zero lines`, { reason: 'zero_line', line: row.lineNo });
    return {
      name,
      quantityMilli: row.quantityMilli,
      unitPriceMinor: row.unitPriceMinor,
      sumMinor: row.sumMinor,
      ptu,
      discountMinor: row.discountMinor,
      rateBp: row.vatRateBp,
    };
  });

  const totalMinor = lines.reduce((sum, line) => sum + line.sumMinor, 0);
  if (totalMinor !== view.totalMinor) {
    throw unavailable('The receipt total does not match its lines', { reason: 'payments_mismatch', totalMinor: view.totalMinor, linesMinor: totalMinor });
  }
  const payments: FiscalPayment[] = [];
  for (const p of view.payments) {
    const amountMinor = p.method === 'cash' ? p.tenderedMinor : p.amountMinor;
    if (amountMinor < 0) throw unavailable('A payment back to the customer cannot be registered as a fiscal receipt', { reason: 'refund' });
    if (amountMinor > 0) payments.push({ kind: p.method, amountMinor });
  }
  const paid = payments.reduce((sum, p) => sum + p.amountMinor, 0);
  if (paid - view.changeMinor !== totalMinor) {
    throw unavailable('The payments do not cover the receipt exactly', {
      reason: 'payments_mismatch',
      totalMinor,
      paidMinor: paid,
      changeMinor: view.changeMinor,
    });
  }
  return {
    receiptId: view.id,
    number: view.number ?? '',
    lines,
    totalMinor,
    payments,
    changeMinor: view.changeMinor,
    roundingMinor: view.roundingMinor,
  };
}
