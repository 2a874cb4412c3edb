import type { ReceiptView, SettingsView } from '../contract/api.js';
import type { PrintableReceipt } from './printable.js';

type PrintableCustomer = NonNullable<PrintableReceipt['customer']>;

/** Who is selling, as the settings say now, and the language of the paper. */
export type ShopOnPaper = Pick<
  SettingsView,
  'shopName' | 'shopAddress' | 'shopRegNo' | 'shopVatNo' | 'tillName' | 'timeZone' | 'receiptHeader' | 'receiptFooter'
> & { locale: string };

export interface PrintOptions {
  /** Name of the cashier printing (or who confirmed); '' prints no cashier line. */
  cashier: string;
  /** Salesperson code → name, for the per-row salesperson line. */
  salespeople: ReadonlyMap<string, string>;
  /** A reprint: marked COPY. */
  copy?: boolean;
  /** Printed before confirm (F8): not a fiscal receipt. */
  proForma?: boolean;
  /** ISO-8601 UTC print time; the time a pro-forma shows (defaults to view.printedAt). */
  printedAt?: string;
}

function customerOf(view: ReceiptView): PrintableCustomer | null {
  if (view.customer === null && view.customerName.trim() === '') return null; // anonymous private person
  return {
    name: view.customerName,
    code: view.customer?.code ?? '',
    vatNo: view.vatNo,
    address: view.address,
  };
}

/**
 * Freezes what goes on paper, so a reprint shows the sale exactly as it was. A confirmed receipt
 * prints with its number and confirm time; a pro-forma (printed before confirm) with the print
 * time and the number if it has one.
 */
export function toPrintableReceipt(view: ReceiptView, shop: ShopOnPaper, options: PrintOptions): PrintableReceipt {
  const proForma = options.proForma ?? false;
  let at: string;
  if (proForma) {
    const printedAt = options.printedAt ?? view.printedAt;
    if (printedAt === null) throw new Error('a pro-forma needs the print time');
    at = printedAt;
  } else {
    if (view.number === null || view.confirmedAt === null) throw new Error('only a confirmed receipt is printed');
    at = view.confirmedAt;
  }
  const salesperson = (code: string | null): string | null => {
    if (code === null || code.trim() === '') return null;
    // An unknown code still says who sold it rather than nothing.
    return options.salespeople.get(code) ?? code;
  };
  return {
    shopName: shop.shopName,
    shopLines: [shop.shopAddress, ...shop.receiptHeader].map((l) => l.trim()).filter((l) => l !== ''),
    shopRegNo: shop.shopRegNo.trim(),
    shopVatNo: shop.shopVatNo.trim(),
    footerLines: shop.receiptFooter.map((l) => l.trim()).filter((l) => l !== ''),
    tillName: shop.tillName,
    number: view.number,
    confirmedAt: at,
    timeZone: shop.timeZone,
    currency: view.currency,
    locale: shop.locale,
    customer: customerOf(view),
    rows: view.rows.map((r) => ({
      name: r.name,
      quantityMilli: r.quantityMilli,
      unit: r.unit,
      unitPriceMinor: r.unitPriceMinor,
      sumMinor: r.sumMinor,
      vatRateBp: r.vatRateBp,
      discountBp: r.discountBp,
      discountMinor: r.discountMinor,
      serialNo: r.serialNo.trim(),
      salesperson: salesperson(r.salespersonCode),
    })),
    vat: view.vat.map((v) => ({ rateBp: v.rateBp, netMinor: v.netMinor, vatMinor: v.vatMinor, grossMinor: v.grossMinor })),
    totalMinor: view.totalMinor,
    roundingMinor: view.roundingMinor,
    payableMinor: view.payableMinor,
    payments: view.payments.map((p) => ({
      method: p.method,
      amountMinor: p.amountMinor,
      tenderedMinor: p.tenderedMinor,
      changeMinor: p.changeMinor,
      reference: p.reference,
    })),
    changeMinor: view.changeMinor,
    creditOf: view.credit ? { number: view.credit.originalNumber, confirmedAt: view.credit.originalConfirmedAt } : null,
    cashier: options.cashier,
    copy: options.copy ?? false,
    proForma,
  };
}
