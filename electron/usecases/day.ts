import { PosError } from '../contract/errors.js';
import type { CloseSetup, DayView, ParsedInput } from '../contract/api.js';
import * as days from '../db/days-repo.js';
import { cashierFigures, daySummary, insertInventory } from '../db/close-repo.js';
import { closeCash, dayReport, differenceNeedsReason, expectedInRegister, type DayReport } from '../domain/day-close.js';
import { countInventory } from '../domain/close-inventory.js';
import type { CallContext } from './context.js';
import { closeDayOnDevices } from './day-close-devices.js';
import { closedView, closeSetup, countOf, dayPaper, refuseBlind, zPaperOf, zReportName } from './day-views.js';
import { ledgerDaySheets } from './ledger-day-sheets.js';
import { ledgerCashMovement, ledgerInventory } from './ledger-effects.js';
import type { CoreDeps } from './ports.js';

export { zReportName } from './day-views.js';

/**
 * The till's day: opened with a float (on purpose, or by the first confirm with the float the
 * last close left), cash moved in and out with a reason, the X report any time, and the close —
 * count, cash out, difference, stock count, Z number and report — in one transaction.
 */
export function dayUseCases(deps: CoreDeps) {
  const { db, ids, tx } = deps;
  const till = () => deps.shop.tillName;

  const open = (ctx: CallContext, floatMinor: number): days.DayRecord => {
    const day = { id: ids.next(), till: till(), openedAt: ctx.now, openingFloatMinor: floatMinor };
    days.insertDay(db, day);
    return { ...day, closedAt: null, zNumber: null, expectedMinor: null, countedMinor: null, differenceMinor: null, remainsMinor: null, differenceReason: '', report: null, paper: null };
  };

  /** The day's report: its documents summed once, its movements and cashiers (cheap) added to them. */
  const reportOf = (day: { id: string; openedAt: string; closedAt: string | null }, documents = days.documentFigures(db, day.id)): DayReport =>
    dayReport({ ...documents, ...days.movementFigures(db, day), cashiers: cashierFigures(db, day.id) });

  const expectedOf = (day: days.DayRecord, report: DayReport) =>
    expectedInRegister({
      openingFloatMinor: day.openingFloatMinor,
      cashTendersMinor: report.tenders.find((t) => t.method === 'cash')?.amountMinor ?? 0,
      cashInMinor: report.cashInMinor,
      cashOutMinor: report.cashOutMinor,
    });

  /** `documents`: the day's documents already summed in this call (nothing confirmed since). */
  const viewOf = (ctx: CallContext, day: days.DayRecord, setup: CloseSetup = closeSetup(deps, ctx), documents = days.documentFigures(db, day.id)): DayView => {
    const report = reportOf(day, documents);
    const expectedMinor = expectedOf(day, report);
    return {
      id: day.id,
      openedAt: day.openedAt,
      openingFloatMinor: day.openingFloatMinor,
      expectedMinor: setup.blind ? null : expectedMinor,
      denominations: setup.denominations,
      close: setup,
      report: setup.blind ? null : report,
    };
  };

  const currentDay = (): days.DayRecord => {
    const day = days.openDay(db, till());
    if (!day) throw new PosError('day.not_open', 'the day is not open');
    return day;
  };

  return {
    /**
     * The day a document being confirmed belongs to: the open one, else (by setting) one opened
     * now with the float the last close left.
     */
    dayForConfirm(ctx: CallContext): string {
      const day = days.openDay(db, till());
      if (day) return day.id;
      if (!ctx.settings.dayAutoOpen) throw new PosError('day.not_open', 'open the day before the first sale');
      return open(ctx, days.lastClosedDay(db, till())?.remainsMinor ?? 0).id;
    },

    handlers: {
      'day.current': (_: unknown, ctx: CallContext): DayView | null => {
        const day = days.openDay(db, till());
        return day ? viewOf(ctx, day) : null;
      },

      'day.setup': (_: unknown, ctx: CallContext): CloseSetup => closeSetup(deps, ctx),

      'day.summary': ({ cashierOnly }: ParsedInput<'day.summary'>, ctx: CallContext) => {
        refuseBlind(ctx);
        return daySummary(db, currentDay().id, cashierOnly ? ctx.actor.name : null);
      },

      'day.open': ({ floatMinor, counts }: ParsedInput<'day.open'>, ctx: CallContext): DayView =>
        tx(() => {
          if (days.openDay(db, till())) throw new PosError('day.already_open', 'the day is open already');
          const setup = closeSetup(deps, ctx);
          // Nothing counted or typed: the float the last close left in the drawer.
          const given = counts !== undefined || floatMinor !== undefined;
          const float = given ? countOf(setup.denominations, { counts, total: floatMinor }, 'floatMinor') : (days.lastClosedDay(db, till())?.remainsMinor ?? 0);
          return viewOf(ctx, open(ctx, float), setup);
        }),

      'day.cash': ({ kind, amountMinor, reason }: ParsedInput<'day.cash'>, ctx: CallContext): DayView =>
        tx(() => {
          if (amountMinor <= 0) throw new PosError('day.amount_invalid', 'the amount must be more than zero', { field: 'amountMinor' });
          const day = currentDay();
          // Summed once for the check and the answer: a cash movement changes no document.
          const documents = days.documentFigures(db, day.id);
          // A blind close does not tell how much is in the register, not even by refusing more
          // (a cashier could narrow it down): what is missing shows in the close's difference.
          if (kind === 'cash_out' && !ctx.settings.closeBlind) {
            const inRegister = expectedOf(day, reportOf(day, documents));
            if (amountMinor > inRegister) throw new PosError('day.cash_out_above_register', 'more than is in the register', { expectedMinor: inRegister, field: 'amountMinor' });
          }
          const number = days.nextMovementNumber(db);
          const movement = { id: ids.next(), dayId: day.id, kind, direction: kind === 'cash_in' ? 'change' : 'out', amountMinor, comment: reason, now: ctx.now, cashier: ctx.actor.name, number };
          days.insertMovement(db, movement);
          ledgerCashMovement(deps, ctx, movement);
          // The drawer opens for the money (the device log says why); the paper goes with the money.
          deps.outbox.enqueue('print.drawer', { reason: `${kind === 'cash_in' ? 'cash in' : 'cash out'}: ${reason}` });
          deps.outbox.enqueue('print.movement', {
            kind,
            amountMinor,
            reason,
            shopName: ctx.settings.shopName,
            tillName: ctx.settings.tillName,
            cashier: ctx.actor.name,
            at: ctx.now,
            timeZone: ctx.settings.timeZone,
            locale: ctx.locale,
            currency: deps.shop.currency,
          });
          return viewOf(ctx, day, closeSetup(deps, ctx), documents);
        }),

      'day.close': (input: ParsedInput<'day.close'>, ctx: CallContext) =>
        tx(() => {
          const day = currentDay();
          const setup = closeSetup(deps, ctx);
          // Money already in the drawer (or paid out) for a receipt not confirmed yet would count
          // in tonight's count but in tomorrow's documents: those receipts are finished first.
          const open = days.draftsWithPayments(db);
          if (open > 0) throw new PosError('day.open_payments', 'receipts with payments are not confirmed', { count: open });
          const inventory = countInventory(setup.inventory, input.inventory);
          if (!inventory.ok) throw new PosError('day.inventory_invalid', `cannot count ${inventory.articleId}: ${inventory.reason}`, { reason: inventory.reason, articleId: inventory.articleId, field: 'inventory' });
          // The documents are summed once: nothing else is confirmed inside this transaction.
          const documents = days.documentFigures(db, day.id);
          const before = reportOf(day, documents);
          const expectedMinor = expectedOf(day, before);
          const countedMinor = countOf(setup.denominations, { counts: input.counts, total: input.countedMinor }, 'counts');
          const closed = closeCash({ expectedMinor, countedMinor, cashOut: input.cashOut });
          if (!closed.ok) {
            throw closed.reason === 'cash_out_above_register'
              ? new PosError('day.cash_out_above_register', 'more out than was counted', { countedMinor, field: 'cashOut' })
              : new PosError('day.amount_invalid', 'amounts cannot be negative', { field: 'cashOut' });
          }
          if (input.cashOut.some((o) => o.amountMinor > 0 && !setup.directions.includes(o.direction))) {
            throw new PosError('day.direction_not_set', 'cash cannot go there at this till', { field: 'cashOut' });
          }
          const { differenceMinor, remainsMinor } = closed.cash;
          // Whoever closes blind cannot know there is a difference, so cannot be asked why.
          if (!setup.blind && differenceNeedsReason(differenceMinor, setup.toleranceMinor) && input.reason === '') {
            throw new PosError('day.difference_needs_reason', 'say why the count differs', { differenceMinor, field: 'reason' });
          }
          // 1. Every document of the close, while the day is still open.
          for (const out of input.cashOut.filter((o) => o.amountMinor > 0)) {
            days.insertMovement(db, { id: ids.next(), dayId: day.id, kind: 'cash_out', direction: out.direction, amountMinor: out.amountMinor, comment: out.comment, now: ctx.now, cashier: ctx.actor.name });
          }
          if (differenceMinor !== 0) {
            days.insertMovement(db, { id: ids.next(), dayId: day.id, kind: 'difference', direction: 'cash difference', amountMinor: differenceMinor, comment: input.reason, now: ctx.now, cashier: ctx.actor.name });
          }
          if (inventory.rows.length > 0) {
            insertInventory(db, { id: ids.next(), dayId: day.id, warehouseCode: ctx.settings.defaultWarehouse, now: ctx.now, rows: inventory.rows });
          }
          // 2. The Z number and the report, frozen with the closed day.
          // The close's own cash out is its own line (the report's cash out is the day's, which the expected amount counts).
          const report: DayReport = { ...before, differenceMinor };
          const zNumber = days.nextZNumber(db, till());
          const cash = { floatMinor: day.openingFloatMinor, expectedMinor, countedMinor, differenceMinor, cashOutMinor: closed.cash.cashOutMinor, remainsMinor, reason: input.reason };
          const z = dayPaper(deps, ctx, 'z', day, report, { zNumber, cash, inventory: inventory.rows });
          const record = {
            ...day,
            closedAt: ctx.now,
            zNumber,
            expectedMinor,
            countedMinor,
            differenceMinor,
            remainsMinor,
            differenceReason: input.reason,
            report: JSON.stringify(report),
            paper: JSON.stringify(z),
          };
          days.markClosed(db, { ...record, reason: input.reason, report: record.report, paper: record.paper });
          // The close's documents to the ledger, numbered by the Z report they belong to: the day's
          // sheets (in the daily shapes) first, then the cash taken out, the difference, the count.
          ledgerDaySheets(deps, ctx, { id: day.id, zNumber });
          for (const out of input.cashOut.filter((o) => o.amountMinor > 0)) {
            ledgerCashMovement(deps, ctx, { number: `Z${zNumber}-${out.direction}`, kind: 'cash_out', direction: out.direction, amountMinor: out.amountMinor, comment: out.comment });
          }
          if (differenceMinor !== 0) ledgerCashMovement(deps, ctx, { number: `Z${zNumber}-difference`, kind: 'difference', direction: 'difference', amountMinor: differenceMinor, comment: input.reason });
          ledgerInventory(deps, ctx, { number: `Z${zNumber}-stock`, warehouse: ctx.settings.defaultWarehouse, rows: inventory.rows });
          // 3. The Z report on paper, through the outbox: a printer that is off never blocks the close.
          deps.outbox.enqueue('print.report', z);
          deps.outbox.enqueue('file.report', { name: zReportName(zNumber), report: z });
          closeDayOnDevices(deps, ctx, { zNumber, dayId: day.id, openedAt: day.openedAt });
          const after = days.openDay(db, till());
          if (after) throw new Error('the day is still open after its close');
          return closedView(deps, record, setup.blind, inventory.rows);
        }),

      'day.printX': (_: unknown, ctx: CallContext) =>
        tx(() => {
          refuseBlind(ctx);
          const day = currentDay();
          deps.outbox.enqueue('print.report', dayPaper(deps, ctx, 'x', day, reportOf(day), {}));
          return { queued: true as const };
        }),

      'day.printZ': ({ zNumber }: ParsedInput<'day.printZ'>, ctx: CallContext) =>
        tx(() => {
          refuseBlind(ctx);
          const day = days.closedDayByZ(db, till(), zNumber);
          if (!day) throw new PosError('day.not_found', `no Z report ${zNumber}`, { zNumber });
          // As it was closed: its paper as the close made it; only the COPY mark is new.
          deps.outbox.enqueue('print.report', { ...zPaperOf(deps, ctx, day), copy: true });
          return { queued: true as const };
        }),

      'day.zReports': ({ limit }: ParsedInput<'day.zReports'>, ctx: CallContext) =>
        days.closedDays(db, till(), limit).map((day) => closedView(deps, day, ctx.settings.closeBlind)),
    },
  };
}
