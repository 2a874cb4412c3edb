import type { SettingsView } from '../contract/api.js';
import type { PrintableReceipt } from '../../native/printer/document.js';
import type { PaymentTerminal } from '../devices/payment-terminal.js';

/** What use cases get from the outside world; injected at the composition root, faked in tests. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique, time-ordered id (UUIDv7 in production, a counter in tests). */
  next(): string;
}

/** The shop and till this installation serves; printed on receipts. */
export interface ShopConfig {
  shopName: string;
  shopLines: string[];
  tillName: string;
  currency: string;
  /** Language of printouts and the default UI language. */
  locale: string;
  timeZone: string;
  /** Number series this till confirms receipts in, unless the settings name another. */
  seriesCode: string;
}

/** Built-in settings: a missing key in SQLite means this value. */
export function defaultSettings(shop: ShopConfig): SettingsView {
  return {
    zeroPricePolicy: 'warn',
    lockAfterPrint: false,
    allowDelete: true,
    salespersonPerRow: false,
    showArticleImage: true,
    phoneLookup: true,
    transferEnabled: false,
    prepaymentEnabled: false,
    // Estonia rounds cash to 5 cents since 2025-01-01; a shop elsewhere switches it off.
    cashRounding: shop.currency === 'EUR' ? '0.05' : 'none',
    roundingAccount: 'income:rounding',
    defaultSeries: shop.seriesCode,
    defaultWarehouse: 'MAIN',
    cashierName: 'Mari Maasikas',
    printerConnection: '',
    drawerOnCash: true,
    drawerOpenAllowed: true,
    receiptQr: true,
    receiptLogo: false,
    scannerPrefix: '',
    scannerMaxGapMs: 30,
    scannerMinLength: 6,
    // Baltic and Polish scale labels: 2x + 5-digit PLU + 5 digits of grams (or cents) + check.
    weightBarcodes: [
      { prefix: '23', itemDigits: 5, kind: 'weight', verifier: false },
      { prefix: '24', itemDigits: 5, kind: 'price', verifier: false },
    ],
    terminalConnection: '',
    terminalPassword: '000000',
    terminalSlips: 'customer',
    fiscalConnection: '',
    ptuMap: { '2300': 'A', '2200': 'A', '800': 'B', '900': 'B', '500': 'C', '0': 'D' },
  };
}

/** The paper side of the use cases: where print jobs go and how a preview is rendered. */
export interface PrintPort {
  /** Text lines exactly as the printer would print the document (F8 preview). */
  preview(doc: PrintableReceipt): string[];
  /** Wakes the print worker after a transaction queued a job. */
  queued(): void;
}

export interface CoreDeps {
  db: import('../db/open.js').Db;
  clock: Clock;
  ids: Ids;
  shop: ShopConfig;
  terminal: PaymentTerminal;
  print: PrintPort;
  /** Something about the card terminal changed (an approval to reverse appeared or went). */
  onTerminalChanged?(): void;
  /** The card terminal's prompts while it works, for the screen. */
  onTerminalPrompt?(prompt: { key: string; text: string }): void;
  /** The fiscal printer (Poland), when one is set: confirm writes a fiscal job for it. */
  fiscal?: { enabled(): boolean; queued(): void };
  /** Device settings are checked before they are stored (a bad connection string changes nothing)… */
  checkSettings?(changes: Partial<SettingsView>): void;
  /** …and acted on after the commit (reconnect the printer, the fiscal printer). */
  settingsChanged?(changes: Partial<SettingsView>): void;
}
