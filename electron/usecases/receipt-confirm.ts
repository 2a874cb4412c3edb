import { PosError } from '../contract/errors.js';
import type { ParsedInput, ReceiptView } from '../contract/api.js';
import { readPaper, writeFacts, writePaper } from '../db/documents-repo.js';
import { salespersonNames } from '../db/reference-repo.js';
import { setDay } from '../db/days-repo.js';
import { insertWriteOff } from '../db/returns-repo.js';
import * as repo from '../db/receipts-repo.js';
import { slipsToPrint, type SlipSetting } from '../domain/card-slips.js';
import { freezeFacts } from '../domain/document.js';
import type { ConfirmEffect } from './confirm-effects.js';
import type { CallContext } from './context.js';
import { EFFECTS, readPayload } from './effects.js';
import type { CoreDeps } from './ports.js';
import { PrintableReceipt } from './printable.js';
import { toPrintableReceipt } from './print-document.js';
import { checkReturnRow, leftPerRow, refuseWhileCardInDoubt } from './credit-rules.js';
import { receiptContext } from './receipt-context.js';

/** The terminal slips to print with the receipt, per card payment: none, the customer's, or the customer's and the merchant's. */
function cardSlips(payments: readonly repo.PaymentRecord[], copies: SlipSetting): string[][] {
  return payments.flatMap((p) => (p.method === 'card' && p.slip ? slipsToPrint(p.slip, copies) : []));
}

/**
 * F12 confirm, and F8 preview / print. Confirm freezes the document's facts (row sums, VAT per
 * rate, tenders, the paper) in the same transaction that takes its number; everything after reads
 * them. What follows from a confirm (paper, fiscal registration) is the effects' business.
 */
