import type { ConfirmWarning } from '../../../../electron/contract/api';
import { ApiError, call, subscribe } from '../../lib/pos-client';
import { warnLines, type Kit } from './store-kit';
import type { ReceiptData, LifecycleActions } from './store-types';


/** A different receipt on screen: nothing of the previous one's payment or picture may linger. */
const fresh: Partial<ReceiptData> = { payment: null, lastRowId: null };

export function lifecycleActions(kit: Kit): LifecycleActions {
  const { set, get, message, notify, showError, enqueue } = kit;

  const loadSettings = async (): Promise<unknown> => {
    const [settings, lists] = await Promise.allSettled([call('settings.get', {}), call('reference.lists', {})]);
    set((s) => ({
      settings: settings.status === 'fulfilled' ? settings.value : s.settings,
      lists: lists.status === 'fulfilled' ? lists.value : s.lists,
    }));
    const failed = [settings, lists].find((r) => r.status === 'rejected');
    return failed?.status === 'rejected' ? failed.reason : undefined;
  };

  const createNew = (): Promise<boolean> => {
    set({ creating: true, ...fresh });
    // A shop may have changed its settings meanwhile; a new receipt is the natural moment to catch up.
    void loadSettings();
    return enqueue(async () => {
      try {
        const view = await call('receipt.new', {});
        set({ receipt: view, message: message('info', 'messages.started') });
        return true;
      } finally {
        set({ creating: false });
      }
    }, false);
  };

  const closeScreen = (key: string) => set({ receipt: null, ...fresh, message: message('info', key) });

  const revert = () =>
    enqueue(async () => {
      const receipt = kit.openReceipt();
      if (!receipt) return false;
      const view = await call('receipt.revert', { receiptId: receipt.id });
      if (view) set({ receipt: view, ...fresh, message: message('info', 'messages.reverted') });
      else closeScreen('messages.discarded');
      return true;
    }, false);

  const save = () =>
    enqueue(async () => {
      const receipt = kit.openReceipt();
      if (!receipt) return false;
      const view = await call('receipt.save', { receiptId: receipt.id });
      const lines = warnLines(view);
      set({
        receipt: view,
        message: lines ? message('warning', 'messages.savedZeroPrice', { lines }) : message('success', 'messages.saved'),
      });
      return true;
    }, false);

  return {
    async load() {
      // Back from the settings screen the store still holds the sale: nothing to announce then.
      const resuming = get().receipt === null;
      const [info, current, printer, settingsError] = await Promise.allSettled([
        call('app.info', {}),
        call('receipt.current', {}),
        call('printer.status', {}),
        loadSettings(),
      ]);
      set((s) => ({
        loaded: true,
        info: info.status === 'fulfilled' ? info.value : s.info,
        // A receipt created meanwhile (F2 pressed while loading) wins over the stored one.
        receipt: s.receipt ?? (current.status === 'fulfilled' ? current.value : null),
        printer: printer.status === 'fulfilled' ? printer.value : s.printer,
      }));
      const failed = [info, current, printer].find((r) => r.status === 'rejected');
      if (failed?.status === 'rejected') showError(failed.reason);
      else if (settingsError.status === 'fulfilled' && settingsError.value !== undefined) showError(settingsError.value);
      else if (resuming && current.status === 'fulfilled' && current.value && current.value.rows.length > 0) notify('info', 'messages.resumed');
    },

    async reloadSettings() {
      const error = await loadSettings();
      if (error !== undefined) showError(error);
    },

    subscribeEvents() {
      const offPrinter = subscribe('printer.changed', (printer) => set({ printer }));
      const offPrinted = subscribe('receipt.printed', ({ number }) => notify('success', 'messages.printed', { number }));
      const offPrompt = subscribe('terminal.prompt', (prompt) => set({ terminalPrompt: prompt }));
      return () => {
        offPrinter();
        offPrinted();
        offPrompt();
      };
    },

    async newReceipt() {
      if (get().creating) return true;
      // A scan still on its way decides whether the receipt is Modified: wait for it first.
      if (get().receipt && get().pending > 0) await kit.whenIdle();
      const { receipt } = get();
      if (receipt?.status === 'modified') {
        set({ dialog: { kind: 'unsaved', then: 'new' }, payment: null });
        return false;
      }
      if (receipt?.status === 'new' && receipt.rows.length === 0 && !receipt.locked) {
        // Already a fresh receipt: reuse it instead of leaving an empty one behind.
        set({ payment: null, message: message('info', 'messages.started') });
        return true;
      }
      return createNew();
    },

    save,
    leave: revert,

    close() {
      return enqueue(async () => {
        const receipt = get().receipt;
        if (!receipt) return true;
        if (receipt.status === 'modified') {
          set({ dialog: { kind: 'unsaved', then: 'close' }, payment: null });
          return false;
        }
        // A receipt with nothing entered is not worth keeping among the open ones.
        if (receipt.status === 'new') await call('receipt.revert', { receiptId: receipt.id });
        closeScreen('messages.closed');
        return true;
      }, false);
    },

    async resolveUnsaved(choice) {
      const dialog = get().dialog;
      if (dialog?.kind !== 'unsaved') return false;
      set({ dialog: null });
      if (choice === 'cancel') return false;
      if (!(await (choice === 'save' ? save() : revert()))) return false;
      if (dialog.then === 'new') return createNew();
      closeScreen('messages.closed');
      return true;
    },

    requestDelete() {
      const receipt = kit.anyReceipt();
      if (!receipt) return;
      if (!get().settings.allowDelete) notify('error', 'errors.receipt.delete_forbidden');
      else if (receipt.status === 'confirmed') notify('error', 'errors.receipt.confirmed');
      else set({ dialog: { kind: 'delete' }, payment: null });
    },

    confirmDelete() {
      set({ dialog: null });
      return enqueue(async () => {
        const receipt = kit.openReceipt();
        if (!receipt) return false;
        await call('receipt.delete', { receiptId: receipt.id });
        closeScreen('messages.deleted');
        return true;
      }, false);
    },

    copy() {
      return enqueue(async () => {
        const receipt = kit.anyReceipt();
        if (!receipt) return false;
        const view = await call('receipt.copy', { receiptId: receipt.id });
        set({ receipt: view, ...fresh, message: message('success', 'messages.copied') });
        return true;
      }, false);
    },

    confirm(accept = []) {
      set({ payment: null });
      return enqueue(async () => {
        const receipt = kit.openReceipt();
        if (!receipt) return false;
        let view;
        try {
          view = await call('receipt.confirm', { receiptId: receipt.id, accept });
        } catch (error) {
          // Rows sold for nothing, a receipt of 0.00: asked about, then confirmed over.
          if (error instanceof ApiError && error.code === 'receipt.confirm_warnings') {
            const warnings = String(error.details.warnings ?? '')
              .split(',')
              .filter((w): w is ConfirmWarning => w === 'zero_price' || w === 'zero_total');
            set({ dialog: { kind: 'ask', ask: { what: 'confirm', warnings: [...accept, ...warnings], lines: String(error.details.lines ?? '') } } });
            return false;
          }
          throw error;
        }
        const key = view.documentType === 'credit_note' ? 'messages.creditConfirmed' : 'messages.confirmed';
        set({ receipt: view, message: message('success', key, { number: view.number ?? '' }) });
        return true;
      }, false);
    },

    preview() {
      return enqueue(async () => {
        const receipt = kit.anyReceipt();
        if (!receipt) return false;
        const { lines } = await call('receipt.preview', { receiptId: receipt.id });
        set({ dialog: { kind: 'preview', lines, copy: receipt.status === 'confirmed' }, payment: null });
        return true;
      }, false);
    },

    print() {
      set({ dialog: null });
      return enqueue(async () => {
        const receipt = kit.anyReceipt();
        if (!receipt) return false;
        const view = await call('receipt.print', { receiptId: receipt.id });
        const key = view.status === 'confirmed' ? 'messages.printedCopy' : view.locked ? 'messages.printedLocked' : 'messages.printSent';
        set({ receipt: view, message: message('success', key) });
        return true;
      }, false);
    },

    showOpenList() {
      return enqueue(async () => {
        const receipts = await call('receipt.listOpen', {});
        set({ dialog: { kind: 'open', receipts }, payment: null });
        return true;
      }, false);
    },

    openById(receiptId) {
      set({ dialog: null });
      return enqueue(async () => {
        const view = await call('receipt.get', { receiptId });
        set({ receipt: view, ...fresh, message: message('info', 'messages.opened') });
        return true;
      }, false);
    },
  };
}
