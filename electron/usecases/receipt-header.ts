import { PosError } from '../contract/errors.js';
import type { ParsedInput, ReceiptView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import * as repo from '../db/receipts-repo.js';
import { exists, findCustomer, findFormula, listPrice } from '../db/reference-repo.js';
import { checkEmail } from '../domain/email.js';
import { DomainError } from '../domain/errors.js';
import { priceForCustomer } from '../domain/pricing.js';
import { checkVatNumber } from '../domain/vat-number.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { refuseOnCreditNote } from './credit-rules.js';
import { receiptContext } from './receipt-context.js';

/** An article's price on this receipt: the customer's price formula applied to the base price. */
export function customerPrice(
  db: Db,
  article: { id: string; priceMinor: number },
  formulaCode: string | null,
): { unitPriceMinor: number; discountBp: number } {
  const formula = formulaCode === null ? null : findFormula(db, formulaCode);
  const list = formula?.priceListCode ? listPrice(db, formula.priceListCode, article.id) : null;
  return priceForCustomer(article.priceMinor, list, formula);
}

/**
 * A VAT number or e-mail address as typed on the header, checked: the tidied value to store, or a
 * refusal naming the field (the screen shows it beside that field). Undefined: not being changed.
 */
function checked(field: 'vatNo' | 'email', raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const result = field === 'vatNo' ? checkVatNumber(raw) : checkEmail(raw);
  if (result.ok) return result.value;
  throw new DomainError(result.code, `${field} "${result.details.value}" refused: ${result.code}`, { field, ...result.details });
}

/** Header fields: customer (with re-pricing), name and address, object, warehouse, number series. */
export function receiptHeaderUseCases(deps: CoreDeps) {
  const rc = receiptContext(deps);
  const { db, tx } = deps;

  return {
    'receipt.setHeader': (input: ParsedInput<'receipt.setHeader'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, input.receiptId);
        const changedField = (['customerName', 'address', 'vatNo', 'email', 'objectCode', 'warehouseCode'] as const).find(
          (k) => input[k] !== undefined && input[k] !== r[k],
        );
        if (changedField) refuseOnCreditNote(r, changedField);
        // Checked before anything else: a refused value changes nothing.
        const vatNo = checked('vatNo', input.vatNo);
        const email = checked('email', input.email);
        if (input.objectCode != null && !exists(db, 'objects', input.objectCode)) {
          throw new PosError('object.not_found', `no object ${input.objectCode}`, { code: input.objectCode });
        }
        if (input.warehouseCode !== undefined && !exists(db, 'warehouses', input.warehouseCode)) {
          throw new PosError('warehouse.not_found', `no warehouse ${input.warehouseCode}`, { code: input.warehouseCode });
        }
        repo.updateHeader(db, r.id, {
          ...r,
          customerName: input.customerName ?? r.customerName,
          address: input.address ?? r.address,
          vatNo: vatNo ?? r.vatNo,
          email: email ?? r.email,
          objectCode: input.objectCode === undefined ? r.objectCode : input.objectCode,
          warehouseCode: input.warehouseCode ?? r.warehouseCode,
        });
        rc.changed(ctx, r.id, false);
        return rc.view(ctx, r.id);
      }),

    /**
     * Picking a customer fills the header from the customer card and re-prices every row by the
     * customer's price formula (Directo does the same); back to anonymous restores list prices.
     */
    'receipt.setCustomer': ({ receiptId, customerId }: ParsedInput<'receipt.setCustomer'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, receiptId);
        refuseOnCreditNote(r, 'customer');
        const customer = customerId === null ? null : findCustomer(db, customerId);
        if (customerId !== null && !customer) throw new PosError('customer.not_found', `no customer ${customerId}`);
        const formulaCode = customer?.priceFormulaCode ?? null;
        repo.updateHeader(db, r.id, {
          ...r,
          customerId: customer?.id ?? null,
          customerName: customer?.name ?? '',
          address: customer?.address ?? '',
          vatNo: customer?.vatNo ?? '',
          email: customer?.email ?? '',
          priceFormulaCode: formulaCode,
        });
        let repriced = false;
        for (const row of r.rows) {
          if (row.priceLocked === 1) continue; // typed by hand or from a scale's price label
          const article = repo.findArticle(db, row.articleId);
          if (!article) continue;
          const price = customerPrice(db, article, formulaCode);
          if (price.unitPriceMinor === row.unitPriceMinor && price.discountBp === row.discountBp) continue;
          repo.updateRow(db, { ...row, ...price });
          repriced = true;
        }
        rc.changed(ctx, r.id, repriced);
        return rc.view(ctx, r.id);
      }),

    'receipt.setSeries': ({ receiptId, seriesCode }: ParsedInput<'receipt.setSeries'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, receiptId);
        // A credit note is numbered in the credit note series, never among the sales.
        if (seriesCode !== r.seriesCode) refuseOnCreditNote(r, 'seriesCode');
        if (!exists(db, 'number_series', seriesCode)) throw new PosError('series.not_found', `no series ${seriesCode}`, { code: seriesCode });
        repo.setSeries(db, r.id, seriesCode);
        rc.changed(ctx, r.id, false);
        return rc.view(ctx, r.id);
      }),
  };
}
