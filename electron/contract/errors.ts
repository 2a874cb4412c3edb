import { z } from 'zod';

/**
 * Every error the core can return. A code is something a cashier can act on: the renderer
 * translates `errors.<code>` and shows it; `details` carries the values the message needs.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'internal',
  'article.not_found',
  'quantity.invalid',
  'receipt.not_found',
  'receipt.confirmed',
  'receipt.empty',
  'receipt.not_paid',
  'row.not_found',
  'payment.nothing_due',
  'payment.invalid_amount',
  // The complete receipt.
  'receipt.locked',
  'receipt.delete_forbidden',
  'receipt.has_card_payment',
  'receipt.overpaid',
  'row.price_required',
  'payment.method_disabled',
  'payment.exceeds_due',
  'payment.declined',
  'payment.terminal_unavailable',
  'payment.not_found',
  'customer.not_found',
  'series.not_found',
  'warehouse.not_found',
  'object.not_found',
  'salesperson.not_found',
  // A customer's details on the receipt header (details.field names the field).
  'vat_no.no_country',
  'vat_no.unknown_country',
  'vat_no.bad_format',
  'vat_no.check_digit',
  'email.invalid',
  // Devices.
  'barcode.invalid_check_digit',
  'drawer.not_allowed',
  'printer.unavailable',
  'device.bad_connection',
  'fiscal.tax_ladder',
  'fiscal.name_too_long',
  'fiscal.unavailable',
  // Card terminal.
  'payment.terminal_in_doubt',
  'payment.reversal_not_today',
  'payment.not_orphaned',
  // A tired cashier's input: asked about, explained, never taken silently.
  'receipt.confirm_warnings',
  'quantity.implausible',
  'quantity.not_whole',
  'article.needs_weight',
  'payment.implausible_cash',
  'amount.too_large',
  // Returns (details.field names the field where there is one).
  'credit.not_confirmed',
  'credit.of_credit_note',
  'credit.nothing_left',
  'credit.above_left',
  'credit.positive_quantity',
  'credit.frozen',
  'credit.not_a_credit_note',
  'credit.card_cancelled',
  'credit.card_refunded',
  'credit.refund_given',
  'series.credit_same',
  'credit.card_not_exact',
  'credit.card_by_cancel',
  'credit.card_refund_unavailable',
  'credit.card_refund_above_card',
  'payment.nothing_owed',
  'payment.exceeds_refund',
  'iban.invalid',
  // The day: open, cash in and out, close.
  'day.not_open',
  'day.already_open',
  'day.count_invalid',
  'day.cash_out_above_register',
  'day.difference_needs_reason',
  'day.amount_invalid',
  'day.not_found',
  'day.blind',
  'ledger.bad_connection',
  /** The ledger could not give its product cards (details.reason). */
  'ledger.cards_failed',
  /** The ledger set (none, hledger-web, files) keeps no product cards. */
  'catalogue.no_ledger_cards',
  'day.open_payments',
  'day.inventory_invalid',
  'day.direction_not_set',
  // Product cards imported from a CSV file (details.line, details.columns where they apply).
  'catalogue.bad_header',
  'catalogue.bad_file',
  'catalogue.too_large',
  'catalogue.import_not_found',
  'catalogue.import_stale',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type WireError = z.infer<typeof WireError>;

export type Wire<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** An error a use case raises on purpose; the dispatcher turns it into a wire error with its code. */
export class PosError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'PosError';
  }
}
