import { readFacts } from '../db/documents-repo.js';
import { barcodesOf } from '../db/ledger-day-repo.js';
import { ACCOUNTS, cashTransaction, goodsTransaction, saleTransaction } from '../domain/ledger-posting.js';
import type { ConfirmEffect } from './confirm-effects.js';
import type { CallContext } from './context.js';
import { ledgerKey, type LedgerDocument, type LedgerDocumentType } from './ledger-document.js';
import type { CoreDeps } from './ports.js';

/**
 * Every document goes to the accounting ledger through the outbox's ledger lane, queued in the
 * document's own transaction with its facts frozen: sales and credit notes (with the goods a
 * credit note wrote off), cash put in and taken out, the close's cash out, its difference and its
 * stock count. Nothing is queued while no ledger is set.
 */

/** The shop's calendar day of an instant (YYYY-MM-DD in its time zone). */
export function shopDate(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

type Base = Pick<LedgerDocument, 'type' | 'number' | 'description' | 'postings'> & Partial<LedgerDocument>;

export function queueLedgerDocument(deps: Pick<CoreDeps, 'outbox' | 'shop'>, ctx: CallContext, doc: Base, documentId?: string): void {
  const full: LedgerDocument = {
    key: ledgerKey(ctx.settings.shopRegNo, deps.shop.tillName, doc.type, doc.number),
    date: shopDate(doc.at ?? ctx.now, ctx.settings.timeZone),
    at: ctx.now,
    currency: deps.shop.currency,
    till: deps.shop.tillName,
    dayId: null,
    lines: [],
    payments: [],
    vat: [],
    customer: null,
    creditOf: null,
    ...doc,
  };
  deps.outbox.enqueue('ledger.document', full, documentId ? { documentId } : undefined);
}

const enabled = (deps: Pick<CoreDeps, 'ledger'>) => deps.ledger?.enabled() ?? false;

/** A confirmed sale or credit note (and the goods a credit note wrote off) to the ledger. */
export function ledgerOnConfirm(deps: Pick<CoreDeps, 'db' | 'outbox' | 'shop' | 'ledger'>): ConfirmEffect {
  return {
    confirmed: ({ view }, ctx) => {
      if (!enabled(deps) || view.number === null) return;
      const facts = readFacts(deps.db, view.id);
      const barcodes = barcodesOf(deps.db, view.rows.map((r) => r.articleId));
      const type: LedgerDocumentType = view.documentType === 'credit_note' ? 'credit_note' : 'sale';
      const company = ctx.settings.shopRegNo;
      const creditOf = view.credit ? ledgerKey(company, deps.shop.tillName, 'sale', view.credit.originalNumber) : null;
      // In the daily shape the close sends the day's sales as one sheet (ledgerDaySheets).
      if (ctx.settings.ledgerSalesShape === 'receipt') queueLedgerDocument(
        deps,
        ctx,
        {
          type,
          number: view.number,
          at: view.confirmedAt ?? ctx.now,
          description: `${type === 'sale' ? 'Sale' : 'Credit note'} ${view.number}${view.customerName ? ` ${view.customerName}` : ''}`,
          postings: saleTransaction({ currency: view.currency, vat: facts.vat, tenders: facts.tenders, roundingMinor: view.roundingMinor, roundingAccount: ctx.settings.roundingAccount }),
          lines: view.rows.map((r) => ({
            code: r.code,
            name: r.name,
            barcode: barcodes.get(r.articleId) ?? '',
            quantityMilli: r.quantityMilli,
            unit: r.unit,
            unitPriceMinor: r.unitPriceMinor,
            discountMinor: r.discountMinor,
            sumMinor: r.sumMinor,
            vatRateBp: r.vatRateBp,
          })),
          payments: facts.tenders.map((t) => ({ method: t.method, amountMinor: t.amountMinor })),
          vat: facts.vat.map((v) => ({ rateBp: v.rateBp, netMinor: v.netMinor, vatMinor: v.vatMinor, grossMinor: v.grossMinor })),
          customer: view.customer ? { code: view.customer.code, name: view.customerName, regNo: '', vatNo: view.vatNo } : null,
          creditOf,
        },
        view.id,
      );
      const damaged = view.rows.filter((r) => r.credit?.stockAction === 'write_off');
      if (damaged.length > 0 && ctx.settings.ledgerWriteOffShape === 'document') {
        queueLedgerDocument(deps, ctx, {
          type: 'write_off',
          number: `${view.number}-W`,
          description: `Written off, returned damaged on ${view.number}`,
          postings: goodsTransaction(view.warehouseCode, ACCOUNTS.writeOff, damaged.map((r) => ({ code: r.code, quantityMilli: -r.quantityMilli }))),
          lines: damaged.map((r) => ({ code: r.code, name: r.name, barcode: barcodes.get(r.articleId) ?? '', quantityMilli: -r.quantityMilli, unit: r.unit, unitPriceMinor: 0, discountMinor: 0, sumMinor: 0, vatRateBp: r.vatRateBp })),
        },
        // Tied to the credit note, so the close's daily sheet knows these goods went already.
        view.id,
        );
      }
    },
  };
}

/** Cash put in or taken out (during the day or at its close), or the count's difference, to the ledger. */
export function ledgerCashMovement(
  deps: Pick<CoreDeps, 'outbox' | 'shop' | 'ledger'>,
  ctx: CallContext,
  m: { number: string; kind: 'cash_in' | 'cash_out' | 'difference'; direction: string; amountMinor: number; comment: string },
): void {
  if (!enabled(deps)) return;
  const into = m.kind === 'cash_out' ? -m.amountMinor : m.amountMinor;
  const other = m.kind === 'difference' ? ACCOUNTS.difference : ((ACCOUNTS as Record<string, unknown>)[m.direction] as string | undefined) ?? ACCOUNTS.out;
  const type: LedgerDocumentType = m.kind === 'difference' ? 'cash_difference' : m.kind;
  queueLedgerDocument(deps, ctx, { type, number: m.number, description: `${type.replace('_', ' ')} ${m.direction} ${m.comment}`.trim().slice(0, 200), postings: cashTransaction(deps.shop.currency, other, into, m.comment.slice(0, 200)) });
}

/** The close's stock count: what it found more or less than the stock said, to the ledger (goods, no value). */
export function ledgerInventory(
  deps: Pick<CoreDeps, 'outbox' | 'shop' | 'ledger'>,
  ctx: CallContext,
  inv: { number: string; warehouse: string; rows: readonly { code: string; name: string; unit: string; differenceMilli: number; vatRateBp?: number }[] },
): void {
  const differing = inv.rows.filter((r) => r.differenceMilli !== 0);
  if (!enabled(deps) || differing.length === 0) return;
  queueLedgerDocument(deps, ctx, {
    type: 'inventory',
    number: inv.number,
    description: `Stock count ${inv.number}`,
    // A shortfall leaves the warehouse into the stock difference; a surplus comes back from it.
    postings: goodsTransaction(inv.warehouse, ACCOUNTS.stockDifference, differing.map((r) => ({ code: r.code, quantityMilli: -r.differenceMilli }))),
    lines: differing.map((r) => ({ code: r.code, name: r.name, barcode: '', quantityMilli: r.differenceMilli, unit: r.unit, unitPriceMinor: 0, discountMinor: 0, sumMinor: 0, vatRateBp: r.vatRateBp ?? 0 })),
  });
}
