import type { StoreApi } from 'zustand/vanilla';
import type { ReceiptView } from '../../../../electron/contract/api';
import { ApiError, type ErrorDetails } from '../../lib/pos-client';
import { errorKey } from '../../i18n';
import type { TonePlayer } from '../../lib/error-tone';
import type { CommonActions, FieldKey, Message, ReceiptState, Tone } from './store-types';

/**
 * Where a change came from, so its error is shown where the cashier looks: beside the field it
 * was typed into, or loudly (banner and tone) for a scan or F12.
 */
export interface Origin {
  field?: FieldKey;
  loud?: boolean;
}

/**
 * What every group of store actions shares: messages, the error display and the mutation queue.
 * The action groups (store-*.ts) get one kit each, so they stay small and cannot drift apart.
 */
export interface Kit extends Pick<CommonActions, 'alarm' | 'dismissBanner' | 'inField' | 'fieldError' | 'clearFieldError'> {
  set: StoreApi<ReceiptState>['setState'];
  get: StoreApi<ReceiptState>['getState'];
  message(tone: Tone, key: string, details?: ErrorDetails): Message;
  notify(tone: Tone, key: string, details?: ErrorDetails): void;
  /** Shows an error: beside its field, loudly, or on the status line (see `within`). */
  showError(error: unknown, origin?: Origin): void;
  /**
   * Runs `change` with this origin: the mutations it queues (synchronously, as every action does)
   * show their errors accordingly. Returns what `change` returns.
   */
  within<T>(origin: Origin, change: () => T): T;
  /** Runs `task` after every earlier mutation; resolves with its result, never rejects. */
  enqueue<T>(task: () => Promise<T>, onError: T): Promise<T>;
  /** Null when nothing is queued; otherwise resolves once every queued mutation has finished. */
  whenIdle(): Promise<void> | null;
  /** The receipt a payment, save or confirm acts on (not confirmed), or null after saying why. */
  openReceipt(): ReceiptView | null;
  /** The receipt rows and header may change on (not confirmed, not locked), or null after saying why. */
  editableReceipt(): ReceiptView | null;
  /** Any receipt on screen (print, copy), or null after saying F2 starts one. */
  anyReceipt(): ReceiptView | null;
}

const linesOf = (rows: ReceiptView['rows'], outcome: 'warn' | 'forbid') =>
  rows
    .filter((row) => row.zeroPrice === outcome)
    .map((row) => row.lineNo)
    .join(', ');

/** Codes about the value typed, shown beside the field it was typed into. */
const FIELD_CODES: ReadonlySet<string> = new Set([
  'invalid_input',
  'quantity.invalid',
  'payment.invalid_amount',
  'payment.exceeds_due',
  'customer.not_found',
  'object.not_found',
  'warehouse.not_found',
  'salesperson.not_found',
  // A credit note's quantity and the cash paid out.
  'credit.above_left',
  'credit.positive_quantity',
  'payment.exceeds_refund',
]);

/** The header fields the core names in `details.field` (receipt.setHeader's input). */
const HEADER_FIELDS: ReadonlySet<string> = new Set(['customerName', 'address', 'vatNo', 'email', 'objectCode', 'warehouseCode']);

