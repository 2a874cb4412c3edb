import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, PrinterStatusView, ReceiptView } from '../../../../electron/contract/api';
import { ApiError, call, subscribe, type ErrorDetails } from '../../lib/pos-client';
import { errorKey } from '../../i18n';

/**
 * State of the cash-receipt screen. Components call these actions; only these actions talk to
 * the core (through pos-client). Every total shown comes from the core's ReceiptView.
 */

export type Tone = 'error' | 'info' | 'success';

/** A status-bar message, kept untranslated so a language switch re-renders it. */
export interface Message {
  id: number;
  tone: Tone;
  /** Translation key. */
  key: string;
  /** Interpolation values; numbers named like money/quantities are formatted per language. */
  details: ErrorDetails;
}

export type Mode = 'article' | 'cash';

/** F-keys that exist in Directo but are not wired yet. */
export type PendingKey = 'F6' | 'F8' | 'F9' | 'F10';

export interface ReceiptState {
  loaded: boolean;
  info: AppInfo | null;
  receipt: ReceiptView | null;
  printer: PrinterStatusView | null;
  mode: Mode;
  /** F2 was pressed and receipt.new is on its way: the Article field already accepts input. */
  creating: boolean;
  /** F2 was pressed once on an unconfirmed receipt with rows; a second F2 starts a new one. */
  armedNew: boolean;
  /** Mutations queued or in flight. */
  pending: number;
  message: Message | null;

  load(): Promise<void>;
  subscribeEvents(): () => void;
  newReceipt(): Promise<boolean>;
  addArticle(code: string): Promise<boolean>;
  setQuantity(rowId: string, quantityMilli: number): Promise<boolean>;
  removeRow(rowId: string): Promise<boolean>;
  /** Enters cash mode; returns the amount due to pre-fill, or null when there is nothing to take. */
  startCash(): number | null;
  cancelCash(): void;
  payCash(tenderedMinor: number): Promise<boolean>;
  confirm(): Promise<boolean>;
  notify(tone: Tone, key: string, details?: ErrorDetails): void;
  notAvailable(key: PendingKey): void;
  /** Null when nothing is queued; otherwise resolves once every queued mutation has finished. */
  whenIdle(): Promise<void> | null;
}

export type ReceiptStore = StoreApi<ReceiptState>;

/** Can the Article field take a code right now? */
export const canAddArticles = (s: Pick<ReceiptState, 'receipt' | 'creating'>): boolean =>
  s.creating || (s.receipt !== null && s.receipt.status !== 'confirmed');

