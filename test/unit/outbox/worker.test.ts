/**
 * The generic outbox worker with scripted drainers: order per lane, lanes independent of each
 * other, what retry and failed do to a lane, capped exponential back-off with jitter, kicks, the
 * drainer's hooks, and a drainer that throws. (exclusive and stop: worker-hold.test.ts; enqueue,
 * payloads and triggers: enqueue.test.ts.)
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs } from '../../../electron/effects/worker.js';
import { waitFor } from '../../support/wait.js';
import { at, drawer, FAST, fiscalPayload, harness, plan, ScriptedDrainer, sleep, type Harness } from './support.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('order and outcomes', () => {
  it('carries out a lane oldest first, one at a time, and stores each outcome', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, async (job, _c, _n) => {
      await sleep(5); // long enough for a second job to start, were the lane not one at a time
      return job.entry.id === 'e2' ? { outcome: 'done', result: 'ref-2', counted: false } : { outcome: 'done', counted: true };
    });
    h.worker.attach('printer', d, FAST);
    const ids = h.tx(() => [h.enqueue('print.drawer', drawer('a')), h.enqueue('print.drawer', drawer('b')), h.enqueue('print.drawer', drawer('c'))]);
    h.worker.start();
    await waitFor(() => ids.every((id) => h.entry(id).status === 'done'), 'all three done');
    expect(d.ids()).toEqual(['e1', 'e2', 'e3']);
    expect(d.maxInFlight).toBe(1);
    expect(d.runs.map((r) => r.payload)).toEqual([{ reason: 'a' }, { reason: 'b' }, { reason: 'c' }]);
    expect(h.entry('e1')).toMatchObject({ status: 'done', attempts: 1, result: null, doneAt: at(0), lastError: null });
    expect(h.entry('e2')).toMatchObject({ status: 'done', attempts: 0, result: 'ref-2' }); // not counted: the drainer counts itself
    // `after` runs once the outcome is stored; `drained` once the queue went empty; the start's
    // question to the device comes when nothing is left to do.
    expect(d.afters).toEqual(ids.map((id) => ({ id, outcome: 'done', status: 'done' })));
    await h.worker.idle();
    expect(d.drains).toBe(1);
    expect(d.events.slice(d.events.indexOf('drained'))).toEqual(['drained', 'idle']);
  });

  it("orders by the outbox's sequence, not by id or time", async () => {
    const names = ['z', 'a', 'm'];
    h = harness({ ids: () => names.shift()! });
    const d = new ScriptedDrainer(h.db);
    h.worker.attach('printer', d, FAST);
    h.enqueue('print.drawer', drawer('1'));
    h.enqueue('print.drawer', drawer('2'));
    h.enqueue('print.drawer', drawer('3'));
    h.worker.start();
    await waitFor(() => d.runs.length === 3, 'three runs');
    expect(d.ids()).toEqual(['z', 'a', 'm']);
  });

  it('a lane waiting on a retry does not hold up another lane', async () => {
    h = harness();
    const printer = new ScriptedDrainer(h.db, () => ({ outcome: 'retry', error: 'offline', counted: true }));
    const fiscal = new ScriptedDrainer(h.db);
    h.worker.attach('printer', printer, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 0 });
    h.worker.attach('fiscal', fiscal, FAST);
    const p = h.enqueue('print.drawer', drawer('p'));
    const f1 = h.enqueue('fiscal.receipt', fiscalPayload('F1'));
    const f2 = h.enqueue('fiscal.receipt', fiscalPayload('F2'));
    h.worker.start();
    await waitFor(() => h.entry(f2).status === 'done', 'the fiscal lane through');
    expect(fiscal.ids()).toEqual([f1, f2]);
    expect(printer.ids()).toEqual([p]);
    expect(h.entry(p)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'offline', nextAttemptAt: at(30_000) });
  });

  it('failed sets an entry aside and the lane moves on at once; retry holds the lane on that entry', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, plan({ e1: ['failed'], e2: ['retry', 'retry', 'done'] }));
    // Retries 30 s apart: whatever runs within this test ran without waiting for one, or after a kick.
    h.worker.attach('printer', d, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 0 });
    for (const r of ['a', 'b', 'c']) h.enqueue('print.drawer', drawer(r));
    h.worker.start();
    await waitFor(() => d.runs.length === 2, 'e1 failed, e2 tried');
    await sleep(100);
    expect(d.ids()).toEqual(['e1', 'e2']); // e3 waits behind e2
    expect(h.entry('e1')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'refused (e1)', doneAt: null });
    expect(h.entry('e2')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'busy (e2 #1)' });
    expect(h.entry('e3')).toMatchObject({ status: 'pending', attempts: 0 });
    h.worker.kick('printer');
    await waitFor(() => d.runs.length === 3, 'e2 again');
    await sleep(50);
    expect(d.ids()).toEqual(['e1', 'e2', 'e2']);
    h.worker.kick('printer');
    await waitFor(() => h.entry('e3').status === 'done', 'the third entry');
    expect(d.ids()).toEqual(['e1', 'e2', 'e2', 'e2', 'e3']);
    expect(h.entry('e1').status).toBe('failed'); // not tried again
    expect(h.entry('e2')).toMatchObject({ status: 'done', attempts: 3, lastError: null, nextAttemptAt: null });
    expect(d.afters.map((a) => `${a.id}:${a.outcome}:${a.status}`)).toEqual([
      'e1:failed:failed',
      'e2:retry:pending',
      'e2:retry:pending',
      'e2:done:done',
      'e3:done:done',
    ]);
  });

  it('a drainer that throws: retried later, not counted, with the error noted', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, (_job, _c, nth) => {
      if (nth === 1) throw new Error('port closed');
      return { outcome: 'done', counted: true };
    });
    h.worker.attach('printer', d, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 0 });
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => d.runs.length === 1 && h.entry(id).lastError, 'the first run noted');
    expect(h.entry(id)).toMatchObject({ status: 'pending', attempts: 0, lastError: 'port closed', nextAttemptAt: at(30_000) });
    h.worker.kick('printer');
    await waitFor(() => h.entry(id).status === 'done', 'done on the next try');
    expect(h.entry(id).attempts).toBe(1);
  });

  it('a lane without a drainer keeps its entries; attaching one and starting carries them out', async () => {
    h = harness();
    h.worker.attach('printer', null, FAST);
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    h.worker.kick('printer');
    await h.worker.idle();
    await sleep(50);
    expect(h.entry(id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    const d = new ScriptedDrainer(h.db);
    h.worker.attach('printer', d);
    h.worker.start('printer');
    await waitFor(() => h.entry(id).status === 'done', 'done once a drainer is there');
  });
});

describe('back-off', () => {
  const options = { retryMs: 100, maxRetryMs: 1000 };

  it('doubles per consecutive failure up to the cap; jitter from half to all of the capped delay', () => {
    const failures = [1, 2, 3, 4, 5, 6, 7];
    expect(failures.map((f) => backoffMs(f, options, () => 0))).toEqual([50, 100, 200, 400, 500, 500, 500]);
    expect(failures.map((f) => backoffMs(f, options, () => 0.999_999))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(failures.map((f) => backoffMs(f, options, () => 0.5))).toEqual([75, 150, 300, 600, 750, 750, 750]);
    expect(backoffMs(0, options, () => 0)).toBe(50); // no failure yet counts as the first
  });

  it('stays within [capped / 2, capped] for any failure count, delays and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, retryMs, extra, r) => {
          const maxRetryMs = retryMs + extra;
          const capped = Math.min(maxRetryMs, retryMs * 2 ** (failures - 1));
          const delay = backoffMs(failures, { retryMs, maxRetryMs }, () => r);
          return Number.isInteger(delay) && delay >= capped / 2 && delay <= capped;
        },
      ),
    );
  });

  it.each([
    { random: 0, delays: [20, 40, 50, 50, 50] },
    { random: 0.999_999, delays: [40, 80, 100, 100, 100] },
  ])('the worker stores next_attempt_at from the capped, jittered delay (random $random)', async ({ random, delays }) => {
    h = harness({ random: () => random });
    const d = new ScriptedDrainer(h.db, plan({ e1: ['retry', 'retry', 'retry', 'retry', 'retry', 'done'] }));
    h.worker.attach('printer', d, { retryMs: 40, maxRetryMs: 100, pollMs: 0 });
    h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => h.entry('e1').status === 'done', 'done after five retries');
    // Each run sees what the previous one stored (the clock stands still: the delay is the difference).
    expect(d.runs.map((r) => r.entry.nextAttemptAt)).toEqual([null, ...delays.map(at)]);
    expect(d.runs.map((r) => r.entry.attempts)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(h.entry('e1')).toMatchObject({ attempts: 6, nextAttemptAt: null });
  });

  it('after a success the back-off starts again from the first delay', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, plan({ e1: ['retry', 'retry', 'done'], e2: ['retry', 'done'] }));
    h.worker.attach('printer', d, { retryMs: 40, maxRetryMs: 1000, pollMs: 0 });
    h.enqueue('print.drawer', drawer('1'));
    h.enqueue('print.drawer', drawer('2'));
    h.worker.start();
    await waitFor(() => h.entry('e2').status === 'done', 'both done');
    expect(d.runs.map((r) => `${r.id}:${r.entry.nextAttemptAt ?? '-'}`)).toEqual([`e1:-`, `e1:${at(20)}`, `e1:${at(40)}`, `e2:-`, `e2:${at(20)}`]);
  });

  it('a kick retries at once, whatever the back-off said', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, plan({ e1: ['retry', 'done'] }));
    h.worker.attach('printer', d, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 0 });
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => h.entry(id).lastError, 'the first try noted');
    await sleep(100);
    expect(d.runs).toHaveLength(1); // the back-off is 30 s
    const kicked = Date.now();
    h.worker.kick('printer');
    await waitFor(() => h.entry(id).status === 'done', 'done after the kick');
    expect(Date.now() - kicked).toBeLessThan(10_000);
    expect(d.runs).toHaveLength(2);
  });
});

describe("the drainer's idle hook", () => {
  it('is asked at start and every pollMs while the lane has nothing to do; not with pollMs 0', async () => {
    h = harness();
    const polled = new ScriptedDrainer(h.db);
    const quiet = new ScriptedDrainer(h.db);
    h.worker.attach('printer', polled, { pollMs: 20 });
    h.worker.attach('fiscal', quiet, { pollMs: 0 });
    h.worker.start();
    await waitFor(() => polled.idles >= 4, 'a few polls');
    expect(quiet.idles).toBe(1); // at start only
    expect(polled.runs).toEqual([]);
  });

  it('is not asked while an entry waits for its retry (the retry asks the device anyway)', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, () => ({ outcome: 'retry', error: 'offline', counted: true }));
    h.worker.attach('printer', d, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 10 });
    h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => d.runs.length === 1, 'the first try');
    await sleep(100);
    expect(d.idles).toBe(0);
    expect(d.runs).toHaveLength(1);
  });
});
