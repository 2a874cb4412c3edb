import type { StoreApi } from 'zustand/vanilla';
import type { ReceiptView } from '../../../../electron/contract/api';
import { ApiError, type ErrorDetails } from '../../lib/pos-client';
import { errorKey } from '../../i18n';
import type { Message, ReceiptState, Tone } from './store-types';

/**
 * What every group of store actions shares: messages, the error display and the mutation queue.
 * The action groups (store-*.ts) get one kit each, so they stay small and cannot drift apart.
 */
export interface Kit {
  set: StoreApi<ReceiptState>['setState'];
  get: StoreApi<ReceiptState>['getState'];
  message(tone: Tone, key: string, details?: ErrorDetails): Message;
  notify(tone: Tone, key: string, details?: ErrorDetails): void;
  showError(error: unknown): void;
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

export function createKit(set: Kit['set'], get: Kit['get']): Kit {
  let nextMessageId = 1;
  // Mutations run one after another, in the order the cashier made them: a fast scanner can
  // send the next code before the core has answered the previous one.
  let queue: Promise<unknown> = Promise.resolve();

  const message = (tone: Tone, key: string, details: ErrorDetails = {}): Message => ({ id: nextMessageId++, tone, key, details });
  const notify = (tone: Tone, key: string, details: ErrorDetails = {}) => set({ message: message(tone, key, details) });

  /**
   * Shows an error in the cashier's language. Some codes need values the core may leave out;
   * they come from the receipt on screen (the core's own view), so the text is never half empty.
   */
  const showError = (error: unknown) => {
    const api = error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));
    const details: ErrorDetails = { ...api.details };
    const receipt = get().receipt;
    let key = errorKey(api.code, api.details);
    if (api.code === 'row.price_required' && details.lines === undefined && receipt) details.lines = linesOf(receipt.rows, 'forbid');
    if ((api.code === 'payment.exceeds_due' || api.code === 'receipt.overpaid') && details.due === undefined && details.dueMinor === undefined && receipt) {
      details.due = receipt.dueMinor;
    }
    if (api.code === 'payment.declined' && (details.reason === undefined || details.reason === '')) key = 'errors.payment.declined_noReason';
    notify('error', key, details);
  };

  function enqueue<T>(task: () => Promise<T>, onError: T): Promise<T> {
    set((s) => ({ pending: s.pending + 1 }));
    const run = async (): Promise<T> => {
      try {
        return await task();
      } catch (error) {
        showError(error);
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

  return { set, get, message, notify, showError, enqueue, whenIdle, openReceipt, editableReceipt, anyReceipt };
}

/** The row numbers the zero-price policy warns about ("2, 5"), for the message after a save. */
export const warnLines = (receipt: ReceiptView) => linesOf(receipt.rows, 'warn');
