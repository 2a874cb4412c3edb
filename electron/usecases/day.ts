import { PosError } from '../contract/errors.js';
import type { ClosedDayView, DayView, ParsedInput } from '../contract/api.js';
import * as days from '../db/days-repo.js';
import { closeCash, countedTotal, DENOMINATIONS, dayReport, differenceNeedsReason, expectedInRegister, type DayReport } from '../domain/day-close.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import type { PrintableDayReport } from './printable.js';

/** The file name of a Z report's PDF in the data directory's reports folder. */
export const zReportName = (zNumber: number): string => `Z-${String(zNumber).padStart(6, '0')}`;

/** A count by denominations, or a total typed; what a count cannot be is refused with the field. */
function countOf(denominations: readonly number[], input: { counts?: { valueMinor: number; count: number }[] | undefined; total?: number | undefined }, field: string): number {
  if (input.counts && input.counts.length > 0) {
    const counted = countedTotal(denominations, input.counts);
    if (!counted.ok) throw new PosError('day.count_invalid', `cannot count ${counted.valueMinor}: ${counted.reason}`, { reason: counted.reason, valueMinor: counted.valueMinor, field });
    return counted.totalMinor;
  }
  return input.total ?? 0;
}

/**
 * The till's day: opened with a float (on purpose, or by the first confirm with the float the
 * last close left), cash moved in and out with a reason, the X report any time, and the close —
 * count, cash out, difference, Z number and report — in one transaction.
 */
