/**
 * ZVT code tables (spec chapter 10 "Error messages", the intermediate-status list of 04 FF and
 * the terminal-status codes of Status Enquiry), in English with stable keys for translation.
 *
 * Result codes 01–63 (hex) come from the card issuer / network host: they are the host's two-digit
 * decimal response code sent as a binary byte (ISO 8583 style: 0x05 = "05" do not honour, 0x33 =
 * "51" insufficient funds, 0x37 = "55" wrong PIN). The spec only says "error codes from
 * network-operator system/authorisation-system"; the few named here follow the German texts the
 * terminals display (bezahl-online/zvt) and the ISO meanings, and the rest read as "declined".
 */

export interface CodeText {
  key: string;
  text: string;
}

const RESULT: Record<number, CodeText> = {
  0x00: { key: 'success', text: 'Approved' },
  // From the card issuer / network host (decimal response code as a byte).
  0x03: { key: 'invalid_merchant', text: 'Declined: invalid merchant (host code 03)' },
  0x04: { key: 'declined', text: 'Declined: card to be retained (host code 04)' },
  0x05: { key: 'declined', text: 'Declined by the card issuer (host code 05, do not honour)' },
  0x0d: { key: 'invalid_amount', text: 'Declined: invalid amount (host code 13)' },
  0x0e: { key: 'invalid_card', text: 'Declined: invalid card number (host code 14)' },
  0x19: { key: 'original_not_found', text: 'Declined: the original transaction was not found (host code 25)' },
  0x1e: { key: 'host_format_error', text: 'Declined: format error at the host (host code 30)' },
  0x33: { key: 'insufficient_funds', text: 'Declined: insufficient funds (host code 51)' },
  0x36: { key: 'card_expired', text: 'Declined: card expired (host code 54)' },
  0x37: { key: 'wrong_pin', text: 'Declined: incorrect PIN (host code 55)' },
  0x3d: { key: 'limit_exceeded', text: 'Declined: amount limit exceeded (host code 61)' },
  0x4b: { key: 'pin_tries_exceeded', text: 'Declined: PIN try limit exceeded (host code 75)' },
  0x5b: { key: 'issuer_unavailable', text: 'Declined: card issuer not available (host code 91)' },
  // The terminal's own codes.
  0x64: { key: 'card_not_readable', text: 'Card not readable' },
  0x65: { key: 'card_data_missing', text: 'Card data not present' },
  0x66: { key: 'processing_error', text: 'Processing error' },
  0x67: { key: 'not_permitted_debit', text: 'Function not permitted for girocard and Maestro cards' },
  0x68: { key: 'not_permitted_credit', text: 'Function not permitted for credit and fleet cards' },
  0x6a: { key: 'turnover_file_full', text: 'Turnover file full' },
  0x6b: { key: 'not_registered', text: 'Function deactivated (terminal not registered)' },
  0x6c: { key: 'aborted', text: 'Aborted (timeout or abort key)' },
  0x6e: { key: 'card_blocked', text: 'Card in blocked list' },
  0x6f: { key: 'wrong_currency', text: 'Wrong currency' },
  0x71: { key: 'credit_not_sufficient', text: 'Credit not sufficient (chip card)' },
  0x72: { key: 'chip_error', text: 'Chip error' },
  0x73: { key: 'card_data_incorrect', text: 'Card data incorrect' },
  0x74: { key: 'dukpt_exhausted', text: 'DUKPT engine exhausted' },
  0x75: { key: 'text_not_authentic', text: 'Text not authentic' },
  0x76: { key: 'pan_not_whitelisted', text: 'PAN not in white list' },
  0x77: { key: 'end_of_day_not_possible', text: 'End-of-day batch not possible' },
  0x78: { key: 'card_expired', text: 'Card expired' },
  0x79: { key: 'card_not_yet_valid', text: 'Card not yet valid' },
  0x7a: { key: 'card_unknown', text: 'Card unknown' },
  0x7b: { key: 'fallback_not_possible', text: 'Fallback to magnetic stripe not possible (girocard)' },
  0x7c: { key: 'fallback_not_possible', text: 'Fallback to magnetic stripe not possible' },
  0x7d: { key: 'communication_error', text: 'Communication error (the host does not answer)' },
  0x7e: { key: 'fallback_not_possible', text: 'Fallback to magnetic stripe not possible, debit advice possible' },
  0x83: { key: 'function_not_possible', text: 'Function not possible' },
  0x85: { key: 'key_missing', text: 'Key missing' },
  0x89: { key: 'pin_pad_defective', text: 'PIN pad defective' },
  0x9a: { key: 'protocol_error', text: 'ZVT protocol error' },
  0x9b: { key: 'dial_up_error', text: 'Dial-up / communication fault' },
  0x9c: { key: 'busy', text: 'Terminal busy, please wait and repeat' },
  0xa0: { key: 'receiver_not_ready', text: 'Receiver not ready' },
  0xa1: { key: 'remote_no_answer', text: 'Remote station does not respond' },
  0xa3: { key: 'no_connection', text: 'No connection' },
  0xa4: { key: 'geldkarte_not_possible', text: 'Submission of Geldkarte not possible' },
  0xa5: { key: 'not_allowed_pci', text: 'Function not allowed due to PCI-DSS/P2PE rules' },
  0xb1: { key: 'memory_full', text: 'Memory full' },
  0xb2: { key: 'journal_full', text: 'Merchant journal full' },
  0xb4: { key: 'already_reversed', text: 'Already reversed' },
  0xb5: { key: 'reversal_not_possible', text: 'Reversal not possible' },
  0xb7: { key: 'preauth_incorrect', text: 'Pre-authorisation incorrect (amount too high) or amount wrong' },
  0xb8: { key: 'preauth_error', text: 'Pre-authorisation error' },
  0xbf: { key: 'low_voltage', text: 'Voltage supply too low' },
  0xc0: { key: 'card_lock_defective', text: 'Card locking mechanism defective' },
  0xc1: { key: 'merchant_card_locked', text: 'Merchant card locked' },
  0xc2: { key: 'diagnosis_required', text: 'Diagnosis required' },
  0xc3: { key: 'max_amount_exceeded', text: 'Maximum amount exceeded' },
  0xc4: { key: 'card_profile_invalid', text: 'Card profile invalid: new card profiles must be loaded' },
  0xc5: { key: 'payment_method_not_supported', text: 'Payment method not supported' },
  0xc6: { key: 'currency_not_applicable', text: 'Currency not applicable' },
  0xc8: { key: 'amount_too_small', text: 'Amount too small' },
  0xc9: { key: 'max_amount_too_small', text: 'Maximum transaction amount too small' },
  0xcb: { key: 'euro_only', text: 'Function only allowed in euro' },
  0xcc: { key: 'printer_not_ready', text: 'Printer not ready' },
  0xcd: { key: 'cashback_not_possible', text: 'Cashback not possible' },
  0xd2: { key: 'not_permitted_service_card', text: 'Function not permitted for service cards / bank customer cards' },
  0xdc: { key: 'card_inserted', text: 'Card inserted' },
  0xdd: { key: 'card_eject_error', text: 'Error during card eject' },
  0xde: { key: 'card_insert_error', text: 'Error during card insertion' },
  0xe0: { key: 'remote_maintenance', text: 'Remote maintenance activated' },
  0xe2: { key: 'card_reader_defective', text: 'Card reader does not answer / card reader defective' },
  0xe3: { key: 'shutter_closed', text: 'Shutter closed' },
  0xe4: { key: 'activation_required', text: 'Terminal activation required' },
  0xe7: { key: 'goods_group_not_found', text: 'At least one goods group not found' },
  0xe8: { key: 'no_goods_group_table', text: 'No goods-group table loaded' },
  0xe9: { key: 'restriction_code_not_permitted', text: 'Restriction code not permitted' },
  0xea: { key: 'card_code_not_permitted', text: 'Card code not permitted' },
  0xeb: { key: 'pin_algorithm_unknown', text: 'Function not executable (PIN algorithm unknown)' },
  0xec: { key: 'pin_processing_not_possible', text: 'PIN processing not possible' },
  0xed: { key: 'pin_pad_defective', text: 'PIN pad defective' },
  0xf0: { key: 'open_batch_present', text: 'Open end-of-day batch present' },
  0xf1: { key: 'offline_error', text: 'ec-cash/Maestro offline error' },
  0xf5: { key: 'opt_error', text: 'OPT error' },
  0xf6: { key: 'opt_data_missing', text: 'OPT data not available (OPT personalisation required)' },
  0xfa: { key: 'clearing_error', text: 'Error transmitting offline transactions (clearing error)' },
  0xfb: { key: 'turnover_record_defective', text: 'Turnover data set defective' },
  0xfc: { key: 'device_missing', text: 'Necessary device not present or defective' },
  0xfd: { key: 'baudrate_not_supported', text: 'Baud rate not supported' },
  0xfe: { key: 'register_unknown', text: 'Register unknown' },
  0xff: { key: 'system_error', text: 'System error (other or unknown error)' },
};

