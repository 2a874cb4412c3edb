import { PosError } from '../contract/errors.js';
import type { ParsedInput, ReceiptView } from '../contract/api.js';
import type { PrintableReceipt } from '../../native/printer/document.js';
import * as repo from '../db/receipts-repo.js';
import { insertPrintJob } from '../db/print-jobs-repo.js';
import { salespersonNames } from '../db/reference-repo.js';
import type { CoreDeps } from './ports.js';
import { receiptContext } from './receipt-context.js';
import { toPrintableReceipt } from './print-document.js';
import { insertFiscalJob, ladderHistory } from '../db/fiscal-jobs-repo.js';
import { toFiscalReceipt } from '../domain/fiscal-receipt.js';
import { taxLadderViolations } from '../domain/tax-ladder.js';

/** The terminal slips to print with the receipt: none, the customer's, or customer and merchant copies. */
function cardSlips(payments: readonly repo.PaymentRecord[], copies: 'none' | 'customer' | 'both'): string[][] {
  if (copies === 'none') return [];
  const slips = payments.flatMap((p) => (p.method === 'card' && p.slip && p.slip.length > 0 ? [p.slip] : []));
  return copies === 'both' ? slips.flatMap((slip) => [slip, slip]) : slips;
}

/** F12 confirm, and F8 preview / print. Paper always goes through the print_jobs outbox. */
export function receiptConfirmUseCases(deps: CoreDeps) {
  const ctx = receiptContext(deps);
  const { db, ids, shop } = deps;
  const { tx, now } = ctx;

  const salespeople = () => salespersonNames(db);

  /** The paper of a confirmed receipt is the document frozen at confirm, marked as a copy. */
  /** A reprint never opens the drawer again. */
  const frozenCopy = (receiptId: string): PrintableReceipt => {
    const row = db
      // The first paper that is not a pro-forma printed before confirm (old jobs lack the field).
      .prepare(
        `SELECT document FROM print_jobs WHERE receipt_id = ? AND json_extract(document, '$.proForma') IS NOT 1
          ORDER BY created_at, rowid LIMIT 1`,
      )
      .get(receiptId) as { document: string } | undefined;
    if (!row) throw new PosError('receipt.not_found', `receipt ${receiptId} has no printout`);
    return { ...(JSON.parse(row.document) as PrintableReceipt), copy: true, openDrawer: false };
  };

  const proForma = (view: ReceiptView, printedAt: string): PrintableReceipt =>
    toPrintableReceipt(view, shop, { cashier: ctx.settings().cashierName, salespeople: salespeople(), proForma: true, printedAt });

  const paperOf = (receiptId: string, at: string): PrintableReceipt => {
    const view = ctx.view(receiptId);
    return view.status === 'confirmed' ? frozenCopy(receiptId) : proForma(view, at);
  };

  return {
    'receipt.confirm': ({ receiptId }: ParsedInput<'receipt.confirm'>): ReceiptView => {
      const confirmed = tx(() => {
        const r = ctx.loadDraft(receiptId);
        if (r.rows.length === 0) throw new PosError('receipt.empty', 'receipt has no rows');
        ctx.checkZeroPrices(r, ctx.settings());
        const draft = ctx.viewOf(r);
        if (draft.dueMinor > 0) throw new PosError('receipt.not_paid', 'receipt is not fully paid', { due: draft.dueMinor });
        if (draft.dueMinor < 0) throw new PosError('receipt.overpaid', 'paid more than the total', { over: -draft.dueMinor });
        const fiscalOn = deps.fiscal?.enabled() ?? false;
        if (fiscalOn) {
          // The fiscal printer would refuse a rate raised after it was lowered for the same
          // fiscal name: caught here, before a number is taken, with a way out in the message.
          const { ptuMap } = ctx.settings();
          const [violation] = taxLadderViolations(
            draft.rows.map((row) => ({ name: row.name, rateBp: row.vatRateBp })),
            ladderHistory(db, ptuMap),
            ptuMap,
          );
          if (violation) throw new PosError('fiscal.tax_ladder', 'tax ladder', { name: violation.name });
        }
        const confirmedAt = now();
        const number = repo.takeNextNumber(db, r.seriesCode);
        repo.markConfirmed(db, {
          id: receiptId,
          number,
          confirmedAt,
          totalMinor: draft.totalMinor,
          roundingMinor: draft.roundingMinor,
          roundingAccount: ctx.settings().roundingAccount,
        });
        repo.takeFromStock(db, draft.warehouseCode, r.rows);
        const result = ctx.view(receiptId);
        const settings = ctx.settings();
        // Queued in the same transaction as the sale: a crash after commit still prints, once.
        // The drawer opens only when cash moved (a card-only sale keeps it shut).
        const document = {
          ...toPrintableReceipt(result, shop, { cashier: settings.cashierName, salespeople: salespeople() }),
          openDrawer: settings.drawerOnCash && result.payments.some((p) => p.method === 'cash'),
          cardSlips: cardSlips(r.payments, settings.terminalSlips),
          qr: settings.receiptQr ? result.number : null,
          logo: settings.receiptLogo,
        };
        insertPrintJob(db, { id: ids.next(), receiptId, document: JSON.stringify(document), now: confirmedAt });
        if (fiscalOn) {
          // toFiscalReceipt refuses (fiscal.*) what the printer cannot register; the whole
          // confirm rolls back with it, number included.
          const fiscalDoc = toFiscalReceipt(result, settings.ptuMap);
          insertFiscalJob(db, { id: ids.next(), receiptId, document: JSON.stringify(fiscalDoc), now: confirmedAt });
        }
        return result;
      });
      deps.print.queued();
      deps.fiscal?.queued();
      return confirmed;
    },

    'receipt.preview': ({ receiptId }: ParsedInput<'receipt.preview'>) => ({ lines: deps.print.preview(paperOf(receiptId, now())) }),

    'receipt.print': ({ receiptId }: ParsedInput<'receipt.print'>): ReceiptView => {
      const printed = tx(() => {
        const at = now();
        const document = paperOf(receiptId, at);
        insertPrintJob(db, { id: ids.next(), receiptId, document: JSON.stringify(document), now: at });
        // A draft on paper (a pro-forma for the customer) may lock, by setting: what the customer
        // holds must match what is confirmed later.
        if (!document.copy) repo.markPrinted(db, receiptId, at);
        return ctx.view(receiptId);
      });
      deps.print.queued();
      return printed;
    },
  };
}