export function dayUseCases(deps: CoreDeps) {
  const { db, ids, tx, shop } = deps;
  const till = () => shop.tillName;
  const denominations = (): readonly number[] => DENOMINATIONS[shop.currency] ?? [];

  const open = (ctx: CallContext, floatMinor: number): days.DayRecord => {
    const day = { id: ids.next(), till: till(), openedAt: ctx.now, openingFloatMinor: floatMinor };
    days.insertDay(db, day);
    return { ...day, closedAt: null, zNumber: null, expectedMinor: null, countedMinor: null, differenceMinor: null, remainsMinor: null, differenceReason: '', report: null };
  };

  /** The day's report: its documents summed once, its movements (cheap) added to them. */
  const reportOf = (day: { id: string; openedAt: string; closedAt: string | null }, documents = days.documentFigures(db, day.id)): DayReport =>
    dayReport({ ...documents, ...days.movementFigures(db, day) });

  const expectedOf = (day: days.DayRecord, report: DayReport) =>
    expectedInRegister({
      openingFloatMinor: day.openingFloatMinor,
      cashTendersMinor: report.tenders.find((t) => t.method === 'cash')?.amountMinor ?? 0,
      cashInMinor: report.cashInMinor,
      cashOutMinor: report.cashOutMinor,
    });

  const viewOf = (day: days.DayRecord): DayView => {
    const report = reportOf(day);
    return { id: day.id, openedAt: day.openedAt, openingFloatMinor: day.openingFloatMinor, expectedMinor: expectedOf(day, report), denominations: [...denominations()], report };
  };

  const closedView = (day: days.DayRecord): ClosedDayView => {
    if (day.closedAt === null || day.zNumber === null || day.report === null) throw new Error(`day ${day.id} is not closed`);
    return {
      id: day.id,
      zNumber: day.zNumber,
      openedAt: day.openedAt,
      closedAt: day.closedAt,
      openingFloatMinor: day.openingFloatMinor,
      expectedMinor: day.expectedMinor ?? 0,
      countedMinor: day.countedMinor ?? 0,
      differenceMinor: day.differenceMinor ?? 0,
      remainsMinor: day.remainsMinor ?? 0,
      reason: day.differenceReason,
      report: JSON.parse(day.report) as DayReport,
    };
  };

  const currentDay = (): days.DayRecord => {
    const day = days.openDay(db, till());
    if (!day) throw new PosError('day.not_open', 'the day is not open');
    return day;
  };

  const paper = (ctx: CallContext, kind: 'x' | 'z', day: days.DayRecord, report: DayReport, extra: Partial<PrintableDayReport>): PrintableDayReport => ({
    kind,
    zNumber: null,
    shopName: ctx.settings.shopName,
    tillName: ctx.settings.tillName,
    openedAt: day.openedAt,
    at: ctx.now,
    timeZone: ctx.settings.timeZone,
    locale: ctx.locale,
    currency: shop.currency,
    copy: false,
    ...report,
    ...extra,
  });

  return {
    /** The day a document being confirmed belongs to: the open one, else one opened now with the float the last close left. */
    dayForConfirm(ctx: CallContext): string {
      const day = days.openDay(db, till());
      if (day) return day.id;
      return open(ctx, days.lastClosedDay(db, till())?.remainsMinor ?? 0).id;
    },

    handlers: {
      'day.current': (): DayView | null => {
        const day = days.openDay(db, till());
        return day ? viewOf(day) : null;
      },

      'day.open': ({ floatMinor, counts }: ParsedInput<'day.open'>, ctx: CallContext): DayView =>
        tx(() => {
          if (days.openDay(db, till())) throw new PosError('day.already_open', 'the day is open already');
          // Nothing counted or typed: the float the last close left in the drawer.
          const given = counts !== undefined || floatMinor !== undefined;
          return viewOf(open(ctx, given ? countOf(denominations(), { counts, total: floatMinor }, 'floatMinor') : (days.lastClosedDay(db, till())?.remainsMinor ?? 0)));
        }),

      'day.cash': ({ kind, amountMinor, reason }: ParsedInput<'day.cash'>, ctx: CallContext): DayView =>
        tx(() => {
          if (amountMinor <= 0) throw new PosError('day.amount_invalid', 'the amount must be more than zero', { field: 'amountMinor' });
          const day = currentDay();
          if (kind === 'cash_out') {
            const inRegister = viewOf(day).expectedMinor;
            if (amountMinor > inRegister) throw new PosError('day.cash_out_above_register', 'more than is in the register', { expectedMinor: inRegister, field: 'amountMinor' });
          }
          days.insertMovement(db, { id: ids.next(), dayId: day.id, kind, direction: kind === 'cash_in' ? 'change' : 'out', amountMinor, comment: reason, now: ctx.now });
          // The drawer opens for the money; the device log says why.
          deps.outbox.enqueue('print.drawer', { reason: `${kind === 'cash_in' ? 'cash in' : 'cash out'}: ${reason}` });
          return viewOf(day);
        }),

      'day.close': (input: ParsedInput<'day.close'>, ctx: CallContext): ClosedDayView =>
        tx(() => {
          const day = currentDay();
          // Money already in the drawer (or paid out) for a receipt not confirmed yet would count
          // in tonight's count but in tomorrow's documents: those receipts are finished first.
          const open = days.draftsWithPayments(db);
          if (open > 0) throw new PosError('day.open_payments', 'receipts with payments are not confirmed', { count: open });
          // The documents are summed once: nothing else is confirmed inside this transaction.
          const documents = days.documentFigures(db, day.id);
          const before = reportOf(day, documents);
          const expectedMinor = expectedOf(day, before);
          const countedMinor = countOf(denominations(), { counts: input.counts, total: input.countedMinor }, 'counts');
          const closed = closeCash({ expectedMinor, countedMinor, cashOut: input.cashOut });
          if (!closed.ok) {
            throw closed.reason === 'cash_out_above_register'
              ? new PosError('day.cash_out_above_register', 'more out than was counted', { countedMinor, field: 'cashOut' })
              : new PosError('day.amount_invalid', 'amounts cannot be negative', { field: 'cashOut' });
          }
          const { differenceMinor, remainsMinor } = closed.cash;
          if (differenceNeedsReason(differenceMinor, 0) && input.reason === '') {
            throw new PosError('day.difference_needs_reason', 'say why the count differs', { differenceMinor, field: 'reason' });
          }
          // 1. Every document of the close, while the day is still open.
          for (const out of input.cashOut.filter((o) => o.amountMinor > 0)) {
            days.insertMovement(db, { id: ids.next(), dayId: day.id, kind: 'cash_out', direction: out.direction, amountMinor: out.amountMinor, comment: out.comment, now: ctx.now });
          }
          if (differenceMinor !== 0) {
            days.insertMovement(db, { id: ids.next(), dayId: day.id, kind: 'difference', direction: 'cash difference', amountMinor: differenceMinor, comment: input.reason, now: ctx.now });
          }
          // 2. The Z number and the report, frozen with the closed day.
          // The close's own cash out is its own line (the report's cash out is the day's, which the expected amount counts).
          const report: DayReport = { ...before, differenceMinor };
          const zNumber = days.nextZNumber(db, till());
          days.markClosed(db, {
            id: day.id,
            closedAt: ctx.now,
            zNumber,
            expectedMinor,
            countedMinor,
            differenceMinor,
            remainsMinor,
            reason: input.reason,
            report: JSON.stringify(report),
          });
          // 3. The Z report on paper, through the outbox: a printer that is off never blocks the close.
          const cash = { floatMinor: day.openingFloatMinor, expectedMinor, countedMinor, differenceMinor, cashOutMinor: closed.cash.cashOutMinor, remainsMinor, reason: input.reason };
          const z = paper(ctx, 'z', day, report, { zNumber, cash });
          deps.outbox.enqueue('print.report', z);
          deps.outbox.enqueue('file.report', { name: zReportName(zNumber), report: z });
          const after = days.openDay(db, till());
          if (after) throw new Error('the day is still open after its close');
          return closedView({ ...day, closedAt: ctx.now, zNumber, expectedMinor, countedMinor, differenceMinor, remainsMinor, differenceReason: input.reason, report: JSON.stringify(report) });
        }),

      'day.printX': (_: unknown, ctx: CallContext) =>
        tx(() => {
          const day = currentDay();
          deps.outbox.enqueue('print.report', paper(ctx, 'x', day, reportOf(day), {}));
          return { queued: true as const };
        }),

      'day.printZ': ({ zNumber }: ParsedInput<'day.printZ'>, ctx: CallContext) =>
        tx(() => {
          const day = days.closedDayByZ(db, till(), zNumber);
          if (!day) throw new PosError('day.not_found', `no Z report ${zNumber}`, { zNumber });
          const z = closedView(day);
          const cash = {
            floatMinor: z.openingFloatMinor,
            expectedMinor: z.expectedMinor,
            countedMinor: z.countedMinor,
            differenceMinor: z.differenceMinor,
            cashOutMinor: z.countedMinor - z.remainsMinor,
            remainsMinor: z.remainsMinor,
            reason: z.reason,
          };
          // As it was closed: its frozen figures and time; only the COPY mark is new.
          deps.outbox.enqueue('print.report', paper(ctx, 'z', day, z.report, { zNumber, cash, at: z.closedAt, copy: true }));
          return { queued: true as const };
        }),

      'day.zReports': ({ limit }: ParsedInput<'day.zReports'>): ClosedDayView[] => days.closedDays(db, till(), limit).map(closedView),
    },
  };
}