const hex2 = (code: number): string => code.toString(16).toUpperCase().padStart(2, '0');

/** Every result code with its own entry (for tests and documentation). */
export const RESULT_CODES: Readonly<Record<number, CodeText>> = RESULT;

/** English text and stable key for a result code (BMP 27, 06 1E, 84 xx). */
export function describeResult(code: number): CodeText {
  const known = RESULT[code];
  if (known) return known;
  if (code >= 0x01 && code <= 0x63) {
    return { key: 'declined', text: `Declined by the card issuer or network (host code ${String(code).padStart(2, '0')})` };
  }
  return { key: 'unknown', text: `Unknown result code 0x${hex2(code)}` };
}

/** Terminal-status byte of the Status Enquiry completion (00 = ready); falls back to the result table. */
const TERMINAL_STATUS: Record<number, CodeText> = {
  0x00: { key: 'success', text: 'Terminal ready' },
  0x51: { key: 'initialisation_required', text: 'Initialisation required' },
  0x62: { key: 'date_time_incorrect', text: 'Date/time incorrect' },
  0x9c: { key: 'busy', text: 'Please wait (e.g. software update still running)' },
  0x9d: { key: 'partial_issue', text: 'Partial issue of goods' },
  0xdf: { key: 'out_of_order', text: 'Out of order' },
  0xe1: { key: 'card_not_removed', text: 'Card not completely removed' },
  0xf0: { key: 'goods_group_not_found', text: 'At least one goods group not found' },
};

