import { z } from 'zod';

/** The till's day as the screen shows it: open with a float, its X report any time, closed with a Z report. */

const Int = z.number().int().safe();
const NonNegative = Int.nonnegative();

export const DenominationCount = z.object({ valueMinor: Int.positive(), count: Int.max(1_000_000) });
export type DenominationCount = z.infer<typeof DenominationCount>;

/** Where cash taken out goes. */
export const CashDirection = z.enum(['bank', 'collection', 'safe']);
export type CashDirection = z.infer<typeof CashDirection>;

const Numbers = z.object({ count: NonNegative, first: z.string().nullable(), last: z.string().nullable() });

/** X (running, no reset) or Z (at close) report: from the frozen facts of the day's documents. */
export const DayReportView = z.object({
  salesMinor: Int,
  /** Credit notes: negative. */
  returnsMinor: Int,
  netMinor: Int,
  roundingMinor: Int,
  receipts: Numbers,
  creditNotes: Numbers,
  vat: z.array(z.object({ rateBp: NonNegative, netMinor: Int, vatMinor: Int, grossMinor: Int })),
  tenders: z.array(z.object({ method: z.string(), amountMinor: Int })),
  discountMinor: Int,
  cashInMinor: Int,
  cashOutMinor: Int,
  differenceMinor: Int,
  drawerOpenings: NonNegative,
});
export type DayReportView = z.infer<typeof DayReportView>;

export const DayView = z.object({
  id: z.string(),
  openedAt: z.string(),
  openingFloatMinor: NonNegative,
  /** What the drawer should hold now (shown only where the close is not blind). */
  expectedMinor: Int,
  /** The notes and coins a count takes, highest first. */
  denominations: z.array(Int.positive()),
  report: DayReportView,
});
export type DayView = z.infer<typeof DayView>;

export const ClosedDayView = z.object({
  id: z.string(),
  zNumber: Int.positive(),
  openedAt: z.string(),
  closedAt: z.string(),
  openingFloatMinor: NonNegative,
  expectedMinor: Int,
  countedMinor: NonNegative,
  /** counted − expected, booked as its own movement. */
  differenceMinor: Int,
  /** Stays in the drawer: the next day's float. */
  remainsMinor: NonNegative,
  reason: z.string(),
  report: DayReportView,
});
export type ClosedDayView = z.infer<typeof ClosedDayView>;

export const CloseInput = z.object({
  /** The count by denominations; or `countedMinor` typed as a total. */
  counts: z.array(DenominationCount).optional(),
  countedMinor: NonNegative.max(100_000_000_000).optional(),
  cashOut: z.array(z.object({ direction: CashDirection, amountMinor: NonNegative.max(100_000_000_000), comment: z.string().trim().max(200).default('') })).default([]),
  /** Why the count differs from the documents (needed when it does). */
  reason: z.string().trim().max(200).default(''),
})
  // A close without a count would book the whole drawer as missing.
  .refine((c) => c.counts !== undefined || c.countedMinor !== undefined, { message: 'count the drawer or type the total', path: ['counts'] });
