import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TotalsRow } from '../../../electron/domain/totals.js';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';

/**
 * The totals function as code that changes: after a sale is confirmed a new version computes row
 * sums and VAT differently. A confirmed document must not notice: it carries the facts it was
 * confirmed with.
 */
const totalsToday = vi.hoisted(() => ({ changed: false }));
vi.mock('../../../electron/domain/totals.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/domain/totals.js')>();
  const tomorrow = (rows: readonly TotalsRow[]) => {
    const t = real.computeTotals(rows);
    return {
      ...t,
      rowSums: t.rowSums.map((s) => s + 1),
      totalMinor: t.totalMinor + rows.length,
      vat: t.vat.map((v) => ({ ...v, grossMinor: v.grossMinor + 1, vatMinor: v.vatMinor + 1 })),
    };
  };
  return { ...real, computeTotals: (rows: readonly TotalsRow[]) => (totalsToday.changed ? tomorrow(rows) : real.computeTotals(rows)) };
});

let core: TestCore;
afterEach(async () => {
  totalsToday.changed = false;
  await core.close();
});

const vatFacts = (id: string) =>
  core.db.prepare(`SELECT rate_bp, net_minor, vat_minor, gross_minor FROM document_vat_lines WHERE document_id = ? ORDER BY rate_bp DESC`).all(id);

async function draftOf(codes: string[]) {
  const r = await core.ok('receipt.new', {});
  for (const code of codes) await core.ok('receipt.addArticle', { receiptId: r.id, code });
  return core.ok('receipt.get', { receiptId: r.id });
}

describe('a confirmed document is a fact: changing the totals function afterwards changes nothing about it', () => {
  it('view, F8 preview, reprint and VAT lines of a confirmed receipt stay as confirmed; a draft follows the new code', async () => {
    core = await startTestCore();
    const codes = ['4740010010014', '1601', '1203']; // 22 % and 9 %, 1.19 + 19.90 + 7.99
    let r = await draftOf(codes);
    await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[2]!.id, discountBp: 1250 });
    r = await core.ok('receipt.get', { receiptId: r.id });
    r = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
    const confirmed = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(confirmed.roundingMinor).not.toBe(0);
    const preview = (await core.ok('receipt.preview', { receiptId: r.id })).lines;
    const vat = vatFacts(r.id);
    expect(vat).toHaveLength(2);
    const [paper] = outboxOf(core.db, 'print.receipt', r.id);

    totalsToday.changed = true;

    // The new code is in force: the same sale as a draft now adds up differently.
    const draft = await draftOf(codes);
    // 1.19 + 19.90 + 7.99 = 29.08 today; the new code adds a cent per row.
    expect(draft.totalMinor).toBe(2911);
    expect(draft.rows.map((row) => row.sumMinor)).toEqual([120, 1991, 800]);

    // The confirmed one does not move.
    expect(await core.ok('receipt.get', { receiptId: r.id })).toEqual(confirmed);
    expect((await core.ok('receipt.preview', { receiptId: r.id })).lines).toEqual(preview);
    expect(vatFacts(r.id)).toEqual(vat);
    await core.ok('receipt.print', { receiptId: r.id });
    const reprint = outboxOf(core.db, 'print.receipt', r.id).at(-1)!;
    expect(reprint.payload).toEqual({ ...paper!.payload, copy: true, openDrawer: false });
  });
});
