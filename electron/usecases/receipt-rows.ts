import { PosError } from '../contract/errors.js';
import { MAX_QUANTITY_MILLI, type ParsedInput, type ReceiptView } from '../contract/api.js';
import { formatMoney, formatQuantity } from '../contract/codecs.js';
import { logDevice } from '../db/device-log-repo.js';
import { exists } from '../db/reference-repo.js';
import * as repo from '../db/receipts-repo.js';
import { quantityAllowed } from '../domain/document.js';
import { implausibleQuantity, quantityFitsUnit } from '../domain/plausibility.js';
import { computeTotals } from '../domain/totals.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { receiptContext } from './receipt-context.js';
import { checkRefundCovered, checkReturnRow, leftPerRow, refuseOnCreditNote } from './credit-rules.js';
import { customerPrice } from './receipt-header.js';
import { resolveScan } from './scan-code.js';

type Field = 'quantityMilli' | 'unitPriceMinor' | 'discountBp' | 'code';

/**
 * The rows of a receipt: scan or type an article, change a row, remove one. What a tired cashier
 * may have mistyped is asked about first ("Are you sure?": the screen calls again with
 * `confirmed`); what cannot be is refused with the field it concerns; nothing half-done is stored.
 */
export function receiptRowUseCases(deps: CoreDeps) {
  const rc = receiptContext(deps);
  const { db, ids, tx } = deps;

  const findRow = (r: repo.ReceiptRecord, rowId: string): repo.RowRecord => {
    const row = r.rows.find((x) => x.id === rowId);
    if (!row) throw new PosError('row.not_found', `row ${rowId} not found`);
    return row;
  };
  const nextLineNo = (r: repo.ReceiptRecord) => r.rows.reduce((max, row) => Math.max(max, row.lineNo), 0) + 1;

  /** A row's quantity: the right sign for the document, whole pieces, and — unless confirmed — plausible. */
  const checkQuantity = (ctx: CallContext, r: repo.ReceiptRecord, row: repo.RowRecord, rows: readonly repo.RowRecord[], confirmed: boolean) => {
    // What comes back is bounded by what was sold (no plausibility question needed), in whole pieces.
    if (r.docType === 'credit_note') checkReturnRow(row, leftPerRow(db, r));
    else if (!quantityAllowed(r.docType, row.quantityMilli)) {
      throw new PosError('quantity.invalid', `quantity not allowed on a ${r.docType}`, { documentType: r.docType, field: 'quantityMilli' });
    }
    // A scan added to a row may take it past what a row holds.
    if (Math.abs(row.quantityMilli) > MAX_QUANTITY_MILLI) throw new PosError('amount.too_large', 'the quantity is too large', { field: 'quantityMilli' });
    if (!quantityFitsUnit(row.unit, row.quantityMilli)) {
      throw new PosError('quantity.not_whole', `${row.name} is sold by the piece`, { name: row.name, field: 'quantityMilli' });
    }
    if (confirmed || r.docType === 'credit_note') return;
    const s = ctx.settings;
    const warehouse = r.warehouseCode ?? s.defaultWarehouse;
    const { stockMilli } = repo.rowArticleFacts(db, row.articleId, warehouse);
    // Against the stock, everything this receipt takes of the article counts.
    const wanted = rows.filter((x) => x.articleId === row.articleId).reduce((sum, x) => sum + x.quantityMilli, 0);
    const limits = { maxPcs: s.maxQuantityPcs, maxKgMilli: s.maxQuantityKgMilli };
    const slip = implausibleQuantity(row.unit, row.quantityMilli, null, limits) ?? implausibleQuantity(row.unit, wanted, stockMilli, limits);
    if (slip) {
      throw new PosError('quantity.implausible', 'are you sure about the quantity?', {
        name: row.name,
        unit: row.unit,
        quantityMilli: row.quantityMilli,
        reason: slip.reason,
        ...(slip.reason === 'limit' ? { limitMilli: slip.limitMilli } : { stockMilli: slip.stockMilli }),
        field: 'quantityMilli',
      });
    }
  };

  /** The receipt with these rows still adds up within exact whole cents; else the field that broke it. */
  const checkFits = (rows: readonly repo.RowRecord[], field: Field) => {
    try {
      computeTotals(rows);
    } catch (error) {
      if (error instanceof RangeError) throw new PosError('amount.too_large', 'the amount is too large', { field });
      throw error;
    }
  };

  return {
    'receipt.addArticle': (input: ParsedInput<'receipt.addArticle'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, input.receiptId);
        // A credit note's rows come from the sale it returns.
        refuseOnCreditNote(r, 'code');
        const scanned = resolveScan(db, input.code, ctx.settings.weightBarcodes);
        const { article, labelPrice } = scanned;
        // A weighed article sells what the scale says: without a label the cashier weighs it first.
        if (article.unit === 'kg' && !scanned.fromLabel && input.quantityMilli === undefined) {
          throw new PosError('article.needs_weight', `${article.name} is sold by weight`, { code: article.code, name: article.name });
        }
        const quantityMilli = input.quantityMilli ?? scanned.quantityMilli;
        const price = labelPrice ?? customerPrice(db, article, r.priceFormulaCode);
        // The same article scanned again adds to its row (a price label always makes its own row:
        // its price is that label's).
        const same = ctx.settings.mergeScans && !labelPrice
          ? r.rows.find(
              (row) =>
                row.articleId === article.id &&
                (row.priceLocked ?? 0) === 0 &&
                row.name === article.name &&
                row.unitPriceMinor === price.unitPriceMinor &&
                row.discountBp === price.discountBp &&
                row.serialNo === '' &&
                row.salespersonCode === null,
            )
          : undefined;
        const row: repo.RowRecord = same
          ? { ...same, quantityMilli: same.quantityMilli + quantityMilli }
          : {
              id: ids.next(),
              lineNo: nextLineNo(r),
              articleId: article.id,
              code: article.code,
              name: article.name,
              unit: article.unit,
              quantityMilli,
              unitPriceMinor: price.unitPriceMinor,
              discountBp: price.discountBp,
              vatRateBp: article.vatRateBp,
              serialNo: '',
              salespersonCode: null,
              priceLocked: labelPrice ? 1 : 0,
            };
        const rows = same ? r.rows.map((x) => (x.id === same.id ? row : x)) : [...r.rows, row];
        checkQuantity(ctx, r, row, rows, input.confirmed);
        checkFits(rows, same || input.quantityMilli !== undefined ? 'quantityMilli' : 'code');
        if (same) repo.updateRow(db, row);
        else repo.insertRow(db, r.id, row);
        rc.changed(ctx, r.id, true);
        return rc.view(ctx, r.id);
      }),

    'receipt.updateRow': (input: ParsedInput<'receipt.updateRow'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, input.receiptId);
        const row = findRow(r, input.rowId);
        if (r.docType === 'credit_note') {
          const frozen = (['discountBp', 'name', 'unitPriceMinor', 'serialNo', 'salespersonCode'] as const).find(
            (f) => input[f] !== undefined && input[f] !== row[f],
          );
          if (frozen) refuseOnCreditNote(r, frozen);
        }
        if (input.salespersonCode != null && !exists(db, 'salespeople', input.salespersonCode)) {
          throw new PosError('salesperson.not_found', `no salesperson ${input.salespersonCode}`, { code: input.salespersonCode });
        }
        const next: repo.RowRecord = {
          ...row,
          quantityMilli: input.quantityMilli ?? row.quantityMilli,
          discountBp: input.discountBp ?? row.discountBp,
          name: input.name ?? row.name,
          unitPriceMinor: input.unitPriceMinor ?? row.unitPriceMinor,
          serialNo: input.serialNo ?? row.serialNo,
          salespersonCode: input.salespersonCode === undefined ? row.salespersonCode : input.salespersonCode,
          // A price the cashier typed is theirs: a customer picked later does not overwrite it.
          priceLocked: input.unitPriceMinor !== undefined ? 1 : (row.priceLocked ?? 0),
          stockAction: r.docType === 'credit_note' ? (input.stockAction ?? row.stockAction ?? 'back') : null,
        };
        const rows = r.rows.map((x) => (x.id === row.id ? next : x));
        if (next.quantityMilli !== row.quantityMilli) checkQuantity(ctx, r, next, rows, input.confirmed);
        checkFits(rows, input.unitPriceMinor !== undefined ? 'unitPriceMinor' : input.quantityMilli !== undefined ? 'quantityMilli' : 'discountBp');
        const moneyChanged =
          next.quantityMilli !== row.quantityMilli || next.discountBp !== row.discountBp || next.unitPriceMinor !== row.unitPriceMinor;
        repo.updateRow(db, next);
        rc.changed(ctx, r.id, moneyChanged);
        const view = rc.view(ctx, r.id);
        checkRefundCovered(view);
        return view;
      }),

    'receipt.removeRow': ({ receiptId, rowId }: ParsedInput<'receipt.removeRow'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadEditable(ctx, receiptId);
        const row = findRow(r, rowId);
        repo.deleteRow(db, rowId);
        // The rows a cashier sees are numbered 1, 2, 3…: no gap where one was removed.
        repo.renumberRows(db, receiptId);
        // A removed row is evidence a manager may want: what it was, and when.
        logDevice(db, {
          at: ctx.now,
          device: 'receipt',
          event: 'row.removed',
          detail: `row ${row.lineNo}: ${row.code} ${row.name}, ${formatQuantity(row.quantityMilli, 'en')} × ${formatMoney(row.unitPriceMinor, 'en')}`,
          receiptId,
        });
        rc.changed(ctx, receiptId, true);
        const view = rc.view(ctx, receiptId);
        checkRefundCovered(view);
        return view;
      }),
  };
}
