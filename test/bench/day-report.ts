/**
 * The X and Z report of busy days: BENCH_DAYS days (3) one after the other on one database, each
 * of BENCH_DAY_RECEIPTS confirmed receipts (50 000) written straight into SQLite with their frozen
 * facts, then the X report (`day.current`, 5 times a day) and the close (`day.close`, which sums
 * the day again, writes its documents and the Z report; its PDF is made on the way, as at a till).
 * One close per day: the first is the cold one, the later ones run on a database holding the days
 * before, as a till's does — a single cold sample says little. Ids are UUIDv7, as the till makes
 * them, from a clock that steps through the day. Goal: each ≤ 250 ms.
 */
import { performance } from 'node:perf_hooks';
import { fillDay } from '../support/busy-day.js';
import { startTestCore, tempDir } from '../support/core.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function benchDayReport(stats: (label: string, samples: number[]) => void): Promise<void> {
  const receipts = Number(process.env.BENCH_DAY_RECEIPTS ?? 50_000);
  const days = Number(process.env.BENCH_DAYS ?? 3);
  const dir = tempDir('till-bench-day-');
  const core = await startTestCore({ dataDir: dir.path, checkOutputs: false });
  const x: number[] = [];
  const close: number[] = [];
  try {
    for (let d = 0; d < days; d++) {
      await core.ok('day.open', { floatMinor: 10_000 });
      const day = (await core.ok('day.current', {}))?.id ?? '';
      // The day's sales between its opening and its close twelve hours later.
      fillDay(core.db, { dayId: day, receipts, startMs: core.clock.now().getTime(), stepMs: Math.floor(DAY_MS / 2 / receipts) });
      core.clock.advance(DAY_MS / 2);
      for (let n = 0; n < 5; n++) {
        const t0 = performance.now();
        await core.ok('day.current', {});
        x.push(performance.now() - t0);
      }
      const expected = (await core.ok('day.current', {}))?.expectedMinor ?? 0;
      const t0 = performance.now();
      await core.ok('day.close', { countedMinor: expected });
      close.push(performance.now() - t0);
      // What the close queued (the Z report's PDF) is done before the next day is loaded.
      await core.outbox.idle();
      core.clock.advance(DAY_MS / 2);
    }
    stats(`X report, ${receipts} receipts`, x);
    stats(`Z report (close), ${receipts}`, close);
  } finally {
    await core.close();
    dir.remove();
  }
}
