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
  /** Totals per cashier (a report frozen before cashiers were recorded has none). */
  cashiers: z.array(z.object({ name: z.string(), count: NonNegative, totalMinor: Int })).default([]),
});
export type DayReportView = z.infer<typeof DayReportView>;

/** An article the close counts, with what the stock says now (thousandths). */
export const CountItemView = z.object({ articleId: z.string(), code: z.string(), name: z.string(), unit: z.string(), expectedMilli: Int });
export type CountItemView = z.infer<typeof CountItemView>;

/** An article as the close counted it: a row of the close's inventory document. */
export const InventoryRowView = CountItemView.extend({
  countedMilli: NonNegative,
  /** false: nobody counted it, so it was set to zero. */
  counted: z.boolean(),
  differenceMilli: Int,
});
export type InventoryRowView = z.infer<typeof InventoryRowView>;

/** How this till closes its day (its settings, as the close screen needs them). */
export const CloseSetup = z.object({
  /** The notes and coins a count takes, highest first; none: the total is typed. */
  denominations: z.array(Int.positive()),
  /** Where cash can go at close, in order; the first takes what is above the preset remains. */
  directions: z.array(CashDirection),
  /** What should stay in the register for tomorrow; 0: no preset. */
  remainsPresetMinor: NonNegative,
  /** Expected and difference are not shown to whoever closes. */
  blind: z.boolean(),
  /** A difference up to this needs no reason. */
  toleranceMinor: NonNegative,
  /** The articles counted at close. */
  inventory: z.array(CountItemView),
});
export type CloseSetup = z.infer<typeof CloseSetup>;

export const DayView = z.object({
  id: z.string(),
  openedAt: z.string(),
  openingFloatMinor: NonNegative,
  /** What the drawer should hold now; null in a blind close. */
  expectedMinor: Int.nullable(),
  /** The notes and coins a count takes, highest first (none: the total is typed). */
  denominations: z.array(Int.positive()),
  close: CloseSetup,
  /** The X report; null in a blind close (its cash figures tell what the drawer should hold). */
  report: DayReportView.nullable(),
});
export type DayView = z.infer<typeof DayView>;

/**
 * The location's summary of the day: documents by type and payments by method, from the day's
 * start or only what one cashier did; cash moved in and out by kind.
 */
export const DaySummaryView = z.object({
  /** Whose: null for everyone's. */
  cashier: z.string().nullable(),
  documents: z.array(z.object({ type: z.enum(['receipt', 'credit_note']), count: NonNegative, totalMinor: Int })),
  tenders: z.array(z.object({ method: z.string(), amountMinor: Int })),
  movements: z.array(z.object({ kind: z.enum(['cash_in', 'cash_out', 'difference']), count: NonNegative, amountMinor: Int })),
});
export type DaySummaryView = z.infer<typeof DaySummaryView>;

export const ClosedDayView = z.object({
  id: z.string(),
  zNumber: Int.positive(),
  openedAt: z.string(),
  closedAt: z.string(),
  openingFloatMinor: NonNegative,
  /** null: a blind close does not show it to whoever closed. */
  expectedMinor: Int.nullable(),
  countedMinor: NonNegative,
  /** counted − expected, booked as its own movement (null in a blind close). */
  differenceMinor: Int.nullable(),
  /** Stays in the drawer: the next day's float. */
  remainsMinor: NonNegative,
  reason: z.string(),
  /** The Z report's figures; null in a blind close. */
  report: DayReportView.nullable(),
  /** The close's stock count. */
  inventory: z.array(InventoryRowView),
});
export type ClosedDayView = z.infer<typeof ClosedDayView>;

export const CloseInput = z.object({
  /** The count by denominations; or `countedMinor` typed as a total. */
  counts: z.array(DenominationCount).optional(),
  countedMinor: NonNegative.max(100_000_000_000).optional(),
  cashOut: z.array(z.object({ direction: CashDirection, amountMinor: NonNegative.max(100_000_000_000), comment: z.string().trim().max(200).default('') })).default([]),
  /** Why the count differs from the documents (needed when it does, above the tolerance). */
  reason: z.string().trim().max(200).default(''),
  /** The stock count: articles left out of it are set to zero. */
  inventory: z.array(z.object({ articleId: z.string().min(1), countedMilli: NonNegative.max(1_000_000_000) })).default([]),
})
  // A close without a count would book the whole drawer as missing.
  .refine((c) => c.counts !== undefined || c.countedMinor !== undefined, { message: 'count the drawer or type the total', path: ['counts'] });
