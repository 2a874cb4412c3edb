import { PosError } from '../contract/errors.js';
import type { WeightBarcodeLayout } from '../contract/api.js';
import type { Db } from '../db/open.js';
import * as repo from '../db/receipts-repo.js';
import { GTIN_LENGTHS, isValidGtin, parseWeightBarcode, priceLabelRow } from '../domain/barcode.js';

/** What a scanned or typed code puts on a row. */
export interface ScannedArticle {
  article: repo.ArticleRecord;
  quantityMilli: number;
  /** A price label's price, final (no customer discount); null: the customer's price applies. */
  labelPrice: { unitPriceMinor: number; discountBp: number } | null;
  /** The quantity came from a scale's label (a weight or a price label), not from the cashier. */
  fromLabel: boolean;
}

const misread = (code: string, what: string) =>
  new PosError('barcode.invalid_check_digit', `${what} of ${code} is wrong`, { code });

/**
 * Turns the Article field's input into an article and a quantity:
 * 1. an article's own barcode or code, exactly — first, because an article may carry a 2x… code
 *    of its own that would otherwise read as a scale label;
 * 2. a GTIN-shaped code (8/12/13/14 digits) with a wrong check digit was misread: scan again;
 * 3. a scale label of one of the shop's layouts, by its item code (PLU). A weight label sells
 *    the grams printed (1 g = 1 thousandth of a kg) at the customer's price, so only kg articles
 *    take one — on a pcs article the grams would become pieces, so it is refused as not found
 *    (there is no article sold by weight with that PLU). A price label's price is final
 *    (see priceLabelRow for how the row keeps it to the cent);
 * 4. anything else: no such article.
 */
export function resolveScan(db: Db, code: string, layouts: readonly WeightBarcodeLayout[]): ScannedArticle {
  const exact = repo.findArticleByCode(db, code);
  if (exact) return { article: exact, quantityMilli: 1000, labelPrice: null, fromLabel: false };
  const notFound = (why: string) => new PosError('article.not_found', `${why}: ${code}`, { code });

  if (/^\d+$/.test(code) && GTIN_LENGTHS.includes(code.length) && !isValidGtin(code)) throw misread(code, 'the check digit');
  const label = parseWeightBarcode(code, layouts);
  if (label === null) throw notFound('no article with this code');
  if ('error' in label) throw misread(code, label.error === 'verifier' ? 'the price/measure verifier digit' : 'the check digit');

  const article = repo.findArticleByItemCode(db, label.itemCode);
  if (!article) throw notFound(`no article with the label's item code ${label.itemCode}`);
  if (label.kind === 'weight') {
    if (article.unit !== 'kg') throw notFound(`article ${article.code} is not sold by weight`);
    // A label of 0 g is a scale fault; a row cannot have quantity zero.
    if (label.value === 0) throw new PosError('quantity.invalid', `the label weighs 0 g: ${code}`);
    return { article, quantityMilli: label.value, labelPrice: null, fromLabel: true };
  }
  const row = priceLabelRow(label.value, article.unit, article.priceMinor);
  return { article, quantityMilli: row.quantityMilli, labelPrice: { unitPriceMinor: row.unitPriceMinor, discountBp: 0 }, fromLabel: true };
}
