import type { StoreApi } from 'zustand/vanilla';
import type {
  AppInfo,
  ArticleHit,
  ConfirmWarning,
  CustomerView,
  Input,
  PaymentMethod,
  PrinterStatusView,
  ReceiptSummary,
  ReceiptView,
  ReferenceLists,
  SettingsView,
} from '../../../../electron/contract/api';
import type { ApiError, ErrorDetails } from '../../lib/pos-client';

/**
 * The receipt screen's state and actions, as types only: the store (store.ts) puts them together,
 * the action groups (store-*.ts) implement them, and none of them imports another's code.
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
  /** An error the cashier must notice even when looking at the customer: banner and tone. */
  loud?: boolean;
}

/**
 * A field a message can belong to, shown beside it: `header.vatNo` (the receipt.setHeader input's
 * name), `header.customer`, `row.<rowId>.<RowColumn>`, `pay.<method>`.
 */
export type FieldKey = string;

export type CustomerBy = 'any' | 'phone' | 'idCode';

/** The one dialog open over the screen, if any: the F-keys and the fields open them. */
export type DialogState =
  | { kind: 'unsaved'; then: 'new' | 'close' }
  | { kind: 'delete' }
  | { kind: 'series' }
  | { kind: 'customer'; query: string; by: CustomerBy; results?: CustomerView[] }
  | { kind: 'article'; query: string }
  | { kind: 'preview'; lines: string[]; copy: boolean }
  | { kind: 'open'; receipts: ReceiptSummary[] }
  | { kind: 'ask'; ask: Ask }
  | { kind: 'weight'; code: string; name: string }
  /** F7: find a confirmed receipt by its number, or search for it. */
  | { kind: 'find' }
  /** A credit note's refund by bank transfer: amount, payee, IBAN, comment. */
  | { kind: 'transfer' };

/** Something the cashier is asked before the till takes it: "Are you sure?". */
export type Ask =
  /** F12 over rows without a price or a total of 0.00. */
  | { what: 'confirm'; warnings: ConfirmWarning[]; lines: string }
  /** A quantity far above the usual or the stock; `retry` is what to send again when the answer is yes. */
  | { what: 'quantity'; details: ErrorDetails; retry: { kind: 'row'; rowId: string; patch: RowPatch } | { kind: 'article'; code: string; quantityMilli?: number } }
  /** More cash than anyone pays with. */
  | { what: 'cash'; method: PaymentMethod; amountMinor: number; details: ErrorDetails }
  /** Remove a row (activating its number). */
  | { what: 'removeRow'; rowId: string; lineNo: number; name: string };

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
  /** Errors that belong to a field, shown beside it until it is corrected (or the receipt changes). */
  fieldErrors: Readonly<Record<FieldKey, Message>>;
  /** The loud message in the banner, until the next key or click (the status line keeps it). */
  banner: Message | null;
  dialog: DialogState | null;
  /** The row the cashier entered last (its picture is shown). */
  lastRowId: string | null;
}

export interface CommonActions {
  notify(tone: Tone, key: string, details?: ErrorDetails): void;
  /** A scan that went nowhere or a refused F12: the status line, the banner and the error tone. */
  alarm(tone: Tone, key: string, details?: ErrorDetails): void;
  dismissBanner(): void;
  /**
   * A change typed into one field: an error it meets (bad input, a refused value) is shown beside
   * that field instead of on the status line; once the change goes through, the field's error goes.
   */
  inField<T>(field: FieldKey, change: () => Promise<T>): Promise<T>;
  /** What is wrong with a field's input, found before anything was sent. */
  fieldError(field: FieldKey, key: string, details?: ErrorDetails): void;
  clearFieldError(field: FieldKey): void;
  /** Null when nothing is queued; otherwise resolves once every queued mutation has finished. */
  whenIdle(): Promise<void> | null;
  closeDialog(): void;
}

export type ReceiptState = ReceiptData & CommonActions & LifecycleActions & RowActions & HeaderActions & PaymentActions & ReturnActions;
export type ReceiptStore = StoreApi<ReceiptState>;


/** Directo's life cycle of a receipt: F2 new, F9 save, Leave, Close, Delete, Copy, F8 print, F3 open, F12 confirm. */
export interface LifecycleActions {
  load(): Promise<void>;
  /** Settings and lists again (after the settings screen, and with every new receipt). */
  reloadSettings(): Promise<void>;
  subscribeEvents(): () => void;
  /** F2. Resolves false when it asks first (unsaved changes) or the core refused. */
  newReceipt(): Promise<boolean>;
  /** F9: the receipt becomes View; rows the zero-price policy warns about are named. */
  save(): Promise<boolean>;
  /** Leave: drops the unsaved changes; a receipt never saved disappears. */
  leave(): Promise<boolean>;
  /** Close: asks about unsaved changes, then shows the empty screen. */
  close(): Promise<boolean>;
  /** The answer to "Save changes?"; true once the screen moved on (new receipt or closed). */
  resolveUnsaved(choice: 'save' | 'discard' | 'cancel'): Promise<boolean>;
  /** Delete: asks first; refuses at once when the setting or the status forbids it. */
  requestDelete(): void;
  confirmDelete(): Promise<boolean>;
  copy(): Promise<boolean>;
  /** F12. */
  /** `accept`: the warnings the cashier was asked about and confirmed over. */
  confirm(accept?: ConfirmWarning[]): Promise<boolean>;
  /** F8: the printout as the printer would get it, in the preview dialog. */
  preview(): Promise<boolean>;
  print(): Promise<boolean>;
  /** F3: the dialog of receipts not confirmed yet. */
  showOpenList(): Promise<boolean>;
  openById(receiptId: string): Promise<boolean>;
}

