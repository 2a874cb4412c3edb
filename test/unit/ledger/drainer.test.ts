import { describe, expect, it } from 'vitest';
import { LedgerError, type LedgerConnector } from '../../../electron/devices/ledger/connector.js';
import { LedgerDrainer } from '../../../electron/devices/ledger/drainer.js';
import type { Job, JobControl } from '../../../electron/effects/worker.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';

/**
 * The uploader's rules for one document, with a ledger that answers as told: a lost answer is
 * looked up before anything is sent again; a temporary failure retries (as late as the ledger
 * asks); a refusal is set aside; a "duplicate" is taken only when the document is really there.
 */
const doc: LedgerDocument = {
  key: 'EE1:till1:sale:K000001',
  type: 'sale',
  number: 'K000001',
  date: '2026-12-03',
  at: '2026-12-03T10:00:00.000Z',
  description: 'Sale K000001',
  currency: 'EUR',
  till: 'till1',
  dayId: null,
  postings: [
    { account: 'assets:cash', commodity: 'EUR', amount: 120, comment: '' },
    { account: 'income:sales:vat 24', commodity: 'EUR', amount: -120, comment: '' },
  ],
  lines: [],
  payments: [],
  vat: [],
  customer: null,
  creditOf: null,
};

function ledger(script: { find?: (boolean | LedgerError)[]; post?: ('posted' | 'duplicate' | LedgerError)[] }) {
  const calls: string[] = [];
  const next = <T,>(list: T[] | undefined, name: string): T => {
    const value = list?.shift();
    if (value === undefined) throw new Error(`unexpected ${name}`);
    return value;
  };
  const connector: LedgerConnector = {
    name: 'scripted',
    find: async () => {
      calls.push('find');
      const v = next(script.find, 'find');
      if (v instanceof LedgerError) throw v;
      return v;
    },
    post: async () => {
      calls.push('post');
      const v = next(script.post, 'post');
      if (v instanceof LedgerError) throw v;
      return v;
    },
    health: async () => ({ ok: true, detail: '' }),
  };
  return { connector, calls };
}

function job(status: 'pending' | 'in_doubt'): { job: Job; control: JobControl; marks: string[] } {
  const marks: string[] = [];
  const control: JobControl = {
    progress: () => undefined,
    inDoubt: (m) => void marks.push(`inDoubt ${m}`),
    notDone: () => void marks.push('notDone'),
    note: () => undefined,
    stopping: () => false,
  };
  const entry = { status, id: 'e1', seq: 1, lane: 'ledger', kind: 'ledger.document', version: 1, documentId: null, payload: '', attempts: 0, nextAttemptAt: null, lastError: null, progress: 0, marker: null, result: null, createdAt: '', doneAt: null };
  return { job: { entry, kind: 'ledger.document', payload: doc } as unknown as Job, control, marks };
}

const drainer = (connector: LedgerConnector) => new LedgerDrainer({ connector, now: () => new Date('2026-12-03T10:00:00Z'), log: () => undefined });

describe('the ledger lane, one document', () => {
  it('posts a new one, marked in doubt before it is sent', async () => {
    const { connector, calls } = ledger({ post: ['posted'] });
    const { job: j, control, marks } = job('pending');
    expect(await drainer(connector).run(j, control)).toMatchObject({ outcome: 'done' });
    expect(calls).toEqual(['post']);
    expect(marks).toEqual([`inDoubt posting ${doc.key}`]);
  });

  it('a lost answer: stays in doubt; the next try finds it there and sends nothing', async () => {
    const first = ledger({ post: [new LedgerError('unknown', 'timeout after sending')] });
    const run1 = job('pending');
    expect(await drainer(first.connector).run(run1.job, run1.control)).toMatchObject({ outcome: 'retry' });
    expect(run1.marks).not.toContain('notDone');

    const second = ledger({ find: [true] });
    const run2 = job('in_doubt');
    expect(await drainer(second.connector).run(run2.job, run2.control)).toMatchObject({ outcome: 'done' });
    expect(second.calls).toEqual(['find']);
  });

  it('a lost answer it never got: found missing, then sent once', async () => {
    const { connector, calls } = ledger({ find: [false], post: ['posted'] });
    const { job: j, control, marks } = job('in_doubt');
    expect(await drainer(connector).run(j, control)).toMatchObject({ outcome: 'done' });
    expect(calls).toEqual(['find', 'post']);
    expect(marks).toEqual(['notDone', `inDoubt posting ${doc.key}`]);
  });

  it('a lookup that fails leaves the doubt as it was (never sent blind)', async () => {
    const { connector, calls } = ledger({ find: [new LedgerError('temporary', 'ledger down')] });
    const { job: j, control, marks } = job('in_doubt');
    expect(await drainer(connector).run(j, control)).toMatchObject({ outcome: 'retry' });
    expect(calls).toEqual(['find']);
    expect(marks).toEqual([]);
  });

  it('temporary: retried as late as the ledger asks, the post known not sent', async () => {
    const { connector } = ledger({ post: [new LedgerError('temporary', '503', 60_000)] });
    const { job: j, control, marks } = job('pending');
    expect(await drainer(connector).run(j, control)).toMatchObject({ outcome: 'retry', retryAfterMs: 60_000 });
    expect(marks.at(-1)).toBe('notDone');
  });

  it('permanent: set aside, the lane goes on', async () => {
    const { connector } = ledger({ post: [new LedgerError('permanent', '400 bad account')] });
    const { job: j, control } = job('pending');
    expect(await drainer(connector).run(j, control)).toMatchObject({ outcome: 'failed', error: '400 bad account' });
  });

  it('"duplicate" counts as sent only when the document is found by its key', async () => {
    const there = ledger({ post: ['duplicate'], find: [true] });
    const a = job('pending');
    expect(await drainer(there.connector).run(a.job, a.control)).toMatchObject({ outcome: 'done' });
    const missing = ledger({ post: ['duplicate'], find: [false] });
    const b = job('pending');
    expect(await drainer(missing.connector).run(b.job, b.control)).toMatchObject({ outcome: 'failed' });
  });
});
