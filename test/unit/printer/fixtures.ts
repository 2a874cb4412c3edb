import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PrintableReceipt, ReceiptLabels } from '../../../native/printer/document.js';
import { upgradePaper } from '../../../electron/usecases/printable.js';

/** Estonian labels, as the till's locale files would supply them. */
export const ET_LABELS: ReceiptLabels = {
  receipt: 'KASSATŠEKK',
  number: 'Tšeki nr',
  time: 'Aeg',
  till: 'Kassa',
  vatRate: 'KM %',
  net: 'Neto',
  vat: 'KM',
  gross: 'Summa',
  total: 'KOKKU',
  cash: 'Sularaha',
  card: 'Kaart',
  change: 'Tagastus',
  copy: 'KOOPIA',
  thanks: 'Aitäh ostu eest! Tulge jälle!',
  discount: 'Allahindlus',
  rounding: 'Ümardus',
  toPay: 'TASUDA',
  transfer: 'Ülekanne',
  prepayment: 'Ettemaks',
  cashier: 'Kassiir',
  customer: 'Klient',
  vatNo: 'KMKR nr',
  regNo: 'Reg. nr',
  serialNo: 'Seerianr',
  salesperson: 'Müüja',
  proForma: 'PRO FORMA – ei ole kassatšekk',
  continued: '— järg —',
  pcs: 'tk',
  kg: 'kg',
  testPage: 'Testlehekülg',
  printer: 'Printer',
  codePage: 'Koodileht',
  creditNote: 'KREEDITARVE',
  creditOf: 'Tagastatav müük',
  signature: 'Kliendi allkiri',
  signatureShop: 'Müüja allkiri',
  toRefund: 'TAGASTADA',
  report: {},
  movement: {},
};

/** The "print" section of a locale file the app ships (assets/locales/<lang>.json). */
export function localeLabels(lang: 'en' | 'et'): ReceiptLabels {
  const file = fileURLToPath(new URL(`../../../assets/locales/${lang}.json`, import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { print: ReceiptLabels }).print;
}

/**
 * A cash sale: 12,50 total, 20,00 tendered, 7,50 change; names with Baltic diacritics. Overrides
 * may use the old stored shape (rows/payments without the newer fields); the result is complete.
 */
export function sampleReceipt(overrides: Record<string, unknown> = {}): PrintableReceipt {
  return upgradePaper({
    shopName: 'Õunapuu Pood OÜ',
    shopLines: ['Pärnu mnt 12, 10141 Tallinn', 'Reg 12345678, KMKR EE100000001'],
    tillName: 'Kassa 1',
    number: 'K1-000042',
    confirmedAt: '2025-07-01T09:05:00Z', // 12:05 in Tallinn (UTC+3 in summer)
    timeZone: 'Europe/Tallinn',
    currency: 'EUR',
    locale: 'et',
    customer: null,
    rows: [
      { name: 'Õunamahl 1 l', quantityMilli: 2000, unit: 'pcs', unitPriceMinor: 199, sumMinor: 398, vatRateBp: 2200 },
      { name: 'Šokolaad tume 70%', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 249, sumMinor: 249, vatRateBp: 2200 },
      { name: 'Žuvis (kilohind)', quantityMilli: 1250, unit: 'kg', unitPriceMinor: 482, sumMinor: 603, vatRateBp: 2200 },
    ],
    vat: [{ rateBp: 2200, netMinor: 1025, vatMinor: 225, grossMinor: 1250 }],
    totalMinor: 1250,
    roundingMinor: 0, // payableMinor: total + rounding unless overridden
    payments: [{ method: 'cash', amountMinor: 1250, tenderedMinor: 2000, changeMinor: 750, reference: null }],
    changeMinor: 750,
    cashier: 'Mari Maasikas',
    copy: false,
    proForma: false,
    ...overrides,
  });
}
