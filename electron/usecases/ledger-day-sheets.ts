import { daySalesFacts, dayWriteOffs } from '../db/ledger-day-repo.js';
import { ACCOUNTS, goodsTransaction, saleTransaction } from '../domain/ledger-posting.js';
import { D, toMinor } from '../domain/money.js';
import type { CallContext } from './context.js';
import { queueLedgerDocument } from './ledger-effects.js';
import type { CoreDeps } from './ports.js';

/**
 * The daily shapes, sent at the close in its transaction: the day's sales as one sheet per VAT
 * rate and payment method (credit notes netted in, the rows summed per article, sales and returns
 * apart), and the goods written off as one daily sheet. Numbered by the Z report (ZS12, ZW12), so
 * a sheet has one key however often the close's effects are tried.
 *
 * The sheets hold whatever of the day did not go one by one, whichever shape is set now: a shape
 * switched mid-day (either way) sends every document once, alone or in the sheet. With the
 * per-document shapes all day long, there is nothing left and no sheet.
 */
export function ledgerDaySheets(deps: Pick<CoreDeps, 'db' | 'outbox' | 'shop' | 'ledger'>, ctx: CallContext, day: { id: string; zNumber: number }): void {
  if (!(deps.ledger?.enabled() ?? false)) return;
  {
    const f = daySalesFacts(deps.db, day.id);
    if (f.sales + f.creditNotes > 0) {
      queueLedgerDocument(deps, ctx, {
        type: 'sale',
        at: f.lastConfirmedAt ?? ctx.now,
        number: `ZS${day.zNumber}`,
        description: `Daily sales Z${day.zNumber}: ${f.sales} receipts, ${f.creditNotes} credit note(s)`,
        postings: saleTransaction({
          currency: deps.shop.currency,
          vat: f.vat,
          tenders: f.tenders,
          roundingMinor: f.roundingMinor,
          roundingAccount: f.roundingAccount ?? ctx.settings.roundingAccount,
        }),
        lines: f.lines
          .filter((l) => l.quantityMilli !== 0 || l.sumMinor !== 0)
          .map((l) => ({
            code: l.code,
            name: l.name,
            barcode: l.barcode,
            quantityMilli: l.quantityMilli,
            unit: l.unit,
            // The day's average price, for ledgers that want one; the sum is what counts.
            unitPriceMinor: l.quantityMilli === 0 ? 0 : toMinor(new D(l.sumMinor).mul(1000).div(l.quantityMilli)),
            discountMinor: l.discountMinor,
            sumMinor: l.sumMinor,
            vatRateBp: l.vatRateBp,
          })),
        payments: f.tenders,
        vat: f.vat,
      });
    }
  }
  {
    const rows = dayWriteOffs(deps.db, day.id).map((r) => ({ ...r, warehouse: r.warehouse || ctx.settings.defaultWarehouse }));
    if (rows.length > 0) {
      const warehouses = [...new Set(rows.map((r) => r.warehouse))];
      queueLedgerDocument(deps, ctx, {
        type: 'write_off',
        number: `ZW${day.zNumber}`,
        description: `Daily write-off sheet Z${day.zNumber}`,
        postings: warehouses.flatMap((w) => goodsTransaction(w, ACCOUNTS.writeOff, rows.filter((r) => r.warehouse === w))),
        lines: rows.map((r) => ({ code: r.code, name: r.name, barcode: r.barcode, quantityMilli: r.quantityMilli, unit: r.unit, unitPriceMinor: 0, discountMinor: 0, sumMinor: 0, vatRateBp: r.vatRateBp })),
      });
    }
  }
}
