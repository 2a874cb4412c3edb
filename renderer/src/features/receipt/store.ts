import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AppInfo,
  CustomerView,
  PaymentMethod,
  PrinterStatusView,
  ReceiptSummary,
  ReceiptView,
  ReferenceLists,
  SettingsView,
} from '../../../../electron/contract/api';
import type { ErrorDetails } from '../../lib/pos-client';
import { createKit } from './store-kit';
import { headerActions, type HeaderActions } from './store-header';
import { lifecycleActions, type LifecycleActions } from './store-lifecycle';
import { paymentActions, type PaymentActions } from './store-payments';
import { rowActions, type RowActions } from './store-rows';

/**
 * State of the cash-receipt screen. Components call these actions; only these actions talk to
 * the core (through pos-client). Every amount shown comes from the core's ReceiptView. The actions
 * live in small groups (store-lifecycle, -rows, -header, -payments) sharing one kit (store-kit).
 */

export type Tone = 'error' | 'warning' | 'info' | 'success';

/** A status-bar message, kept untranslated so a language switch re-renders it. */
export interface Message {
  id: number;
  tone: Tone;
  /** Translation key. */
  key: string;
  /** Interpolation values; numbers named like money/quantities are formatted per language. */
  details: ErrorDetails;
}

export type CustomerBy = 'any' | 'phone' | 'idCode';

/** The one dialog open over the screen, if any: the F-keys and the fields open them. */
export type DialogState =
  | { kind: 'unsaved'; then: 'new' | 'close' }
  | { kind: 'delete' }
  | { kind: 'series' }
  | { kind: 'customer'; query: string; by: CustomerBy; results?: CustomerView[] }
  | { kind: 'article'; query: string }
  | { kind: 'preview'; lines: string[]; copy: boolean }
  | { kind: 'open'; receipts: ReceiptSummary[] };

/** An amount field opened by F4, F6, Transfer or Prepayment; `seq` re-fills it on every press. */
export interface PaymentEntry {
  method: PaymentMethod;
  amountMinor: number;
  seq: number;
}

export interface ReceiptData {
  loaded: boolean;
  info: AppInfo | null;
  receipt: ReceiptView | null;
  printer: PrinterStatusView | null;
  settings: SettingsView;
  lists: ReferenceLists;
  payment: PaymentEntry | null;
  /** A card payment is waiting for the terminal; the screen stays usable meanwhile. */
  cardPending: boolean;
  /** The terminal's latest prompt while it works ("Insert card", "Enter PIN"…). */
  terminalPrompt: { key: string; text: string } | null;
  /** F2 was pressed and receipt.new is on its way: the Article field already accepts input. */
  creating: boolean;
  /** Mutations queued or in flight. */
  pending: number;
  message: Message | null;
  dialog: DialogState | null;
  /** The row the cashier entered last (its picture is shown). */
  lastRowId: string | null;
}

export interface CommonActions {
  notify(tone: Tone, key: string, details?: ErrorDetails): void;
  /** Null when nothing is queued; otherwise resolves once every queued mutation has finished. */
  whenIdle(): Promise<void> | null;
  closeDialog(): void;
}

export type ReceiptState = ReceiptData & CommonActions & LifecycleActions & RowActions & HeaderActions & PaymentActions;
export type ReceiptStore = StoreApi<ReceiptState>;

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
