import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
  // Each generated row stays a row of its own.
  await core.ok('settings.update', { transferEnabled: true, mergeScans: false });
});
afterAll(async () => {
  await core.close();
});

const CODES = ['1001', '1003', '1203', '1205', '1301', '1601', '1702'];
type Step = { method: 'cash' | 'card' | 'transfer'; share: number };

/**
 * Whole sales through the real core and SQLite: random rows and discounts, random partial
 * payments in any order, then a last payment that settles. Whatever the path, the books balance.
 */
describe('any sale, paid in any order, balances to the cent (property, real core)', () => {
  it('Σ payments = turnover + rounding; rounding only from a settling cash payment, ≤ 2 cents; change only from cash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ code: fc.constantFrom(...CODES), qty: fc.integer({ min: 1, max: 5000 }), discountBp: fc.integer({ min: 0, max: 5000 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.record({ method: fc.constantFrom<Step['method']>('cash', 'card', 'transfer'), share: fc.integer({ min: 1, max: 60 }) }), {
          maxLength: 3,
        }),
        fc.constantFrom<'cash' | 'card'>('cash', 'card'),
        fc.integer({ min: 0, max: 3000 }),
        async (rows, steps, last, extraCash) => {
          let r = await core.ok('receipt.new', {});
          for (const row of rows) {
            // Apples are weighed (any grams); the rest are pieces (whole ones).
            const weighed = row.code === '1301';
            r = await core.ok('receipt.addArticle', { receiptId: r.id, code: row.code, ...(weighed ? { quantityMilli: row.qty } : {}) });
            const added = r.rows.at(-1);
            if (!added) throw new Error('no row');
            const quantityMilli = weighed ? row.qty : Math.ceil(row.qty / 1000) * 1000;
            r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: added.id, quantityMilli, discountBp: row.discountBp, confirmed: true });
          }
          if (r.totalMinor === 0) return; // nothing to pay
          for (const step of steps) {
            // A part payment below what would settle it.
            const amount = Math.floor((r.dueMinor * step.share) / 100);
            if (amount <= 0 || amount >= r.cashDueMinor) continue;
            r = await core.ok('receipt.pay', { receiptId: r.id, method: step.method, amountMinor: amount });
          }
          r =
            last === 'cash'
              ? await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor + extraCash })
              : await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: r.dueMinor });
          const confirmed = await core.ok('receipt.confirm', { receiptId: r.id });

          const paid = confirmed.payments.reduce((sum, p) => sum + p.amountMinor, 0);
          expect(paid).toBe(confirmed.totalMinor + confirmed.roundingMinor);
          expect(confirmed.payableMinor).toBe(paid);
          expect(confirmed.totalMinor).toBe(confirmed.rows.reduce((sum, row) => sum + row.sumMinor, 0));
          expect(Math.abs(confirmed.roundingMinor)).toBeLessThanOrEqual(2);
          for (const p of confirmed.payments) {
            if (p.method !== 'cash') expect([p.roundingMinor, p.changeMinor]).toEqual([0, 0]);
            expect(Number.isSafeInteger(p.amountMinor) && Number.isSafeInteger(p.changeMinor)).toBe(true);
          }
          if (last === 'card') expect(confirmed.roundingMinor).toBe(0);
          else expect(confirmed.payableMinor % 5 === 0 || confirmed.payments.length > 1).toBe(true);
          expect(confirmed.changeMinor).toBe(last === 'cash' ? extraCash : 0);
          const vatGross = confirmed.vat.reduce((sum, v) => sum + v.grossMinor, 0);
          expect(vatGross).toBe(confirmed.totalMinor);
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  }, 60_000);
});
