/**
 * Holding a lane: `exclusive` (a device swap between two entries) and `stop` (the till closing:
 * the job in flight stops at a safe point, its progress stays for the next start).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../../electron/effects/worker.js';
import { waitFor } from '../../support/wait.js';
import { drawer, FAST, fiscalPayload, gate, harness, outboxDb, ScriptedDrainer, sleep, T0, type Harness } from './support.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('exclusive', () => {
  it('waits for the job in flight, and no job starts while it runs', async () => {
    h = harness();
    const release = gate();
    const d = new ScriptedDrainer(h.db, async (job) => {
      if (job.entry.id === 'e1') await release.promise;
      return { outcome: 'done', counted: true };
    });
    h.worker.attach('printer', d, FAST);
    h.enqueue('print.drawer', drawer('first'));
    h.worker.start();
    await waitFor(() => d.events.includes('e1:start'), 'e1 in flight');
    const swap = h.worker.exclusive('printer', async () => {
      d.events.push('fn:start');
      // An entry queued (and the lane woken) during the swap waits for it.
      h.enqueue('print.drawer', drawer('second'));
      h.worker.kick('printer');
      await sleep(50);
      d.events.push('fn:end');
      return 'swapped';
    });
    await sleep(20);
    expect(d.events).not.toContain('fn:start'); // e1 is still in flight
    release.open();
    await expect(swap).resolves.toBe('swapped');
    await waitFor(() => h.entry('e2').status === 'done', 'e2 after the swap');
    expect(d.events.filter((e) => e !== 'drained' && e !== 'idle')).toEqual(['e1:start', 'e1:end', 'fn:start', 'fn:end', 'e2:start', 'e2:end']);
  });

  it('runs at once on a lane with nothing in flight, or on a lane never declared', async () => {
    h = harness();
    h.worker.attach('printer', new ScriptedDrainer(h.db), FAST);
    h.worker.start();
    await h.worker.idle();
    await expect(h.worker.exclusive('printer', async () => 1)).resolves.toBe(1);
    await expect(h.worker.exclusive('fiscal', async () => 2)).resolves.toBe(2);
  });

  it('a lane waiting for its retry is between jobs: exclusive runs without waiting for the retry', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, () => ({ outcome: 'retry', error: 'offline', counted: true }));
    h.worker.attach('printer', d, { retryMs: 60_000, maxRetryMs: 60_000, pollMs: 0 });
    h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => d.runs.length === 1 && h.entry('e1').lastError, 'the first try');
    const started = Date.now();
    await h.worker.exclusive('printer', async () => undefined);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // A printer swap from the settings screen happens between two entries: it waits for the one in
  // flight, not for the whole queue (a busy lane would never let it run).
  it('entries queued behind the job in flight do not start before fn', async () => {
    h = harness();
    const release = gate();
    const d = new ScriptedDrainer(h.db, async (job) => {
      if (job.entry.id === 'e1') await release.promise;
      return { outcome: 'done', counted: true };
    });
    h.worker.attach('printer', d, FAST);
    h.enqueue('print.drawer', drawer('first'));
    h.enqueue('print.drawer', drawer('queued behind'));
    h.worker.start();
    await waitFor(() => d.events.includes('e1:start'), 'e1 in flight');
    const swap = h.worker.exclusive('printer', async () => {
      d.events.push('fn');
    });
    release.open();
    await swap;
    await waitFor(() => h.entry('e2').status === 'done', 'e2 done');
    expect(d.events.filter((e) => e !== 'drained' && e !== 'idle')).toEqual(['e1:start', 'e1:end', 'fn', 'e2:start', 'e2:end']);
  });
});

describe('stop', () => {
  /** A job of five steps; each confirmed step is stored as progress; stops at a safe point when asked. */
  function stepper(db: ReturnType<typeof outboxDb>, onStep: (step: number) => void = () => undefined) {
    const steps: number[] = [];
    const drainer = new ScriptedDrainer(db, async (job, control) => {
      for (let k = job.entry.progress; k < 5; k++) {
        if (control.stopping()) return { outcome: 'stopped' };
        await sleep(5);
        steps.push(k + 1);
        control.progress(k + 1);
        onStep(k + 1);
      }
      return { outcome: 'done', counted: true };
    });
    return { drainer, steps };
  }

  it("leaves the job in flight at a safe point with its progress; the next start goes on from there", async () => {
    const db = outboxDb();
    h = harness({ db });
    let stopping: Promise<void> | null = null;
    const first = stepper(db, (step) => {
      if (step === 2) stopping = h.worker.stop('printer');
    });
    h.worker.attach('printer', first.drainer, FAST);
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => stopping !== null, 'the stop');
    await stopping;
    await sleep(50);
    expect(first.steps).toEqual([1, 2]);
    expect(h.entry(id)).toMatchObject({ status: 'pending', progress: 2, attempts: 0, lastError: null, doneAt: null });
    expect(first.drainer.afters).toEqual([{ id, outcome: 'stopped', status: 'pending' }]); // nothing stored

    // The next start: a new worker and drainer on the same database.
    const second = stepper(db);
    const again = new OutboxWorker({ db, clock: { now: () => new Date(T0) }, log: () => undefined });
    again.attach('printer', second.drainer, FAST);
    again.start();
    await waitFor(() => h.entry(id).status === 'done', 'done by the next run');
    await again.stop();
    expect(second.steps).toEqual([3, 4, 5]);
    expect(h.entry(id)).toMatchObject({ progress: 5, attempts: 1 });
  });

  it('progress never goes back', async () => {
    h = harness();
    const d = new ScriptedDrainer(h.db, (_job, control) => {
      control.progress(3);
      control.progress(1);
      return { outcome: 'done', counted: true };
    });
    h.worker.attach('printer', d, FAST);
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => h.entry(id).status === 'done', 'done');
    expect(h.entry(id).progress).toBe(3);
  });

  it('waits at most waitMs for a job that does not come back, and leaves the entry open', async () => {
    h = harness();
    const hang = gate();
    const d = new ScriptedDrainer(h.db, async () => {
      await hang.promise;
      return { outcome: 'stopped' };
    });
    h.worker.attach('printer', d, FAST);
    const id = h.enqueue('print.drawer', drawer('x'));
    h.worker.start();
    await waitFor(() => d.runs.length === 1, 'the job in flight');
    const started = Date.now();
    await h.worker.stop('printer', 50);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.entry(id).status).toBe('pending');
    hang.open();
    await h.worker.idle();
    expect(h.entry(id).status).toBe('pending');
  });

  it('a stopped lane ignores kicks and wakes; start takes it up again; other lanes go on', async () => {
    h = harness();
    const printer = new ScriptedDrainer(h.db);
    const fiscal = new ScriptedDrainer(h.db);
    h.worker.attach('printer', printer, FAST);
    h.worker.attach('fiscal', fiscal, FAST);
    h.worker.start();
    await h.worker.stop('printer');
    const id = h.enqueue('print.drawer', drawer('x')); // wakes the printer lane: stopped
    h.worker.kick();
    await sleep(100);
    expect(printer.runs).toEqual([]);
    expect(h.entry(id).status).toBe('pending');
    expect(h.woken).toEqual(['printer']);
    const f = h.enqueue('fiscal.receipt', fiscalPayload('F1'));
    await waitFor(() => h.entry(f).status === 'done', 'the fiscal lane goes on');
    expect(printer.runs).toEqual([]);
    h.worker.start('printer');
    await waitFor(() => h.entry(id).status === 'done', 'done after the start');
  });
});
