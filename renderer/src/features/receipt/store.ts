import { createStore } from 'zustand/vanilla';
import type { ReceiptView, ReferenceLists, SettingsView } from '../../../../electron/contract/api';
import { webAudioTone, type TonePlayer } from '../../lib/error-tone';
import { createKit } from './store-kit';
import { headerActions } from './store-header';
import { lifecycleActions } from './store-lifecycle';
import { paymentActions } from './store-payments';
import { returnActions } from './store-returns';
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
  errorTone: true,
  cashRounding: '0.05',
  roundingAccount: '-',
  defaultSeries: '-',
  creditSeries: '-',
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
  ledgerConnection: '',
  ledgerSalesShape: 'receipt',
  ledgerWriteOffShape: 'document',
  ptuMap: {},
  shopName: '',
  shopAddress: '',
  shopRegNo: '',
  shopVatNo: '',
  tillName: '',
  receiptHeader: [],
  receiptFooter: [],
  timeZone: 'UTC',
  maxQuantityPcs: 999,
  maxQuantityKgMilli: 99_999,
  largestBanknoteMinor: 0,
  mergeScans: true,
  dayAutoOpen: true,
  closeByDenominations: true,
  closeCashOut: [],
  closeRemainsMinor: 0,
  closeBlind: true,
  closeToleranceMinor: 0,
  closeCountArticles: [],
};

export const EMPTY_LISTS: ReferenceLists = { series: [], warehouses: [], objects: [], salespeople: [], priceFormulas: [] };

/** Can the Article field take a code right now? A credit note returns the sale's rows only. */
export const canAddArticles = (s: Pick<ReceiptState, 'receipt' | 'creating'>): boolean =>
  s.creating ||
  (s.receipt !== null && s.receipt.status !== 'confirmed' && !s.receipt.locked && s.receipt.documentType !== 'credit_note');

/** Can rows and header fields change (not confirmed, not locked after print)? */
export const isEditable = (receipt: ReceiptView | null): receipt is ReceiptView =>
  receipt !== null && receipt.status !== 'confirmed' && !receipt.locked;

export function createReceiptStore({ tone = webAudioTone() }: { tone?: TonePlayer } = {}): ReceiptStore {
  const store = createStore<ReceiptState>()((set, get) => {
    const kit = createKit(set, get, tone);
    const lifecycle = lifecycleActions(kit);
    const rows = rowActions(kit);
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
      fieldErrors: {},
      banner: null,
      dialog: null,
      lastRowId: null,

      notify: kit.notify,
      alarm: kit.alarm,
      dismissBanner: kit.dismissBanner,
      inField: kit.inField,
      fieldError: kit.fieldError,
      clearFieldError: kit.clearFieldError,
      whenIdle: kit.whenIdle,
      closeDialog: () => set({ dialog: null }),

      ...lifecycle,
      ...rows,
      ...headerActions(kit),
      ...paymentActions(kit),
      ...returnActions(kit),
      // A code that went on no row and a refused F12 are errors a cashier looking at the customer
      // must notice: they come with the banner and the tone, whoever asked (key, scanner, dialog).
      addArticle: (code, options) => kit.within({ loud: true }, () => rows.addArticle(code, options)),
      confirm: (accept) => kit.within({ loud: true }, () => lifecycle.confirm(accept)),
    };
  });

  // Field errors belong to the receipt they were typed on, while it can still change.
  store.subscribe((state, before) => {
    const editable = isEditable(state.receipt);
    if (Object.keys(state.fieldErrors).length === 0) return;
    if (state.receipt?.id !== before.receipt?.id || (isEditable(before.receipt) && !editable)) store.setState({ fieldErrors: {} });
  });
  return store;
}
