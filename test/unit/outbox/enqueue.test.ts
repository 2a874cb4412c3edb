/**
 * Writing to the outbox and reading it back: `outbox.enqueue` only inside `tx`, validated, the
 * lane woken once after the commit (a rollback queues and wakes nothing); payloads the worker
 * cannot read set aside as failed while the lane goes on; old payload versions upgraded on read;
 * and the triggers that keep a done entry and a confirmed receipt's entries as they are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { countOpen, deleteEntriesOfDraft, insertEntry, markFailed, markInDoubt, markRetry, resolveAsDone, retryFailed } from '../../../electron/db/outbox-repo.js';
import type { Db } from '../../../electron/db/open.js';
import { transactions } from '../../../electron/usecases/transaction.js';
import { waitFor } from '../../support/wait.js';
import { at, drawer, FAST, fiscalPayload, harness, outboxDb, ScriptedDrainer, T0, type Harness } from './support.js';

let h: Harness | null = null;
let db: Db | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  db?.close();
  db = null;
});

function receiptRow(d: Db, id: string, status: 'draft' | 'confirmed'): void {
  d.prepare(
    `INSERT INTO receipts (id, status, series_code, number, currency, created_at, updated_at, confirmed_at, total_minor)
     VALUES (?, ?, 'K', ?, 'EUR', ?, ?, ?, 0)`,
  ).run(id, status, status === 'confirmed' ? 1 : null, T0, T0, status === 'confirmed' ? T0 : null);
}

/** `tx`/`outbox` on a fresh database, with the wakes recorded as [lane, in a transaction?, open entries of the lane]. */
function writer() {
  db = outboxDb();
  const d = db;
  const wakes: [string, boolean, number][] = [];
  let n = 0;
  const { tx, outbox } = transactions({
    db: d,
    ids: { next: () => `id-${++n}` },
    clock: { now: () => new Date(T0) },
    wake: (lane) => wakes.push([lane, d.inTransaction, countOpen(d, lane)]),
  });
  const count = () => (d.prepare(`SELECT count(*) AS n FROM outbox`).get() as { n: number }).n;
  return { db: d, tx, outbox, wakes, count };
}

describe('tx + outbox.enqueue', () => {
  it('stores the validated entry beside its document and wakes each lane once, after the commit', () => {
    const { db: d, tx, outbox, wakes } = writer();
    const ids = tx(() => {
      receiptRow(d, 'r-1', 'draft');
      const a = outbox.enqueue('print.drawer', drawer('a'));
      const b = outbox.enqueue('print.drawer', drawer('b'));
      const f = outbox.enqueue('fiscal.receipt', fiscalPayload('K-1'), { documentId: 'r-1' });
      expect(wakes).toEqual([]); // nothing is woken before the commit
      return [a, b, f];
    });
    expect(ids).toEqual(['id-1', 'id-2', 'id-3']);
    expect(wakes).toEqual([
      ['printer', false, 2],
      ['fiscal', false, 1],
    ]);
    const rows = d.prepare(`SELECT id, lane, kind, version, document_id AS documentId, payload, status, attempts, progress, created_at AS createdAt FROM outbox ORDER BY seq`).all();
    expect(rows).toEqual([
      { id: 'id-1', lane: 'printer', kind: 'print.drawer', version: 1, documentId: null, payload: '{"reason":"a"}', status: 'pending', attempts: 0, progress: 0, createdAt: T0 },
      { id: 'id-2', lane: 'printer', kind: 'print.drawer', version: 1, documentId: null, payload: '{"reason":"b"}', status: 'pending', attempts: 0, progress: 0, createdAt: T0 },
      { id: 'id-3', lane: 'fiscal', kind: 'fiscal.receipt', version: 1, documentId: 'r-1', payload: JSON.stringify(fiscalPayload('K-1')), status: 'pending', attempts: 0, progress: 0, createdAt: T0 },
    ]);
  });

  it('the stored payload is what the schema gives back (keys the kind does not know are dropped)', () => {
    const { db: d, tx, outbox } = writer();
    tx(() => outbox.enqueue('print.drawer', { reason: 'x', secret: 'not for the outbox' } as never));
    expect(d.prepare(`SELECT payload FROM outbox`).get()).toEqual({ payload: '{"reason":"x"}' });
  });

  it('a nested tx wakes only once the outermost one commits', () => {
    const { tx, outbox, wakes } = writer();
    tx(() => {
      tx(() => outbox.enqueue('print.drawer', drawer('inner')));
      expect(wakes).toEqual([]);
      outbox.enqueue('print.drawer', drawer('outer'));
    });
    expect(wakes).toEqual([['printer', false, 2]]);
  });

  it('a rolled-back transaction queues and wakes nothing, and is forgotten by the next one', () => {
    const { db: d, tx, outbox, wakes, count } = writer();
    expect(() =>
      tx(() => {
        receiptRow(d, 'r-1', 'draft');
        outbox.enqueue('print.drawer', drawer('lost'));
        outbox.enqueue('fiscal.receipt', fiscalPayload('K-1'), { documentId: 'r-1' });
        throw new Error('the sale fell through');
      }),
    ).toThrow('the sale fell through');
    expect(count()).toBe(0);
    expect(d.prepare(`SELECT count(*) AS n FROM receipts`).get()).toEqual({ n: 0 });
    expect(wakes).toEqual([]);
    tx(() => outbox.enqueue('print.drawer', drawer('kept')));
    expect(wakes).toEqual([['printer', false, 1]]); // not the fiscal lane the rolled-back one touched
  });

  it('enqueue outside a transaction throws and queues nothing', () => {
    const { outbox, wakes, count } = writer();
    expect(() => outbox.enqueue('print.drawer', drawer('x'))).toThrow(/print\.drawer.*only inside its document's transaction/);
    expect(count()).toBe(0);
    expect(wakes).toEqual([]);
  });

  it('a payload that does not fit its kind is refused on the way in, and the whole transaction rolls back', () => {
    const { db: d, tx, outbox, wakes, count } = writer();
    expect(() =>
      tx(() => {
        receiptRow(d, 'r-1', 'draft');
        outbox.enqueue('print.drawer', drawer('fine'));
        outbox.enqueue('fiscal.receipt', { ...fiscalPayload('K-1'), lines: [{ ...fiscalPayload('K-1').lines[0]!, ptu: 'Z' }] }, { documentId: 'r-1' });
      }),
    ).toThrow(/ptu/);
    expect(count()).toBe(0);
    expect(d.prepare(`SELECT count(*) AS n FROM receipts`).get()).toEqual({ n: 0 });
    expect(wakes).toEqual([]);
  });

  it('wired to the worker: the wake-up after the commit carries the entry out', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db);
    h.worker.attach('printer', d, FAST);
    h.worker.start();
    await h.worker.idle();
    const id = h.enqueue('print.drawer', drawer('x'));
    await waitFor(() => h!.entry(id).status === 'done', 'done after the wake-up');
    expect(h.woken).toEqual(['printer']);
    expect(d.ids()).toEqual([id]);
  });
});