export function createReceiptStore(): ReceiptStore {
  let nextMessageId = 1;
  // Mutations run one after another, in the order the cashier made them: a fast scanner can
  // send the next code before the core has answered the previous one.
  let queue: Promise<unknown> = Promise.resolve();

  return createStore<ReceiptState>()((set, get) => {
    const message = (tone: Tone, key: string, details: ErrorDetails = {}): Message => ({
      id: nextMessageId++,
      tone,
      key,
      details,
    });

    const notify = (tone: Tone, key: string, details: ErrorDetails = {}) => set({ message: message(tone, key, details) });

    /** The receipt keys act on, or null after telling the cashier why there is none. */
    const openReceipt = (): ReceiptView | null => {
      const receipt = get().receipt;
      if (!receipt) notify('info', 'messages.pressF2');
      else if (receipt.status === 'confirmed') notify('info', 'messages.confirmedPressF2');
      else return receipt;
      return null;
    };

    const showError = (error: unknown) => {
      const api =
        error instanceof ApiError
          ? error
          : new ApiError('internal', error instanceof Error ? error.message : String(error));
      notify('error', errorKey(api.code, api.details), api.details);
    };

    /** Runs `task` after every earlier mutation; resolves with its result, never rejects. */
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

    return {
      loaded: false,
      info: null,
      receipt: null,
      printer: null,
      mode: 'article',
      creating: false,
      armedNew: false,
      pending: 0,
      message: null,

      async load() {
        const [info, current, printer] = await Promise.allSettled([
          call('app.info', {}),
          call('receipt.current', {}),
          call('printer.status', {}),
        ]);
        set((s) => ({
          loaded: true,
          info: info.status === 'fulfilled' ? info.value : s.info,
          // A receipt created meanwhile (F2 pressed while loading) wins over the stored one.
          receipt: s.receipt ?? (current.status === 'fulfilled' ? current.value : null),
          printer: printer.status === 'fulfilled' ? printer.value : s.printer,
        }));
        const failed = [info, current, printer].find((r) => r.status === 'rejected');
        if (failed && failed.status === 'rejected') showError(failed.reason);
        else if (current.status === 'fulfilled' && current.value && current.value.rows.length > 0) {
          notify('info', 'messages.resumed');
        }
      },

      subscribeEvents() {
        const offPrinter = subscribe('printer.changed', (printer) => set({ printer }));
        const offPrinted = subscribe('receipt.printed', ({ number }) => notify('success', 'messages.printed', { number }));
        return () => {
          offPrinter();
          offPrinted();
        };
      },

      newReceipt() {
        const { receipt, armedNew, creating } = get();
        if (creating) return Promise.resolve(true);
        if (receipt && receipt.status !== 'confirmed') {
          if (receipt.rows.length === 0) {
            // Already a fresh receipt: reuse it instead of leaving an empty one behind.
            set({ mode: 'article', armedNew: false });
            notify('info', 'messages.started');
            return Promise.resolve(true);
          }
          if (!armedNew) {
            set({ armedNew: true });
            notify('info', 'messages.unsavedF2');
            return Promise.resolve(false);
          }
        }
        set({ creating: true, armedNew: false, mode: 'article' });
        return enqueue(async () => {
          try {
            const view = await call('receipt.new', {});
            set({ receipt: view, message: message('info', 'messages.started') });
            return true;
          } finally {
            set({ creating: false });
          }
        }, false);
      },

      addArticle(code) {
        const trimmed = code.trim();
        if (trimmed === '') return Promise.resolve(false);
        set({ armedNew: false });
        return enqueue(async () => {
          const receipt = openReceipt();
          if (!receipt) return false;
          let view: ReceiptView;
          try {
            view = await call('receipt.addArticle', { receiptId: receipt.id, code: trimmed });
          } catch (error) {
            // The message names the code the cashier scanned, even if the core left it out.
            if (error instanceof ApiError && error.code === 'article.not_found' && error.details.code === undefined) {
              throw new ApiError(error.code, error.message, { ...error.details, code: trimmed });
            }
            throw error;
          }
          // The row's name is on screen already; the message only says where it went.
          const row = view.rows.reduce<ReceiptView['rows'][number] | undefined>(
            (latest, r) => (latest && latest.lineNo > r.lineNo ? latest : r),
            undefined,
          );
          set({ receipt: view, message: row ? message('success', 'messages.added', { n: row.lineNo }) : null });
          return true;
        }, false);
      },

      setQuantity(rowId, quantityMilli) {
        set({ armedNew: false });
        return enqueue(async () => {
          const receipt = get().receipt;
          if (!receipt || receipt.status === 'confirmed') return false;
          const view = await call('receipt.setQuantity', { receiptId: receipt.id, rowId, quantityMilli });
          const row = view.rows.find((r) => r.id === rowId);
          set({
            receipt: view,
            message: row
              ? message('success', 'messages.quantitySet', { n: row.lineNo, quantityMilli: row.quantityMilli })
              : null,
          });
          return true;
        }, false);
      },

      removeRow(rowId) {
        set({ armedNew: false });
        return enqueue(async () => {
          const receipt = get().receipt;
          if (!receipt || receipt.status === 'confirmed') return false;
          const lineNo = receipt.rows.find((r) => r.id === rowId)?.lineNo;
          const view = await call('receipt.removeRow', { receiptId: receipt.id, rowId });
          set({ receipt: view, message: lineNo ? message('info', 'messages.removed', { n: lineNo }) : null });
          return true;
        }, false);
      },

      startCash() {
        set({ armedNew: false });
        const receipt = openReceipt();
        if (!receipt) return null;
        if (receipt.rows.length === 0) {
          notify('info', 'messages.nothingToPay');
          return null;
        }
        if (receipt.dueMinor <= 0) {
          notify('error', 'errors.payment.nothing_due');
          return null;
        }
        set({ mode: 'cash', message: message('info', 'messages.cashPrompt') });
        return receipt.dueMinor;
      },

      cancelCash() {
        set((s) => ({ mode: 'article', message: s.message?.key === 'messages.cashPrompt' ? null : s.message }));
      },

      payCash(tenderedMinor) {
        return enqueue(async () => {
          const receipt = get().receipt;
          if (!receipt) return false;
          const view = await call('receipt.payCash', { receiptId: receipt.id, tenderedMinor });
          set({
            receipt: view,
            mode: 'article',
            message: message('success', 'messages.paid', { money: view.moneyMinor, change: view.changeMinor }),
          });
          return true;
        }, false);
      },

      confirm() {
        set({ armedNew: false });
        return enqueue(async () => {
          const receipt = openReceipt();
          if (!receipt) return false;
          const view = await call('receipt.confirm', { receiptId: receipt.id });
          set({
            receipt: view,
            mode: 'article',
            message: message('success', 'messages.confirmed', { number: view.number ?? '' }),
          });
          return true;
        }, false);
      },

      notify,

      whenIdle() {
        if (get().pending === 0) return null;
        return (async () => {
          let current: Promise<unknown>;
          do {
            current = queue;
            await current;
          } while (current !== queue);
        })();
      },

      notAvailable(key) {
        notify('info', 'messages.notAvailable', { shortcut: key });
      },
    };
  });
}