/** The fields of one row the cashier can change; updateRow sends only these. */
export type RowPatch = Omit<Input<'receipt.updateRow'>, 'receiptId' | 'rowId'>;

export interface RowActions {
  /** `quantityMilli`: a weight typed for a weighed article; `confirmed`: the cashier said yes to a quantity asked about. */
  addArticle(code: string, options?: { quantityMilli?: number; confirmed?: boolean }): Promise<boolean>;
  updateRow(rowId: string, patch: RowPatch, confirmed?: boolean): Promise<boolean>;
  /** Asks first ("Remove row 2, Milk?"); `removeRow` removes. */
  askRemoveRow(rowId: string): void;
  removeRow(rowId: string): Promise<boolean>;
  /** The answer to the open question (Ask): yes does what was asked about, no changes nothing. */
  answerAsk(yes: boolean): Promise<boolean>;
  /** The weight typed for a weighed article (null: not sold after all). */
  enterWeight(quantityMilli: number | null): Promise<boolean>;
}

export type HeaderPatch = Omit<Input<'receipt.setHeader'>, 'receiptId'>;

export interface HeaderActions {
  setHeader(patch: HeaderPatch): Promise<boolean>;
  /** Null: back to the anonymous private person. The core re-prices the rows. */
  setCustomer(customerId: string | null): Promise<boolean>;
  setSeries(seriesCode: string): Promise<boolean>;
  /** Ctrl+Enter on Number: the series to choose from. */
  chooseSeries(): void;
  /** Enter in the Customer field: one match is taken, several or none open the search. */
  findCustomer(text: string): Promise<void>;
  /** Ctrl+Enter / double-click on Customer, or the follow-up of F10 and findCustomer. */
  searchCustomer(query: string, by?: CustomerBy, results?: CustomerView[]): void;
  pickCustomer(customer: CustomerView): Promise<boolean>;
  /** F10: the ID card in the terminal's reader names the customer. */
  readIdCard(): Promise<void>;
  /** Ctrl+Enter / double-click on Article: the article index. */
  searchArticle(query: string): Promise<void>;
  pickArticle(hit: ArticleHit): Promise<boolean>;
}

export interface PaymentActions {
  /**
   * Opens the amount field of a method (F4 cash, F6 card, Transfer, Prepayment) pre-filled by the
   * core: cash with the rounded amount due, the others with the exact one. False when nothing can be paid.
   */
  startPayment(method: PaymentMethod): boolean;
  cancelPayment(): void;
  /** Cash: what the customer handed over; the others: the amount to take. */
  pay(method: PaymentMethod, amountMinor: number, confirmed?: boolean): Promise<boolean>;
  removePayment(paymentId: string): Promise<boolean>;
}

/** A refund by bank transfer as typed into its dialog (the amount positive: paid out). */
export type TransferRefund = Omit<Input<'receipt.refundTransfer'>, 'receiptId'>;

/** Returns: find the sale, credit it, pay the refund out (cash goes through `pay`). */
export interface ReturnActions {
  /** F7: the Find receipt dialog. */
  showFind(): void;
  /**
   * The confirmed receipt with this number (as printed, typed short or scanned) on screen,
   * read-only. Resolves the error instead when there is none (`receipt.not_found`: search for it).
   */
  findReceipt(text: string): Promise<ApiError | null>;
  /** A receipt picked from the search list, read-only. */
  openFound(receiptId: string): Promise<boolean>;
  /** F5: the credit note of the confirmed receipt on screen (the one begun already, if any). */
  credit(): Promise<boolean>;
  /** Cancels an original card payment on the terminal as the credit note's refund. */
  cancelCard(paymentId: string): Promise<boolean>;
  /** Money back to the card on the terminal (refund, not a cancellation), when the card payment cannot be cancelled. */
  refundToCard(paymentId: string): Promise<boolean>;
  /** F6 on a credit note: cancels the first card payment the terminal may cancel, else refunds to the card. */
  cancelFirstCard(): Promise<boolean>;
  /** Opens the transfer refund dialog. */
  showTransferRefund(): void;
  /** Books the transfer refund; resolves the error to show in the dialog, or null once booked. */
  refundTransfer(refund: TransferRefund): Promise<ApiError | null>;
}