describe('reading payloads back', () => {
  const unreadable: { what: string; kind: string; version: number; payload: string; error: RegExp }[] = [
    { what: 'not JSON', kind: 'print.drawer', version: 1, payload: '{"reason":"x"}\u0000junk', error: /^unreadable: print\.drawer v1: not JSON/ },
    { what: 'an unknown kind', kind: 'print.fax', version: 1, payload: '{}', error: /^unreadable: unknown effect kind print\.fax$/ },
    { what: 'a newer version', kind: 'print.drawer', version: 2, payload: '{"reason":"x"}', error: /^unreadable: print\.drawer v2 was written by a newer till \(this one reads up to v1\)$/ },
    { what: 'not the shape of its schema', kind: 'print.drawer', version: 1, payload: '{"reason":5}', error: /^unreadable: print\.drawer v1: reason: / },
    { what: 'an old version its upgrade cannot read', kind: 'print.receipt', version: 1, payload: '{"shopName":1}', error: /^unreadable: print\.receipt v1: / },
  ];

  it.each(unreadable)('$what: set aside as failed with the reason; the lane goes on', async ({ kind, version, payload, error }) => {
    h = harness();
    insertEntry(h.db, { id: 'bad', lane: 'printer', kind, version, documentId: null, payload, now: T0 });
    const good = h.enqueue('print.drawer', drawer('next'));
    const d = new ScriptedDrainer(h.db);
    h.worker.attach('printer', d, FAST);
    h.worker.start();
    await waitFor(() => h!.entry(good).status === 'done', 'the next entry done');
    expect(h.entry('bad')).toMatchObject({ status: 'failed', attempts: 1, doneAt: null, lastError: expect.stringMatching(error) });
    expect(d.ids()).toEqual([good]); // the drainer never saw it
    expect(h.logs.join('\n')).toMatch(/outbox printer: .* bad set aside/);
  });

  it("a version-1 'print.receipt' payload (a paper of the first versions) is upgraded on read; the stored one stays", async () => {
    h = harness();
    const row = { name: 'Leib', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 199, sumMinor: 199, vatRateBp: 2200 };
    const pay = { method: 'cash', amountMinor: 199, tenderedMinor: 200, changeMinor: 1 };
    const v1 = {
      shopName: 'Pood',
      shopLines: [],
      tillName: 'Kassa 1',
      number: 'K-7',
      confirmedAt: '2025-07-01T09:05:00Z',
      timeZone: 'Europe/Tallinn',
      currency: 'EUR',
      locale: 'et',
      rows: [row],
      vat: [{ rateBp: 2200, netMinor: 163, vatMinor: 36, grossMinor: 199 }],
      totalMinor: 199,
      payments: [pay],
      changeMinor: 1,
    };
    insertEntry(h.db, { id: 'old', lane: 'printer', kind: 'print.receipt', version: 1, documentId: null, payload: JSON.stringify(v1), now: T0 });
    // The same paper claiming to be version 2 is not a version-2 paper.
    insertEntry(h.db, { id: 'liar', lane: 'printer', kind: 'print.receipt', version: 2, documentId: null, payload: JSON.stringify(v1), now: T0 });
    const d = new ScriptedDrainer(h.db);
    h.worker.attach('printer', d, FAST);
    h.worker.start();
    await waitFor(() => h!.entry('liar').status === 'failed', 'the false version-2 set aside');
    expect(d.runs.map((r) => r.id)).toEqual(['old']);
    expect(d.runs[0]!.payload).toEqual({
      ...v1,
      customer: null,
      rows: [{ ...row, discountBp: 0, discountMinor: 0, serialNo: '', salesperson: null }],
      roundingMinor: 0,
      payableMinor: 199,
      payments: [{ ...pay, reference: null }],
      cashier: '',
      copy: false,
      proForma: false,
    });
    expect(h.entry('old')).toMatchObject({ status: 'done', version: 1, payload: JSON.stringify(v1) });
    expect(h.entry('liar').lastError).toMatch(/^unreadable: print\.receipt v2: /);
  });

  it('the table itself refuses a payload that is not JSON, a version below 1 and an empty lane', () => {
    db = outboxDb();
    const base = { id: 'x', lane: 'printer', kind: 'print.drawer', version: 1, documentId: null, payload: '{}', now: T0 };
    expect(() => insertEntry(db!, { ...base, payload: '{broken' })).toThrow(/CHECK constraint failed/);
    expect(() => insertEntry(db!, { ...base, version: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertEntry(db!, { ...base, lane: '' })).toThrow(/CHECK constraint failed/);
    expect(() => insertEntry(db!, { ...base, documentId: 'no-such-receipt' })).toThrow(/FOREIGN KEY constraint failed/);
  });
});

describe('triggers', () => {
  it('a done entry never changes: not by SQL, not by the repository', async () => {
    h = harness();
    h.worker.attach('printer', new ScriptedDrainer(h.db, () => ({ outcome: 'done', result: 'ok-1', counted: true })), FAST);
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => h!.entry(id).status === 'done', 'done');
    const before = h.entry(id);
    expect(() => h!.db.prepare(`UPDATE outbox SET status = 'pending' WHERE id = ?`).run(id)).toThrow(/outbox entry is done/);
    expect(() => h!.db.prepare(`UPDATE outbox SET result = 'forged' WHERE id = ?`).run(id)).toThrow(/outbox entry is done/);
    expect(() => markInDoubt(h!.db, id, 'bn:9')).toThrow(/is not open/);
    markFailed(h.db, id, { error: 'late', counted: true });
    markRetry(h.db, id, { error: 'late', nextAttemptAt: at(1000), counted: true });
    expect(retryFailed(h.db, id)).toBe(false);
    expect(resolveAsDone(h.db, id, 'other', at(5000))).toBe(false);
    expect(h.entry(id)).toEqual(before);
    expect(before).toMatchObject({ status: 'done', result: 'ok-1', attempts: 1 });
  });

  it("a confirmed receipt's entries cannot be deleted; a draft's go with it", () => {
    const { db: d, tx, outbox } = writer();
    receiptRow(d, 'r-draft', 'draft');
    receiptRow(d, 'r-done', 'confirmed');
    tx(() => {
      outbox.enqueue('print.drawer', drawer('pro forma'), { documentId: 'r-draft' });
      outbox.enqueue('print.drawer', drawer('the sale'), { documentId: 'r-done' });
    });
    expect(() => deleteEntriesOfDraft(d, 'r-done')).toThrow(/receipt is confirmed/);
    expect(() => d.prepare(`DELETE FROM outbox`).run()).toThrow(/receipt is confirmed/);
    deleteEntriesOfDraft(d, 'r-draft');
    expect(d.prepare(`SELECT document_id AS documentId FROM outbox`).all()).toEqual([{ documentId: 'r-done' }]);
  });
});
