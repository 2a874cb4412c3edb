import type { CallContext } from './context.js';
import { shopDay } from './credit-view.js';
import type { CoreDeps } from './ports.js';

/**
 * The devices that keep a day of their own close it with the till's: the card terminal its batch
 * (end of day), the fiscal printer its daily report. Queued in the close's transaction, carried
 * out afterwards each exactly once, so a terminal or printer that is off never blocks the close:
 * its effect waits in the outbox until the device answers.
 */
export function closeDayOnDevices(
  deps: Pick<CoreDeps, 'outbox' | 'terminal' | 'fiscal'>,
  ctx: CallContext,
  day: { zNumber: number; dayId: string; openedAt: string },
): void {
  const { timeZone } = ctx.settings;
  const closed = { ...day, closedAt: ctx.now, date: shopDay(ctx.now, timeZone), timeZone };
  // A terminal without an end of day (none, the stand-in) has no day to close.
  if (deps.terminal.closesDay?.() === true) deps.outbox.enqueue('terminal.endOfDay', closed);
  if (deps.fiscal.enabled()) deps.outbox.enqueue('fiscal.dailyReport', closed);
}