export function receiptConfirmUseCases(deps: CoreDeps, effects: readonly ConfirmEffect[], dayFor: (ctx: CallContext) => string) {
  const rc = receiptContext(deps);
  const { db, tx } = deps;
  /** The shop as the settings say now: what a new paper shows. */
  const shopNow = (ctx: CallContext) => ({ ...ctx.settings, locale: ctx.locale });

  /** The paper a confirmed document was printed with, marked as a copy; a reprint never opens the drawer. */
  const frozenCopy = (ctx: CallContext, receiptId: string): PrintableReceipt => {
    const stored = readPaper(db, receiptId);
    const paper = stored
      ? readPayload('print.receipt', stored.version, stored.paper)
      : // No paper was kept (a document confirmed before papers were): its frozen facts, without a cashier.
        toPrintableReceipt(rc.view(ctx, receiptId), shopNow(ctx), { cashier: '', salespeople: salespersonNames(db) });
    return { ...paper, copy: true, openDrawer: false };
  };

  const paperOf = (ctx: CallContext, receiptId: string): PrintableReceipt => {
    const view = rc.view(ctx, receiptId);
    return view.status === 'confirmed'
      ? frozenCopy(ctx, receiptId)
      : toPrintableReceipt(view, shopNow(ctx), { cashier: ctx.actor.name, salespeople: salespersonNames(db), proForma: true, printedAt: ctx.now });
  };

  /** Every row returns what was sold, no more than is left after the other confirmed credit notes; no card cancellation in doubt. */
  const checkCreditNote = (r: repo.ReceiptRecord) => {
    const left = leftPerRow(db, r);
    for (const row of r.rows) checkReturnRow(row, left);
    refuseWhileCardInDoubt(db, r.id);
  };

  return {
    'receipt.confirm': ({ receiptId, accept }: ParsedInput<'receipt.confirm'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const r = rc.loadDraft(receiptId);
        const settings = ctx.settings;
        if (r.rows.length === 0) throw new PosError('receipt.empty', 'receipt has no rows');
        const zero = rc.zeroPriceLines(ctx, r);
        if (zero.forbid.length > 0) throw new PosError('row.price_required', 'enter the selling price', { lines: zero.forbid.join(', ') });
        if (r.docType === 'credit_note') checkCreditNote(r);
        const draft = rc.viewOf(ctx, r);
        // A credit note owes the customer (due < 0) until the refund is paid out.
        if (draft.dueMinor < 0 && r.docType === 'credit_note') throw new PosError('receipt.not_paid', 'the refund is not paid out', { due: draft.dueMinor });
        if (draft.dueMinor > 0) throw new PosError('receipt.not_paid', 'receipt is not fully paid', { due: draft.dueMinor });
        if (draft.dueMinor < 0) throw new PosError('receipt.overpaid', 'paid more than the total', { over: -draft.dueMinor });
        // Rows sold for nothing (policy "warn") and a receipt of 0.00 are asked about, at F12 too.
        const warnings = [
          ...(zero.warn.length > 0 ? (['zero_price'] as const) : []),
          ...(draft.totalMinor === 0 ? (['zero_total'] as const) : []),
        ].filter((w) => !accept.includes(w));
        if (warnings.length > 0) {
          throw new PosError('receipt.confirm_warnings', 'confirm anyway?', { warnings: warnings.join(','), lines: zero.warn.join(', ') });
        }
        for (const effect of effects) effect.check?.(draft, ctx);

        // 1. The number, gapless per series: refused confirms above took none. The document belongs
        // to the day open now (opened by this confirm if none is): a close before it was the day before.
        const number = repo.takeNextNumber(db, r.seriesCode);
        setDay(db, r.id, dayFor(ctx), ctx.actor.name);
        // 2. The facts, while the document is still a draft (the database refuses them afterwards).
        const facts = freezeFacts(r.rows, r.payments, settings.cashRounding);
        writeFacts(
          db,
          r.id,
          r.rows.map((row) => row.id),
          facts,
        );
        // 3. Confirmed: from here on the document, its rows, payments and facts never change.
        repo.markConfirmed(db, {
          id: receiptId,
          number,
          confirmedAt: ctx.now,
          totalMinor: facts.totalMinor,
          roundingMinor: facts.roundingMinor,
          payableMinor: facts.payableMinor,
          roundingAccount: settings.roundingAccount,
        });
        // A credit note's goods come back into the warehouse, or are written off as damaged (its own stock document).
        repo.takeFromStock(
          db,
          draft.warehouseCode,
          r.rows.filter((row) => row.stockAction !== 'write_off'),
        );
        const damaged = r.rows.filter((row) => row.stockAction === 'write_off');
        if (damaged.length > 0) {
          insertWriteOff(db, {
            id: deps.ids.next(),
            warehouseCode: draft.warehouseCode,
            sourceId: r.id,
            now: ctx.now,
            rows: damaged.map((row) => ({ articleId: row.articleId, name: row.name, quantityMilli: -row.quantityMilli })),
          });
        }
        // 4. The paper, from the frozen facts; the drawer opens only when cash moved.
        const view = rc.view(ctx, receiptId);
        const paper = PrintableReceipt.parse({
          ...toPrintableReceipt(view, shopNow(ctx), { cashier: ctx.actor.name, salespeople: salespersonNames(db) }),
          openDrawer: settings.drawerOnCash && view.payments.some((p) => p.method === 'cash'),
          cardSlips: cardSlips(r.payments, settings.terminalSlips),
          qr: settings.receiptQr ? view.number : null,
          logo: settings.receiptLogo,
        });
        writePaper(db, receiptId, EFFECTS['print.receipt'].version, JSON.stringify(paper));
        // 5. What follows from it, queued in the same transaction.
        for (const effect of effects) effect.confirmed({ view, paper }, ctx);
        return view;
      }),

    'receipt.preview': ({ receiptId }: ParsedInput<'receipt.preview'>, ctx: CallContext) => ({ lines: deps.print.preview(paperOf(ctx, receiptId)) }),

    'receipt.print': ({ receiptId }: ParsedInput<'receipt.print'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const paper = paperOf(ctx, receiptId);
        deps.outbox.enqueue('print.receipt', paper, { documentId: receiptId });
        // A draft on paper (a pro-forma for the customer) may lock, by setting: what the customer
        // holds must match what is confirmed later.
        if (!paper.copy) repo.markPrinted(db, receiptId, ctx.now);
        return rc.view(ctx, receiptId);
      }),
  };
}