export function createKit(set: Kit['set'], get: Kit['get'], player: TonePlayer): Kit {
  let nextMessageId = 1;
  // Mutations run one after another, in the order the cashier made them: a fast scanner can
  // send the next code before the core has answered the previous one.
  let queue: Promise<unknown> = Promise.resolve();
  let origin: Origin = {};

  const message = (tone: Tone, key: string, details: ErrorDetails = {}): Message => ({ id: nextMessageId++, tone, key, details });
  const notify = (tone: Tone, key: string, details: ErrorDetails = {}) => set({ message: message(tone, key, details) });

  const sound = () => {
    if (get().settings.errorTone) player.play();
  };

  const alarm = (level: Tone, key: string, details: ErrorDetails = {}) => {
    const loud = { ...message(level, key, details), loud: true };
    set({ message: loud, banner: loud });
    sound();
  };

  const fieldError = (field: FieldKey, key: string, details: ErrorDetails = {}) =>
    // The status line is cleared: what it said last is not what the cashier needs now.
    set((s) => ({ fieldErrors: { ...s.fieldErrors, [field]: message('error', key, details) }, message: null }));

  const clearFieldError = (field: FieldKey) =>
    set((s) => {
      if (!(field in s.fieldErrors)) return s;
      const rest = { ...s.fieldErrors };
      delete rest[field];
      return { fieldErrors: rest };
    });

  const within = <T>(from: Origin, change: () => T): T => {
    const before = origin;
    origin = { ...before, ...from };
    try {
      return change();
    } finally {
      origin = before;
    }
  };

  /**
   * Shows an error in the cashier's language: beside the field it belongs to, loudly when it came
   * from a scan or F12, else on the status line. Some codes need values the core may leave out;
   * they come from the receipt on screen (the core's own view), so the text is never half empty.
   */
  const showError = (error: unknown, from: Origin = {}) => {
    const api = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));
    const details: ErrorDetails = { ...api.details };
    const receipt = get().receipt;
    let key = errorKey(api.code, api.details);
    if (api.code === 'row.price_required' && details.lines === undefined && receipt) details.lines = linesOf(receipt.rows, 'forbid');
    if ((api.code === 'payment.exceeds_due' || api.code === 'receipt.overpaid') && details.due === undefined && details.dueMinor === undefined && receipt) {
      details.due = receipt.dueMinor;
    }
    if (api.code === 'payment.declined' && (details.reason === undefined || details.reason === '')) key = 'errors.payment.declined_noReason';
    const named = typeof api.details.field === 'string' && HEADER_FIELDS.has(api.details.field) ? `header.${api.details.field}` : undefined;
    const field = from.field ?? named;
    if (field !== undefined && (FIELD_CODES.has(api.code) || named !== undefined)) fieldError(field, key, details);
    else if (from.loud) alarm('error', key, details);
    else notify('error', key, details);
  };

  function enqueue<T>(task: () => Promise<T>, onError: T): Promise<T> {
    // Taken now: the task runs later, when the origin of the call that queued it is long gone.
    const from = origin;
    set((s) => ({ pending: s.pending + 1 }));
    const run = async (): Promise<T> => {
      try {
        return await task();
      } catch (error) {
        showError(error, from);
        return onError;
      } finally {
        set((s) => ({ pending: s.pending - 1 }));
      }
    };
    const result = queue.then(run, run);
    queue = result;
    return result;
  }

  const whenIdle = () => {
    if (get().pending === 0) return null;
    return (async () => {
      let current: Promise<unknown>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    })();
  };

  const anyReceipt = () => {
    const receipt = get().receipt;
    if (!receipt) notify('info', 'messages.pressF2');
    return receipt;
  };

  const openReceipt = () => {
    const receipt = anyReceipt();
    if (receipt?.status === 'confirmed') {
      notify('info', 'messages.confirmedPressF2');
      return null;
    }
    return receipt;
  };

  const editableReceipt = () => {
    const receipt = openReceipt();
    if (receipt?.locked) {
      notify('error', 'errors.receipt.locked');
      return null;
    }
    return receipt;
  };

  const inField = async <T>(field: FieldKey, change: () => Promise<T>): Promise<T> => {
    const result = await within({ field }, change);
    if (result === true) clearFieldError(field);
    return result;
  };

  const dismissBanner = () => {
    if (get().banner !== null) set({ banner: null });
  };

  return {
    set,
    get,
    message,
    notify,
    showError,
    within,
    alarm,
    dismissBanner,
    inField,
    fieldError,
    clearFieldError,
    enqueue,
    whenIdle,
    openReceipt,
    editableReceipt,
    anyReceipt,
  };
}

/** The row numbers the zero-price policy warns about ("2, 5"), for the message after a save. */
export const warnLines = (receipt: ReceiptView) => linesOf(receipt.rows, 'warn');
