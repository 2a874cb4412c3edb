import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceiptView } from '../../../electron/contract/api.js';
import { APP_ROOT, outboxOf, startTestCore, tempDir, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

/** A database the till made at schema version 4, and what that version showed and printed (see its README). */
const FIXTURE = join(APP_ROOT, 'test', 'fixtures', 'landed-v4');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as {
  receipts: Record<string, { view: ReceiptView; preview: string[] }>;
  printedAfterStart: string[];
};

let core: TestCore | undefined;
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  dirs.splice(0).forEach((d) => d.remove());
});

function upgradedCopy(): string {
  const dir = tempDir('till-upgrade-');
  dirs.push(dir);
  copyFileSync(join(FIXTURE, 'till.sqlite'), join(dir.path, 'till.sqlite'));
  return dir.path;
}

describe('a database from schema version 4 upgrades with its documents intact', () => {
  it('every receipt reads exactly as before: views and F8 previews (COPY for confirmed ones) are unchanged', async () => {
    core = await startTestCore({ dataDir: upgradedCopy(), printer: { kind: 'none' } });
    const ids = Object.keys(expected.receipts);
    expect(ids).toHaveLength(10);
    for (const id of ids) {
      const before = expected.receipts[id]!;
      const view = await core.ok('receipt.get', { receiptId: id });
      // Fields views gained since (a document type; a credit note's link, rows and payee — none on a sale).
      const was = before.view;
      expect(view, `receipt ${id}`).toEqual({
        ...was,
        documentType: 'receipt',
        credit: null,
        rows: was.rows.map((row) => ({ ...row, credit: null })),
        payments: was.payments.map((p) => ({ ...p, payee: null })),
      });
      expect((await core.ok('receipt.preview', { receiptId: id })).lines, `preview of ${id}`).toEqual(before.preview);
    }
  });

  it('the card terminal journal, rebuilt to take refunds, keeps every request and the payments that refer to it', async () => {
    core = await startTestCore({ dataDir: upgradedCopy(), printer: { kind: 'none' } });
    const linked = core.db
      .prepare(`SELECT p.amount_minor AS amount, t.kind, t.status FROM payments p JOIN terminal_requests t ON t.id = p.terminal_request_id ORDER BY p.rowid`)
      .all();
    expect(linked).toHaveLength(3);
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('confirmed receipts carry frozen facts now; drafts still have none and keep selling', async () => {
    core = await startTestCore({ dataDir: upgradedCopy(), printer: { kind: 'none' } });
    const db = core.db;
    const confirmed = db.prepare(`SELECT id, total_minor AS t, payable_minor AS p, rounding_minor AS r FROM receipts WHERE status = 'confirmed'`).all() as {
      id: string;
      t: number;
      p: number;
      r: number;
    }[];
    expect(confirmed).toHaveLength(7);
    for (const c of confirmed) {
      const view = expected.receipts[c.id]!.view;
      expect(c.p).toBe(view.payableMinor);
      expect(db.prepare(`SELECT count(*) AS n FROM document_papers WHERE document_id = ?`).get(c.id)).toEqual({ n: 1 });
      expect(db.prepare(`SELECT rate_bp AS rateBp, gross_minor AS grossMinor, net_minor AS netMinor, vat_minor AS vatMinor FROM document_vat_lines WHERE document_id = ? ORDER BY rate_bp DESC`).all(c.id)).toEqual(view.vat);
      expect(db.prepare(`SELECT count(*) AS n FROM receipt_rows WHERE receipt_id = ? AND sum_minor IS NULL`).get(c.id)).toEqual({ n: 0 });
    }
    expect(db.prepare(`SELECT count(*) AS n FROM receipt_rows rr JOIN receipts r ON r.id = rr.receipt_id WHERE r.status = 'draft' AND rr.sum_minor IS NOT NULL`).get()).toEqual({ n: 0 });
    // The facts are as immutable as the receipts.
    expect(() => db.prepare(`UPDATE document_vat_lines SET vat_minor = vat_minor + 1`).run()).toThrow(/frozen/);
    expect(() => db.prepare(`DELETE FROM document_tenders`).run()).toThrow(/frozen/);
    expect(() => db.prepare(`UPDATE document_papers SET paper = '{}'`).run()).toThrow(/frozen/);
    // The draft saved and then changed is Modified, and can still be sold.
    const modified = Object.values(expected.receipts).find((r) => r.view.status === 'modified')!.view;
    const r = await core.ok('receipt.pay', { receiptId: modified.id, method: 'cash', amountMinor: 10_000 });
    const sold = await core.ok('receipt.confirm', { receiptId: r.id });
    expect(sold).toMatchObject({ status: 'confirmed', number: 'K000007', totalMinor: modified.totalMinor });
  });

  it('print and fiscal jobs moved to the outbox: the pending ones print exactly as that version printed them, the done ones never again', async () => {
    const dataDir = upgradedCopy();
    const printed: string[] = [];
    core = await startTestCore({
      dataDir,
      printer: { kind: 'escpos', transport: 'sim', link: 'memory' },
      onSimulatedDocument: (doc) => printed.push(doc.text),
    });
    await waitFor(() => (printed.length >= expected.printedAfterStart.length ? true : null), 'the pending jobs to print');
    await core.outbox.idle('printer');
    expect(printed).toEqual(expected.printedAfterStart);
    expect(outboxOf(core.db, 'print.receipt').filter((e) => e.status !== 'done')).toEqual([]);
    expect(outboxOf(core.db, 'print.drawer').map((e) => e.status)).toEqual(['done']);
    // One fiscal receipt was registered, one waits for a fiscal printer (none is set now).
    expect(outboxOf(core.db, 'fiscal.receipt').map((e) => e.status)).toEqual(['done', 'pending']);
    expect(core.db.prepare(`SELECT result FROM outbox WHERE kind = 'fiscal.receipt' AND status = 'done'`).get()).toEqual({ result: '1/1' });
  });
});
