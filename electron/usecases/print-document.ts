import type { ReceiptView } from '../contract/api.js';
import type { PrintableReceipt } from '../../native/printer/document.js';
import type { ShopConfig } from './ports.js';

/** Freezes what goes on paper at confirm time, so a reprint shows the sale exactly as it was. */
export function toPrintableReceipt(view: ReceiptView, shop: ShopConfig, copy = false): PrintableReceipt {
  if (view.number === null || view.confirmedAt === null) throw new Error('only a confirmed receipt is printed');
  return {
    shopName: shop.shopName,
    shopLines: shop.shopLines,
    tillName: shop.tillName,
    number: view.number,
    confirmedAt: view.confirmedAt,
    timeZone: shop.timeZone,
    currency: view.currency,
    locale: shop.locale,
    rows: view.rows.map((r) => ({
      name: r.name,
      quantityMilli: r.quantityMilli,
      unit: r.unit,
      unitPriceMinor: r.unitPriceMinor,
      sumMinor: r.sumMinor,
      vatRateBp: r.vatRateBp,
    })),
    vat: view.vat,
    totalMinor: view.totalMinor,
    payments: view.payments.map((p) => ({
      method: p.method,
      amountMinor: p.amountMinor,
      tenderedMinor: p.tenderedMinor,
      changeMinor: p.changeMinor,
    })),
    changeMinor: view.changeMinor,
    copy,
  };
}
