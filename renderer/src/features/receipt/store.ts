import { createStore } from 'zustand/vanilla';
import type { ReceiptView, ReferenceLists, SettingsView } from '../../../../electron/contract/api';
import { createKit } from './store-kit';
import { headerActions } from './store-header';
import { lifecycleActions } from './store-lifecycle';
import { paymentActions } from './store-payments';
import { rowActions } from './store-rows';
import type { ReceiptState, ReceiptStore } from './store-types';

export type * from './store-types';

/**
 * State of the cash-receipt screen. Components call these actions; only these actions talk to
 * the core (through pos-client). Every amount shown comes from the core's ReceiptView. The actions
 * live in small groups (store-lifecycle, -rows, -header, -payments) sharing one kit (store-kit);
 * their types are in store-types.
 */

/**
 * Until settings.get answers (or if it fails) the screen works with the safe choices: nothing
 * optional shown, deleting off. The core enforces the real settings anyway.
 */
export const FALLBACK_SETTINGS: SettingsView = {
  zeroPricePolicy: 'none',
  lockAfterPrint: false,
  allowDelete: false,
  salespersonPerRow: false,
  showArticleImage: false,
  phoneLookup: false,
  transferEnabled: false,
  prepaymentEnabled: false,
  cashRounding: '0.05',
  roundingAccount: '-',
  defaultSeries: '-',
  defaultWarehouse: '-',
  cashierName: '-',
  printerConnection: '',
  drawerOnCash: true,
  drawerOpenAllowed: true,
  receiptQr: true,
  receiptLogo: false,
  scannerPrefix: '',
  scannerMaxGapMs: 30,
  scannerMinLength: 6,
  weightBarcodes: [],
  terminalConnection: '',
  terminalPassword: '000000',
  terminalSlips: 'customer',
  fiscalConnection: '',
  ptuMap: {},
};

export const EMPTY_LISTS: ReferenceLists = { series: [], warehouses: [], objects: [], salespeople: [], priceFormulas: [] };

/** Can the Article field take a code right now? */
export const canAddArticles = (s: Pick<ReceiptState, 'receipt' | 'creating'>): boolean =>
  s.creating || (s.receipt !== null && s.receipt.status !== 'confirmed' && !s.receipt.locked);

/** Can rows and header fields change (not confirmed, not locked after print)? */
export const isEditable = (receipt: ReceiptView | null): receipt is ReceiptView =>
  receipt !== null && receipt.status !== 'confirmed' && !receipt.locked;

export function createReceiptStore(): ReceiptStore {
  return createStore<ReceiptState>()((set, get) => {
    const kit = createKit(set, get);
    return {
      loaded: false,
      info: null,
      receipt: null,
      printer: null,
      settings: FALLBACK_SETTINGS,
      lists: EMPTY_LISTS,
      payment: null,
      cardPending: false,
      terminalPrompt: null,
      creating: false,
      pending: 0,
      message: null,
      dialog: null,
      lastRowId: null,

      notify: kit.notify,
      whenIdle: kit.whenIdle,
      closeDialog: () => set({ dialog: null }),

      ...lifecycleActions(kit),
      ...rowActions(kit),
      ...headerActions(kit),
      ...paymentActions(kit),
    };
  });
}
