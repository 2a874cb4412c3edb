import { describe, expect, it } from 'vitest';
import { salesByHour, salesByMethod, type QuarterTotal } from '../../../electron/domain/day-sales.js';

/**
 * A day's sums regrouped for the owner's charts: quarters of an hour (UTC) into the hours of the
 * shop's clock, whatever its zone and its summer time; payment methods into taken and paid back.
 */

const q = (quarter: string, totalMinor: number, type: QuarterTotal['type'] = 'receipt'): QuarterTotal => ({ quarter, type, documents: 1, totalMinor });
const hours = (list: ReturnType<typeof salesByHour>) => list.map((h) => [h.date, h.hour, h.netMinor]);

describe('sales by hour of the shop clock', () => {
  it('puts the hour the clocks go back twice into one hour, and every quarter into its own hour', () => {
    // Tallinn, 25 October 2026: 04:00 summer time becomes 03:00 winter time (01:00 UTC).
    const list = salesByHour([q('2026-10-25T00:30:00Z', 100), q('2026-10-25T01:30:00Z', 200), q('2026-10-25T01:45:00Z', -50, 'credit_note')], 'Europe/Tallinn');
    expect(hours(list)).toEqual([['2026-10-25', 3, 250]]);
    expect(list[0]).toMatchObject({ salesMinor: 300, returnsMinor: -50, receipts: 2, creditNotes: 1 });
  });

  it('fills the quiet hours of a day up to a day and a half long, and lists only the selling hours of a longer one', () => {
    expect(hours(salesByHour([q('2026-11-22T08:00:00Z', 100), q('2026-11-22T10:15:00Z', 100)], 'UTC'))).toEqual([
      ['2026-11-22', 8, 100],
      ['2026-11-22', 9, 0],
      ['2026-11-22', 10, 100],
    ]);
    expect(hours(salesByHour([q('2026-11-22T08:00:00Z', 100), q('2026-11-24T08:00:00Z', 100)], 'UTC'))).toEqual([
      ['2026-11-22', 8, 100],
      ['2026-11-24', 8, 100],
    ]);
    expect(salesByHour([], 'UTC')).toEqual([]);
  });
});

describe('sales by payment method', () => {
  it('splits what receipts took from what credit notes paid back, in the order given', () => {
    expect(
      salesByMethod([
        { method: 'cash', type: 'receipt', amountMinor: 2725 },
        { method: 'cash', type: 'credit_note', amountMinor: -1225 },
        { method: 'card', type: 'receipt', amountMinor: 2500 },
      ]),
    ).toEqual([
      { method: 'cash', salesMinor: 2725, refundsMinor: -1225, netMinor: 1500 },
      { method: 'card', salesMinor: 2500, refundsMinor: 0, netMinor: 2500 },
    ]);
  });
});
