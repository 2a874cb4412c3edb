import { PosError } from '../contract/errors.js';
import type { DaySalesView, ParsedInput, ZPdfView } from '../contract/api.js';
import { salesByQuarter, tendersByMethod } from '../db/day-sales-repo.js';
import * as days from '../db/days-repo.js';
import { salesByHour, salesByMethod } from '../domain/day-sales.js';
import { sumMinor } from '../domain/money.js';
import type { CallContext } from './context.js';
import { refuseBlind, zPaperOf, zReportName } from './day-views.js';
import type { CoreDeps, ReportFilesPort } from './ports.js';

/**
 * The owner's view of the till's days: a day's sales by hour and by payment method (the open day,
 * or a closed one by its Z number), and a closed day's Z report as a PDF to open on screen.
 * Nothing here writes: both read what the day's documents and its close froze.
 */
export function dayOwnerUseCases(deps: CoreDeps, files: ReportFilesPort) {
  const { db, shop } = deps;
  const till = () => shop.tillName;

  const closedDay = (zNumber: number): days.DayRecord => {
    const day = days.closedDayByZ(db, till(), zNumber);
    if (!day || day.closedAt === null) throw new PosError('day.not_found', `no Z report ${zNumber}`, { zNumber });
    return day;
  };

  const salesOf = (day: days.DayRecord, timeZone: string): DaySalesView => {
    const hours = salesByHour(salesByQuarter(db, day.id), timeZone);
    const salesMinor = sumMinor(hours.map((h) => h.salesMinor));
    const returnsMinor = sumMinor(hours.map((h) => h.returnsMinor));
    return {
      zNumber: day.zNumber,
      openedAt: day.openedAt,
      closedAt: day.closedAt,
      timeZone,
      hours,
      methods: salesByMethod(tendersByMethod(db, day.id)),
      salesMinor,
      returnsMinor,
      netMinor: sumMinor([salesMinor, returnsMinor]),
    };
  };

  return {
    handlers: {
      'day.sales': ({ zNumber }: ParsedInput<'day.sales'>, ctx: CallContext): DaySalesView | null => {
        refuseBlind(ctx);
        const day = zNumber === undefined ? days.openDay(db, till()) : closedDay(zNumber);
        return day ? salesOf(day, ctx.settings.timeZone) : null;
      },

      'day.zPdf': async ({ zNumber }: ParsedInput<'day.zPdf'>, ctx: CallContext): Promise<ZPdfView> => {
        refuseBlind(ctx);
        const day = closedDay(zNumber);
        const name = zReportName(zNumber);
        // The file the close saved; when the files lane has not written it (yet, or it failed),
        // the same report made now from the closed day's frozen figures.
        const saved = await files.read(name);
        const bytes = saved ?? (await files.render(zPaperOf(deps, ctx, day)));
        return {
          zNumber,
          fileName: `${name}.pdf`,
          contentType: 'application/pdf',
          base64: Buffer.from(bytes).toString('base64'),
          source: saved ? 'file' : 'rendered',
        };
      },
    },
  };
}
