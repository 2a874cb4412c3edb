import { PosError } from '../contract/errors.js';
import type { FoundReceipt, ParsedInput, ReceiptView } from '../contract/api.js';
import { parseMoneyInput } from '../contract/codecs.js';
import * as repo from '../db/receipts-repo.js';
import { confirmedIdByNumber, linkCreditNote, openCreditNoteOf, searchConfirmed, soldRows } from '../db/returns-repo.js';
import { exists } from '../db/reference-repo.js';
import { checkIban } from '../domain/iban.js';
import { creditQuantities, refundExact } from '../domain/returns.js';
import { cardPayments } from './card-payments.js';
import type { CallContext } from './context.js';
import { shopDay } from './credit-view.js';
import type { CoreDeps } from './ports.js';
import { refundRefused, refuseWhileCardInDoubt } from './credit-rules.js';
import { receiptContext } from './receipt-context.js';
import { formatReceiptNumber } from './receipt-view.js';

/** A receipt number as printed (K000033), typed short (k33) or read from the paper's QR code or barcode. */
export function parseDocumentNumber(text: string): { prefix: string; number: number } | null {
  const m = /^([A-Za-z]*)[-/\s]?0*(\d{1,9})$/.exec(text.trim());
  if (!m) return null;
  return { prefix: m[1] ?? '', number: Number(m[2]) };
}

/** The UTC bounds of a shop day typed as YYYY-MM-DD or DD.MM.YYYY, in the shop's time zone. */
function dayBounds(text: string, timeZone: string): { from: string; to: string } | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? null;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : [];
  if (!y || !mo || !d) return null;
  const noon = Date.UTC(Number(y), Number(mo) - 1, Number(d), 12);
  if (Number.isNaN(noon)) return null;
  const day = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  // The shop day is within 14 hours of UTC either way: take every instant of those 3 days that falls on it.
  let from: string | null = null;
  let to: string | null = null;
  for (let t = noon - 36 * 3_600_000; t <= noon + 36 * 3_600_000; t += 900_000) {
    const inDay = shopDay(new Date(t).toISOString(), timeZone) === day;
    if (inDay && from === null) from = new Date(t).toISOString();
    if (inDay) to = new Date(t + 900_000).toISOString();
  }
  return from && to ? { from, to } : null;
}

/**
 * Returns: find the sale (by its number as printed or scanned, or a search), credit it, and pay the
 * refund back by transfer or by cancelling the original card payment. Cash refunds go through
 * `receipt.pay` like any cash payment; confirm and paper are the receipt's.
 */
