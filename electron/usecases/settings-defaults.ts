import type { SettingsView } from '../contract/api.js';
import type { ShopConfig } from './ports.js';

/**
 * The largest banknote in everyday use per currency: cash received above the amount due plus this
 * is most likely a typing slip (5000 for 50.00), so the till asks.
 */
const LARGEST_BANKNOTE_MINOR: Readonly<Record<string, number>> = { EUR: 20_000, PLN: 50_000, UAH: 100_000, KZT: 2_000_000 };

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
    errorTone: true,
    // Estonia rounds cash to 5 cents since 2025-01-01; a shop elsewhere switches it off.
    cashRounding: shop.currency === 'EUR' ? '0.05' : 'none',
    roundingAccount: 'income:rounding',
    defaultSeries: shop.seriesCode,
    creditSeries: 'KR',
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
    ledgerConnection: '',
    ledgerSalesShape: 'receipt',
    ledgerWriteOffShape: 'document',
    // Polish PTU letters (A 23 %, B 8 %, C 5 %, D 0 %), with the Baltic rates beside them.
    ptuMap: { '2400': 'A', '2300': 'A', '2200': 'A', '1300': 'B', '900': 'B', '800': 'B', '500': 'C', '0': 'D' },
    shopName: shop.shopName,
    shopAddress: shop.shopAddress,
    shopRegNo: shop.shopRegNo,
    shopVatNo: shop.shopVatNo,
    tillName: shop.tillName,
    receiptHeader: [],
    receiptFooter: [],
    timeZone: shop.timeZone,
    maxQuantityPcs: 999,
    maxQuantityKgMilli: 99_999,
    largestBanknoteMinor: LARGEST_BANKNOTE_MINOR[shop.currency] ?? 0,
    mergeScans: true,
    dayAutoOpen: true,
    closeByDenominations: true,
    closeCashOut: ['bank', 'collection', 'safe'],
    closeRemainsMinor: 0,
    closeBlind: false,
    closeToleranceMinor: 0,
    closeCountArticles: [],
  };
}
