import type { SettingsView } from '../contract/api.js';
import type { ShopConfig } from './ports.js';

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
