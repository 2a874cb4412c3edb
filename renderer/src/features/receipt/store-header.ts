import type { CustomerView } from '../../../../electron/contract/api';
import { ApiError, call } from '../../lib/pos-client';
import type { Kit } from './store-kit';
import type { CustomerBy, HeaderActions } from './store-types';



/** An Estonian personal ID code: 11 digits. */
const ID_CODE = /^\d{11}$/;
/** A phone number as typed: digits with an optional +, spaces or dashes, at least 5 digits. */
const PHONE = /^\+?[\d\s-]{5,20}$/;

export function headerActions(kit: Kit): HeaderActions {
  const { set, get, message, notify, enqueue } = kit;

  const setCustomer = (customerId: string | null) =>
    enqueue(async () => {
      const receipt = kit.editableReceipt();
      if (!receipt) return false;
      const view = await call('receipt.setCustomer', { receiptId: receipt.id, customerId });
      set({
        receipt: view,
        message: customerId === null ? message('info', 'messages.customerCleared') : message('success', 'messages.customerSet', { name: view.customerName }),
      });
      return true;
    }, false);

  const searchCustomer = (query: string, by: CustomerBy = 'any', results?: CustomerView[]) => {
    if (!kit.editableReceipt()) return;
    set({ dialog: results ? { kind: 'customer', query, by, results } : { kind: 'customer', query, by }, payment: null });
  };

  /** What a search found: one is taken at once; several or none go to the search dialog. */
  const settle = async (query: string, by: CustomerBy, found: CustomerView[]) => {
    const [only] = found;
    if (found.length === 1 && only) {
      await kit.inField('header.customer', () => setCustomer(only.id));
      return;
    }
    if (found.length > 1) notify('info', 'messages.customerSeveral', { count: found.length });
    else notify('info', 'messages.customerNone', { query });
    searchCustomer(query, by, found.length > 1 ? found : undefined);
  };

  return {
    setHeader(patch) {
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        const view = await call('receipt.setHeader', { receiptId: receipt.id, ...patch });
        set({ receipt: view });
        return true;
      }, false);
    },

    setCustomer,

    setSeries(seriesCode) {
      set({ dialog: null });
      return enqueue(async () => {
        const receipt = kit.editableReceipt();
        if (!receipt) return false;
        const view = await call('receipt.setSeries', { receiptId: receipt.id, seriesCode });
        set({ receipt: view, message: message('info', 'messages.seriesSet', { series: view.seriesCode }) });
        return true;
      }, false);
    },

    chooseSeries() {
      if (!kit.editableReceipt()) return;
      if (get().lists.series.length === 0) notify('error', 'errors.series.not_found');
      else set({ dialog: { kind: 'series' }, payment: null });
    },

    async findCustomer(text) {
      const receipt = kit.editableReceipt();
      if (!receipt) return;
      const query = text.trim();
      if (query === '') {
        if (receipt.customer) await setCustomer(null);
        return;
      }
      if (query === receipt.customer?.code) return;
      const by: CustomerBy = ID_CODE.test(query) ? 'idCode' : get().settings.phoneLookup && PHONE.test(query) ? 'phone' : 'any';
      try {
        await settle(query, by, await call('customer.search', { query, by }));
      } catch (error) {
        kit.showError(error, { field: 'header.customer' });
      }
    },

    searchCustomer,

    pickCustomer(customer) {
      set({ dialog: null });
      return setCustomer(customer.id);
    },

    async readIdCard() {
      if (!kit.editableReceipt()) return;
      notify('info', 'messages.idCardReading');
      try {
        const { idCode, customers } = await call('customer.readIdCard', {});
        if (idCode === null) {
          // No card read: the cashier types the ID code into the search instead.
          notify('info', 'messages.idCardNone');
          searchCustomer('', 'idCode');
          return;
        }
        await settle(idCode, 'idCode', customers);
      } catch (error) {
        kit.showError(error);
        // No terminal to read the card: the ID code can still be typed.
        if (error instanceof ApiError && error.code === 'payment.terminal_unavailable') searchCustomer('', 'idCode');
      }
    },

    async searchArticle(query) {
      // Ctrl+Enter right after F2: the new receipt is still on its way; the index waits for it.
      const idle = kit.whenIdle();
      if (idle) await idle;
      if (!kit.editableReceipt()) return;
      set({ dialog: { kind: 'article', query: query.trim() }, payment: null });
    },

    pickArticle(hit) {
      set({ dialog: null });
      return get().addArticle(hit.code);
    },
  };
}