export function describeTerminalStatus(code: number): CodeText {
  return TERMINAL_STATUS[code] ?? describeResult(code);
}

export type PromptKey = 'insert_card' | 'enter_pin' | 'please_wait' | 'remove_card' | 'approved' | 'declined' | 'other';

/** Intermediate status (04 FF) texts. Codes 0x41–0x69 are the base message plus "please remove card". */
const STATUS_TEXT: Record<number, string> = {
  0x00: 'Waiting for amount confirmation',
  0x01: 'Please watch PIN pad',
  0x02: 'Please watch PIN pad',
  0x03: 'Not accepted',
  0x04: 'Waiting for response from the host',
  0x05: 'Sending auto-reversal',
  0x06: 'Sending post-bookings',
  0x07: 'Card not admitted',
  0x08: 'Card unknown / undefined',
  0x09: 'Expired card',
  0x0a: 'Insert card',
  0x0b: 'Please remove card',
  0x0c: 'Card not readable',
  0x0d: 'Processing error',
  0x0e: 'Please wait…',
  0x0f: 'Starting an automatic end-of-day batch',
  0x10: 'Invalid card',
  0x11: 'Balance display',
  0x12: 'System malfunction',
  0x13: 'Payment not possible',
  0x14: 'Credit not sufficient',
  0x15: 'Incorrect PIN',
  0x16: 'Limit not sufficient',
  0x17: 'Please wait…',
  0x18: 'PIN try limit exceeded',
  0x19: 'Card data incorrect',
  0x1a: 'Service mode',
  0x1b: 'Approved. Please fill up',
  0x1c: 'Approved. Please take goods',
  0x1d: 'Declined',
  0x26: 'Waiting for input of the mobile number',
  0x27: 'Waiting for repeat of the mobile number',
  0x28: 'Currency selection, please wait…',
  0x29: 'Language selection, please wait…',
  0x2a: 'For loading please insert card',
  0x2b: 'Emergency transaction, please wait',
  0x2c: 'Application selection, please wait',
  0x68: 'Customer card inserted',
  0x69: 'Please select DCC',
  0xc7: 'Waiting for input of the mileage',
  0xc8: 'Waiting for the cashier',
  0xc9: 'Starting an automatic diagnosis',
  0xca: 'Starting an automatic initialisation',
  0xcb: 'Merchant journal full',
  0xcc: 'Debit advice not possible, PIN required',
  0xd2: 'Connecting dial-up',
  0xd3: 'Dial-up connection made',
  0xe0: 'Waiting for application selection',
  0xe1: 'Waiting for language selection',
  0xe2: 'Please use the cleaning card',
  0xf1: 'Offline',
  0xf2: 'Online',
  0xf3: 'Offline transaction',
  0xff: 'Terminal message',
};