export function creditNoteUseCases(deps: CoreDeps) {
  const rc = receiptContext(deps);
  const { db, ids, shop, tx } = deps;
  const card = cardPayments(deps, rc);

  const loadCreditDraft = (ctx: CallContext, id: string): repo.ReceiptRecord => {
    const r = rc.loadEditable(ctx, id);
    if (r.docType !== 'credit_note' || r.creditOf === null) throw new PosError('credit.not_a_credit_note', 'this is not a credit note');
    return r;
  };

  return {
    'receipt.find': ({ text }: ParsedInput<'receipt.find'>, ctx: CallContext): ReceiptView => {
      const parsed = parseDocumentNumber(text);
      // Digits alone are a number of the till's own series.
      const series = parsed?.prefix ? { prefix: parsed.prefix } : { code: ctx.settings.defaultSeries };
      const id = parsed ? confirmedIdByNumber(db, series, parsed.number) : null;
      if (id === null) throw new PosError('receipt.not_found', `no confirmed receipt ${text}`, { number: text, field: 'text' });
      return rc.view(ctx, id);
    },

    'receipt.search': ({ query, limit }: ParsedInput<'receipt.search'>, ctx: CallContext): FoundReceipt[] => {
      const money = parseMoneyInput(query);
      const day = dayBounds(query, ctx.settings.timeZone);
      return searchConfirmed(db, {
        text: query,
        amountMinor: money !== null && money > 0 ? money : null,
        dayFrom: day?.from ?? null,
        dayTo: day?.to ?? null,
        limit,
      }).map((r) => ({
        id: r.id,
        documentType: r.docType,
        number: formatReceiptNumber(r.prefix, r.number),
        confirmedAt: r.confirmedAt,
        customerName: r.customerName,
        totalMinor: r.totalMinor,
        match: r.match,
      }));
    },

    'receipt.credit': ({ receiptId }: ParsedInput<'receipt.credit'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const original = rc.load(receiptId);
        if (original.status !== 'confirmed') throw new PosError('credit.not_confirmed', 'only a confirmed receipt can be credited');
        if (original.docType !== 'receipt') throw new PosError('credit.of_credit_note', 'a credit note cannot be credited');
        // Credit pressed again continues the return already begun.
        const open = openCreditNoteOf(db, original.id);
        if (open !== null) return rc.view(ctx, open);
        const rows = creditQuantities(soldRows(db, original.id));
        if (rows.length === 0) {
          const number = original.number === null ? '' : formatReceiptNumber(original.seriesPrefix, original.number);
          throw new PosError('credit.nothing_left', 'everything on this receipt was returned already', { number });
        }
        const series = ctx.settings.creditSeries;
        if (!exists(db, 'number_series', series)) throw new PosError('series.not_found', `no number series ${series}`, { code: series });
        const id = ids.next();
        const warehouseCode = original.warehouseCode ?? ctx.settings.defaultWarehouse;
        repo.insertReceipt(db, { id, docType: 'credit_note', seriesCode: series, currency: shop.currency, warehouseCode, now: ctx.now });
        repo.updateHeader(db, id, { ...original, warehouseCode });
        linkCreditNote(db, id, original.id);
        const byId = new Map(original.rows.map((row) => [row.id, row]));
        rows.forEach(({ rowId, quantityMilli }, i) => {
          const sold = byId.get(rowId);
          if (!sold) return;
          // Exactly as sold: price, discount, VAT rate, name, salesperson; serial numbers say which item came back.
          repo.insertRow(db, id, { ...sold, id: ids.next(), lineNo: i + 1, quantityMilli, creditOfRow: rowId, stockAction: 'back', priceLocked: 1 });
        });
        rc.changed(ctx, id, true);
        return rc.view(ctx, id);
      }),

    /** F6 on a credit note: the original card payment back through the terminal (same shop day, exact amount). */
    'receipt.cancelCard': async ({ receiptId, paymentId }: ParsedInput<'receipt.cancelCard'>, ctx: CallContext): Promise<ReceiptView> => {
      /** The card payment of the sale that may be cancelled now; checked again once any earlier answer is settled. */
      const cancellable = (): { sale: repo.ReceiptRecord; payment: repo.PaymentRecord } => {
        const note = loadCreditDraft(ctx, receiptId);
        const view = rc.viewOf(ctx, note);
        const cardView = view.credit?.cards.find((c) => c.paymentId === paymentId);
        const sale = rc.load(note.creditOf ?? '');
        const payment = sale.payments.find((p) => p.id === paymentId && p.method === 'card');
        if (!cardView || !payment) throw new PosError('payment.not_found', `payment ${paymentId} not found`);
        switch (cardView.refusal) {
          case 'cancelled':
            throw new PosError('credit.card_cancelled', 'this card payment was cancelled already');
          case 'refunded':
            throw new PosError('credit.card_refunded', 'part of the card money went back already', { amount: view.credit?.cardLeftMinor ?? 0 });
          case 'not_today':
            throw new PosError('payment.reversal_not_today', 'a card payment can be cancelled only on its own day');
          case 'not_exact':
            throw new PosError('credit.card_not_exact', 'only the whole card payment can be cancelled', { amount: payment.amountMinor, owedMinor: Math.max(0, -view.dueMinor) });
          default:
            return { sale, payment };
        }
      };
      const { sale, payment } = tx(() => {
        const found = cancellable();
        rc.save(ctx, rc.load(receiptId));
        return found;
      });
      return card.cancelOriginal(ctx, receiptId, sale.id, payment, () => void cancellable());
    },

    /** When the sale's card payment cannot be cancelled (another day, part of it): money back to the card (ZVT 06 31). */
    'receipt.refundCard': async ({ receiptId, amountMinor }: ParsedInput<'receipt.refundCard'>, ctx: CallContext): Promise<ReceiptView> => {
      /** At most what is owed, and what the sale took by card that no credit note gave back yet. */
      const check = () => {
        const note = loadCreditDraft(ctx, receiptId);
        const view = rc.viewOf(ctx, note);
        const outcome = refundExact('card', view.dueMinor, amountMinor);
        if (!outcome.ok) throw refundRefused(outcome.reason, view.dueMinor);
        const left = view.credit?.cardLeftMinor ?? 0;
        if (amountMinor > left) throw new PosError('credit.card_refund_above_card', 'more than the sale took by card', { amount: left, field: 'amountMinor' });
      };
      tx(() => {
        check();
        rc.save(ctx, rc.load(receiptId));
      });
      return card.refundToCard(ctx, receiptId, amountMinor, check);
    },

    'receipt.refundTransfer': (input: ParsedInput<'receipt.refundTransfer'>, ctx: CallContext): ReceiptView =>
      tx(() => {
        const note = loadCreditDraft(ctx, input.receiptId);
        // A card cancellation or refund in doubt may have paid this back already.
        refuseWhileCardInDoubt(db, note.id);
        const iban = checkIban(input.iban);
        if (!iban.ok) throw new PosError('iban.invalid', `not a valid IBAN (${iban.reason})`, { reason: iban.reason, field: 'iban' });
        const due = rc.viewOf(ctx, note).dueMinor;
        const outcome = refundExact('transfer', due, input.amountMinor);
        if (!outcome.ok) throw refundRefused(outcome.reason, due);
        // Booked as a prepayment owed to the customer until the bank pays it out.
        repo.insertPayment(
          db,
          note.id,
          { id: ids.next(), ...outcome.payment, reference: null, payeeName: input.payeeName, payeeIban: iban.iban, payeeComment: input.comment },
          ctx.now,
        );
        rc.save(ctx, rc.load(note.id), false);
        return rc.view(ctx, note.id);
      }),
  };
}
