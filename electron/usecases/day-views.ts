import { PosError } from '../contract/errors.js';
import type { ClosedDayView, CloseSetup } from '../contract/api.js';
import type { DayRecord } from '../db/days-repo.js';
import { countItems, inventoryOf } from '../db/close-repo.js';
import { countedTotal, DENOMINATIONS, type DayReport } from '../domain/day-close.js';
import type { InventoryRow } from '../domain/close-inventory.js';
import type { CallContext } from './context.js';
import type { CoreDeps } from './ports.js';
import { PrintableDayReport } from './printable.js';

/** The file name of a Z report's PDF in the data directory's reports folder. */
export const zReportName = (zNumber: number): string => `Z-${String(zNumber).padStart(6, '0')}`;

/** A count by denominations, or a total typed; what a count cannot be is refused with the field. */
export function countOf(
  denominations: readonly number[],
  input: { counts?: { valueMinor: number; count: number }[] | undefined; total?: number | undefined },
  field: string,
): number {
  if (input.counts && input.counts.length > 0) {
    const counted = countedTotal(denominations, input.counts);
    if (!counted.ok) throw new PosError('day.count_invalid', `cannot count ${counted.valueMinor}: ${counted.reason}`, { reason: counted.reason, valueMinor: counted.valueMinor, field });
    return counted.totalMinor;
  }
  return input.total ?? 0;
}

/** A blind close keeps the day's figures from whoever closes: they tell what the drawer should hold. */
export function refuseBlind(ctx: CallContext): void {
  if (ctx.settings.closeBlind) throw new PosError('day.blind', 'this till closes blind: the figures are for the manager');
}

/** How this till closes, from the settings read once for the call. */
export function closeSetup(deps: CoreDeps, ctx: CallContext): CloseSetup {
  const s = ctx.settings;
  return {
    denominations: s.closeByDenominations ? [...(DENOMINATIONS[deps.shop.currency] ?? [])] : [],
    directions: s.closeCashOut,
    remainsPresetMinor: s.closeRemainsMinor,
    blind: s.closeBlind,
    toleranceMinor: s.closeToleranceMinor,
    inventory: countItems(deps.db, s.defaultWarehouse, s.closeCountArticles),
  };
}

/** A closed day as the screen shows it; a blind close keeps expected and difference from whoever closes. */
export function closedView(deps: CoreDeps, day: DayRecord, blind: boolean, inventory: InventoryRow[] = inventoryOf(deps.db, day.id)): ClosedDayView {
  if (day.closedAt === null || day.zNumber === null || day.report === null) throw new Error(`day ${day.id} is not closed`);
  return {
    id: day.id,
    zNumber: day.zNumber,
    openedAt: day.openedAt,
    closedAt: day.closedAt,
    openingFloatMinor: day.openingFloatMinor,
    expectedMinor: blind ? null : (day.expectedMinor ?? 0),
    countedMinor: day.countedMinor ?? 0,
    differenceMinor: blind ? null : (day.differenceMinor ?? 0),
    remainsMinor: day.remainsMinor ?? 0,
    reason: day.differenceReason,
    report: blind ? null : (JSON.parse(day.report) as DayReport),
    inventory,
  };
}

/**
 * A closed day's Z report as paper: the one the close made (letterhead, language and figures as
 * they were); for a day closed before papers were kept, made from its frozen figures with today's
 * letterhead.
 */
export function zPaperOf(deps: CoreDeps, ctx: CallContext, day: DayRecord): PrintableDayReport {
  if (day.paper !== null) return PrintableDayReport.parse(JSON.parse(day.paper));
  const z = closedView(deps, day, false);
  if (z.report === null) throw new Error(`day ${day.id} has no report`);
  const cash = {
    floatMinor: z.openingFloatMinor,
    expectedMinor: z.expectedMinor ?? 0,
    countedMinor: z.countedMinor,
    differenceMinor: z.differenceMinor ?? 0,
    cashOutMinor: z.countedMinor - z.remainsMinor,
    remainsMinor: z.remainsMinor,
    reason: z.reason,
  };
  return dayPaper(deps, ctx, 'z', day, z.report, { zNumber: z.zNumber, cash, at: z.closedAt, inventory: z.inventory });
}

/** The X or Z report as paper: figures decided here, words in the printout's language. */
export function dayPaper(
  deps: CoreDeps,
  ctx: CallContext,
  kind: 'x' | 'z',
  day: { openedAt: string },
  report: DayReport,
  extra: Partial<PrintableDayReport>,
): PrintableDayReport {
  return {
    kind,
    zNumber: null,
    shopName: ctx.settings.shopName,
    tillName: ctx.settings.tillName,
    openedAt: day.openedAt,
    at: ctx.now,
    timeZone: ctx.settings.timeZone,
    locale: ctx.locale,
    currency: deps.shop.currency,
    copy: false,
    ...report,
    ...extra,
  };
}