const PROMPT_KEYS: Record<number, PromptKey> = {
  0x0a: 'insert_card',
  0x2a: 'insert_card',
  0x01: 'enter_pin',
  0x02: 'enter_pin',
  0xcc: 'enter_pin',
  0x04: 'please_wait',
  0x05: 'please_wait',
  0x06: 'please_wait',
  0x0e: 'please_wait',
  0x0f: 'please_wait',
  0x17: 'please_wait',
  0x28: 'please_wait',
  0x29: 'please_wait',
  0x2b: 'please_wait',
  0x2c: 'please_wait',
  0xc9: 'please_wait',
  0xca: 'please_wait',
  0xd2: 'please_wait',
  0xd3: 'please_wait',
  0xf2: 'please_wait',
  0x0b: 'remove_card',
  0x1b: 'approved',
  0x1c: 'approved',
  0x03: 'declined',
  0x13: 'declined',
  0x14: 'declined',
  0x1d: 'declined',
};

/** Plain words and a stable key for an intermediate status byte. */
export function describeStatus(code: number): { key: PromptKey; text: string } {
  const own = STATUS_TEXT[code];
  if (own !== undefined) return { key: PROMPT_KEYS[code] ?? 'other', text: own };
  if (code >= 0x41 && code <= 0x67) {
    const base = STATUS_TEXT[code - 0x40];
    const baseKey = PROMPT_KEYS[code - 0x40];
    const key: PromptKey = baseKey === 'approved' || baseKey === 'declined' ? baseKey : 'remove_card';
    if (code === 0x4b || base === undefined) return { key: 'remove_card', text: 'Please remove card' };
    return { key, text: `${base}. Please remove card` };
  }
  return { key: 'other', text: `Terminal status 0x${hex2(code)}` };
}

/** ZVT card type (BMP 8A): the common payment cards only; others are named by number. */
const CARD_TYPES: Record<number, string> = {
  5: 'girocard',
  6: 'Mastercard',
  8: 'American Express',
  10: 'Visa',
  11: 'Visa Electron',
  12: 'Diners',
  13: 'V PAY',
  14: 'JCB',
  46: 'Maestro',
  196: 'Dankort',
  198: 'UnionPay',
  232: 'Discover',
};

export function cardTypeName(type: number): string {
  return CARD_TYPES[type] ?? `card type ${type}`;
}

/** ISO 4217 numeric → letters, for slips and logs. */
const CURRENCIES: Record<number, string> = { 978: 'EUR', 985: 'PLN', 980: 'UAH', 398: 'KZT', 840: 'USD', 826: 'GBP', 756: 'CHF', 208: 'DKK', 752: 'SEK', 203: 'CZK' };

export function currencyLetters(code: number): string {
  return CURRENCIES[code] ?? String(code).padStart(3, '0');
}
