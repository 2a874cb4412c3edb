/**
 * The fiscal lane of the outbox (OutboxWorker + FiscalDrainer) on a simulated POSNET printer on a
 * memory link: every receipt registered exactly once, in order; in-doubt entries settled by
 * asking the printer; refusals set aside for a person. A restart is a new worker and drainer on
 * the same database (and a new device on the same printer).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../electron/contract/api.js';
import { ladderHistory } from '../../../electron/db/fiscal-ladder.js';
import type { Db } from '../../../electron/db/open.js';
import { getEntry, headOfLane, markInDoubt, retryFailed } from '../../../electron/db/outbox-repo.js';
import { FiscalDrainer, sentMarker } from '../../../electron/devices/fiscal/drainer.js';
import { startFiscalModule } from '../../../electron/devices/fiscal/module.js';
import { taxLadderViolations } from '../../../electron/domain/tax-ladder.js';
import { OutboxWorker } from '../../../electron/effects/worker.js';
import { defaultSettings } from '../../../electron/usecases/settings-defaults.js';
import { memoryLinkPair, type ByteLink, type MemoryLink } from '../../../native/link/link.js';
import { PosnetFiscalDevice, type FiscalDevice } from '../../../native/posnet/driver.js';
import { encodeFrame } from '../../../native/posnet/frame.js';
import { PosnetSimulator, type PosnetSimulatorOptions } from '../../../native/posnet/simulator.js';
import { RATE_EXEMPT_BP, RATE_INACTIVE_BP } from '../../../native/posnet/spec.js';
import { entry, fiscalRun, fixedClock, queueJob, sampleDoc, testDb, until } from './support.js';

let db: Db;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  db?.close();
});

/** One printer (simulator on a memory link); devices/workers can be made and stopped on it like restarts. */
function printer(opts: PosnetSimulatorOptions = {}) {
  const [host, end] = memoryLinkPair();
  const sim = new PosnetSimulator(end, opts);
  cleanup.push(() => sim.close());
  // Each device gets its own view of the link, so closing one (a till restart) leaves the printer connected.
  const connection = (): ByteLink => ({ description: host.description, write: (d) => host.write(d), onData: (l) => host.onData(l), close: async () => undefined });
  const device = (): PosnetFiscalDevice => new PosnetFiscalDevice('POSNET (test)', async () => connection(), { replyTimeoutMs: 150, statusTimeoutMs: 80 }, false);
  return { sim, host, device };
}

/** A till run: a new OutboxWorker and FiscalDrainer on the test's database. */
function worker(device: FiscalDevice, logs: string[] = []) {
  const changes: DeviceStatus[] = [];
  const w = fiscalRun(db, device, { log: (m) => logs.push(m), onChange: (s) => changes.push(s) });
  cleanup.push(() => w.stop());
  return { w, changes, logs };
}

/** Someone sells 1.00 on the printer's keypad: its counter goes 0 → 1, with a total that is not ours. */
async function keypadSale(host: MemoryLink, sim: PosnetSimulator): Promise<void> {
  for (const frame of [
    encodeFrame({ command: 'trinit', token: '0001' }),
    encodeFrame({ command: 'trline', token: '0002', params: [['na', 'Inne'], ['vt', 0], ['pr', 100]] }),
    encodeFrame({ command: 'trend', token: '0003', params: [['to', 100]] }),
  ])
    await host.write(frame);
  await until(() => sim.receipts().length === 1, 'the keypad sale');
}

const job = (id: string) => entry(db, id);
const done = (id: string) => until(() => job(id).status === 'done' && job(id), `entry ${id} done`);

describe('the fiscal lane (FiscalDrainer)', () => {
  it('without a fiscal printer: the module says none, the lane has no drainer, the entry waits untouched', async () => {
    db = testDb();
    const id = queueJob(db, sampleDoc());
    const outbox = new OutboxWorker({ db, clock: fixedClock(), log: () => undefined });
    const statuses: DeviceStatus[] = [];
    const shop = { shopName: 'Sklep', shopAddress: '', shopRegNo: '', shopVatNo: '', tillName: 'Kasa 1', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw', seriesCode: 'K' };
    const module = await startFiscalModule(
      { db, clock: fixedClock(), shop, settings: defaultSettings(shop), worker: outbox, emit: () => undefined, status: (_key, s) => statuses.push(s), log: () => undefined },
      { retryMs: 40, pollMs: 0 },
    );
    cleanup.push(() => module.close());
    outbox.start('fiscal');
    outbox.kick('fiscal');
    await outbox.idle('fiscal');
    await new Promise((r) => setTimeout(r, 50));
    expect(module.status()).toEqual({ name: 'fiscal printer', state: 'none' });
    expect(module.port.enabled()).toBe(false);
    expect(statuses).toEqual([{ name: 'fiscal printer', state: 'none' }]); // the start, nothing after
    expect(job(id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null, marker: null });
  });

  it('an entry queued while no printer was attached is registered once a drainer is attached and started', async () => {
    db = testDb();
    const { sim, device } = printer();
    const id = queueJob(db, sampleDoc());
    const none = fiscalRun(db, null);
    cleanup.push(() => none.stop());
    none.start();
    await none.idle();
    expect(job(id).status).toBe('pending');
    const drainer = new FiscalDrainer({ db, device: device(), log: () => undefined, onChange: () => undefined });
    cleanup.push(async () => drainer.close());
    none.outbox.attach('fiscal', drainer); // the printer was configured
    none.start();
    await done(id);
    expect(sim.receipts()).toHaveLength(1);
  });

  it('registers queued receipts in order, once each, with the printed reference', async () => {
    db = testDb();
    const { sim, device } = printer();
    const first = queueJob(db, sampleDoc(), '2026-11-22T10:00:00.000Z');
    const second = queueJob(db, sampleDoc({ number: 'K-2' }), '2026-11-22T10:01:00.000Z');
    const { w } = worker(device());
    w.start();
    await done(second);
    expect(job(first)).toMatchObject({
      lane: 'fiscal',
      kind: 'fiscal.receipt',
      status: 'done',
      attempts: 1,
      result: '1/1',
      marker: 'bn:0',
      lastError: null,
      doneAt: '2026-11-22T10:00:00.000Z',
    });
    expect(job(second)).toMatchObject({ status: 'done', attempts: 1, result: '2/2', marker: 'bn:1' });
    expect(sim.receipts().map((r) => r.number)).toEqual([1, 2]);
    expect(sim.commandNames().filter((c) => c === 'trinit')).toHaveLength(2);
    expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'ok' });
    const third = queueJob(db, sampleDoc());
    w.kick();
    await done(third);
    expect(sim.receipts()).toHaveLength(3);
  });

  it("commits in_doubt (attempts + 1, the printer's counter as marker) before the receipt is sent", async () => {
    db = testDb();
    const { sim, device } = printer();
    const real = device();
    const seen: unknown[] = [];
    const spy: FiscalDevice = Object.assign(Object.create(real) as FiscalDevice, {
      register: (doc: Parameters<FiscalDevice['register']>[0]) => {
        seen.push({ ...getEntry(db, headOfLane(db, 'fiscal')!.id)!, payload: undefined }, sim.commandNames());
        return real.register(doc);
      },
    });
    const id = queueJob(db, sampleDoc());
    worker(spy).w.start();
    await done(id);
    expect(seen[0]).toMatchObject({ id, status: 'in_doubt', attempts: 1, marker: 'bn:0', result: null });
    expect(seen[1]).toEqual([]); // nothing but status queries had reached the printer
  });

  it('a refused receipt goes to failed with the printer error; the next one is registered', async () => {
    db = testDb();
    const { sim, device } = printer({ vatRatesBp: [2300, 800, 500, 0, RATE_INACTIVE_BP, RATE_INACTIVE_BP, RATE_EXEMPT_BP] });
    const bad = sampleDoc();
    const refused = queueJob(db, { ...bad, lines: [{ ...bad.lines[0]!, ptu: 'E' }], totalMinor: 698, changeMinor: 1302 });
    const fine = queueJob(db, sampleDoc(), '2026-11-22T10:01:00.000Z');
    const { w, changes } = worker(device());
    w.start();
    await done(fine);
    expect(job(refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job(refused).lastError).toMatch(/refused trline with error 2000/);
    expect(changes.map((c) => c.state)).toContain('error');
    expect(changes.find((c) => c.state === 'error')?.message).toEqual({
      key: 'fiscal.refused',
      details: { number: bad.number, reason: expect.stringMatching(/refused trline with error 2000/) },
    });
    expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'warning', message: { key: 'fiscal.failed', details: { count: 1 } } });
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.transactionOpen()).toBe(false);
    // a person fixes the printer's table and retries it: from scratch, no marker
    expect(retryFailed(db, refused)).toBe(true);
    expect(job(refused)).toMatchObject({ status: 'pending', marker: null, nextAttemptAt: null });
    expect(retryFailed(db, refused)).toBe(false); // only a failed entry
  });

  it('printer offline: the entry waits (pending, error noted, no attempt counted), status offline; registered once it answers', async () => {
    db = testDb();
    const { sim, device } = printer();
    sim.setSilent(true);
    const id = queueJob(db, sampleDoc());
    const { w } = worker(device());
    w.start();
    await until(() => w.status().state === 'offline', 'offline status');
    expect(w.status().message).toEqual({ key: 'fiscal.offline_waiting', details: { count: 1 } });
    expect(job(id)).toMatchObject({ status: 'pending', attempts: 0, marker: null, nextAttemptAt: expect.any(String) });
    expect(job(id).lastError).toMatch(/does not answer/);
    sim.setSilent(false);
    await done(id);
    expect(job(id)).toMatchObject({ attempts: 1, result: '1/1', lastError: null, nextAttemptAt: null });
    expect(w.status().state).toBe('ok');
  });

  it('paper out: status error fiscal.paper_out while the receipt waits, ok and registered once paper is in', async () => {
    db = testDb();
    const { sim, device } = printer();
    sim.setPaperOut(true);
    const id = queueJob(db, sampleDoc());
    const { w, changes } = worker(device());
    w.start();
    await until(() => w.status().message?.key === 'fiscal.paper_out', 'paper out status');
    expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'error', message: { key: 'fiscal.paper_out' } });
    sim.setPaperOut(false);
    await done(id);
    expect(w.status().state).toBe('ok');
    expect(changes.map((c) => c.state)).toEqual(['error', 'ok']);
    expect(sim.receipts()).toHaveLength(1);
  });

  it('stop() does not hang on a receipt waiting for paper; the next start finishes it exactly once', async () => {
    db = testDb();
    const { sim, device } = printer();
    const id = queueJob(db, sampleDoc());
    const off = sim.onCommand((f) => {
      if (f.command === 'trline') {
        sim.setPaperOut(true);
        off();
      }
    });
    const firstDevice = device();
    const first = worker(firstDevice);
    first.w.start();
    await until(() => first.w.status().message?.key === 'fiscal.paper_out', 'paper out');
    const started = Date.now();
    await first.w.stop(100);
    await firstDevice.close(); // the till shuts down
    expect(Date.now() - started).toBeLessThan(1000);
    expect(job(id)).toMatchObject({ status: 'in_doubt', marker: 'bn:0', attempts: 1 });
    const second = worker(device());
    second.w.start();
    sim.setPaperOut(false);
    await done(id);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.cancelledTransactions()).toHaveLength(1); // the half receipt of the first run
    expect(job(id)).toMatchObject({ attempts: 2, marker: 'bn:0' });
  });

  describe('exactly once after an interruption (the entry was left in doubt)', () => {
    it('reply to trend lost in a power cut: after restart the printer counter says registered → done, not sent again', async () => {
      db = testDb();
      const { sim, device } = printer();
      const id = queueJob(db, sampleDoc());
      sim.powerCutAfter('trend');
      const first = worker(device());
      first.w.start();
      await until(() => first.w.status().state === 'offline', 'the first worker to give up');
      expect(job(id)).toMatchObject({ status: 'in_doubt', attempts: 1, marker: 'bn:0', result: null });
      expect(sim.receipts()).toHaveLength(1); // it did print
      await first.w.stop();
      sim.powerOn();
      const logs: string[] = [];
      const second = worker(device(), logs);
      second.w.start();
      await done(id);
      expect(job(id)).toMatchObject({ status: 'done', attempts: 1, result: '1/1' });
      expect(sim.receipts()).toHaveLength(1);
      expect(sim.commandNames().filter((c) => c === 'trinit')).toHaveLength(1);
      expect(logs.join('\n')).toMatch(/had been registered as 1\/1 before the interruption/);
    });

    it('power cut mid-receipt (cancelled by the printer): counter unchanged → registered again, once', async () => {
      db = testDb();
      const { sim, device } = printer();
      const id = queueJob(db, sampleDoc());
      sim.powerCutAfter('trline');
      const first = worker(device());
      first.w.start();
      await until(() => first.w.status().state === 'offline', 'offline');
      await first.w.stop();
      sim.powerOn();
      const logs: string[] = [];
      worker(device(), logs).w.start();
      await done(id);
      expect(job(id)).toMatchObject({ attempts: 2, result: '1/2' });
      expect(sim.receipts()).toHaveLength(1);
      expect(sim.cancelledTransactions()).toHaveLength(1);
      expect(logs.join('\n')).toMatch(/was not registered \(printer counter still 0\); registering it/);
    });

    it('transaction still open after the interruption: cancelled first, then registered once', async () => {
      db = testDb();
      const { sim, device } = printer({ cancelOnPowerReturn: false });
      const id = queueJob(db, sampleDoc());
      sim.powerCutAfter('trpayment');
      const first = worker(device());
      first.w.start();
      await until(() => first.w.status().state === 'offline', 'offline');
      await first.w.stop();
      sim.powerOn();
      expect(sim.transactionOpen()).toBe(true);
      const logs: string[] = [];
      worker(device(), logs).w.start();
      await done(id);
      expect(sim.receipts()).toHaveLength(1);
      expect(sim.cancelledTransactions()).toHaveLength(1);
      expect(logs.join('\n')).toMatch(/interrupted mid-receipt; cancelling/);
    });

    it('a crash right after marking in doubt (nothing reached the printer): registered once', async () => {
      db = testDb();
      const { sim, device } = printer();
      const id = queueJob(db, sampleDoc());
      markInDoubt(db, id, sentMarker(0));
      expect(job(id)).toMatchObject({ status: 'in_doubt', attempts: 1, marker: 'bn:0' });
      worker(device()).w.start();
      await done(id);
      expect(job(id).attempts).toBe(2);
      expect(sim.receipts()).toHaveLength(1);
    });

    it('cannot be told apart (another receipt printed meanwhile): failed for a person, never sent twice', async () => {
      db = testDb();
      const { sim, device, host } = printer();
      const id = queueJob(db, sampleDoc());
      markInDoubt(db, id, sentMarker(0));
      await keypadSale(host, sim);
      const next = queueJob(db, sampleDoc(), '2026-11-22T10:01:00.000Z');
      const { w } = worker(device());
      w.start();
      await until(() => job(id).status === 'failed' && job(id), 'failed');
      expect(job(id).lastError).toMatch(/cannot tell whether receipt .* was registered \(printer counter went from 0 to 1, last receipt total 100 vs 1147\)/);
      expect(job(id)).toMatchObject({ attempts: 1, result: null });
      // the lane moves on; the warning stays until a receipt goes through
      await done(next);
      expect(sim.receipts()).toHaveLength(2);
      expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'warning', message: { key: 'fiscal.failed', details: { count: 1 } } });
    });

    it('cannot be told apart, alone in the queue: the status asks a person to check that receipt', async () => {
      db = testDb();
      const { sim, device, host } = printer();
      const doc = sampleDoc();
      const id = queueJob(db, doc);
      markInDoubt(db, id, sentMarker(0));
      await keypadSale(host, sim);
      const { w } = worker(device());
      w.start();
      await until(() => job(id).status === 'failed' && job(id), 'failed');
      await w.idle();
      expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'error', message: { key: 'fiscal.check_registered', details: { number: doc.number } } });
      expect(sim.receipts()).toHaveLength(1);
    });
  });
});

describe('ladderHistory', () => {
  it('replays done, in-doubt and pending entries in order; failed entries do not count', async () => {
    db = testDb();
    const doc = sampleDoc();
    const mleko = (rateBp: number, ptu: string) => ({ ...doc, receiptId: '', lines: [{ ...doc.lines[0]!, rateBp, ptu }] });
    const name = [{ name: 'MLEKO 3,2% 1L', rateBp: 2300 }];
    const a = queueJob(db, mleko(2300, 'A'), '2026-11-22T10:00:00.000Z');
    db.prepare(`UPDATE outbox SET status = 'done', done_at = '2026-11-22T10:00:01.000Z', result = '1/1' WHERE id = ?`).run(a);
    expect(taxLadderViolations(name, ladderHistory(db))).toEqual([]);
    const b = queueJob(db, mleko(800, 'B'), '2026-11-22T10:01:00.000Z'); // pending: will lower it
    expect(taxLadderViolations(name, ladderHistory(db))).toEqual([{ name: 'MLEKO 3,2% 1L', fiscalName: 'mleko3,2%1l', fromBp: 800, toBp: 2300 }]);
    markInDoubt(db, b, sentMarker(1)); // in flight: still counts
    expect(ladderHistory(db).get('mleko3,2%1l')).toBe(800);
    db.prepare(`UPDATE outbox SET status = 'failed' WHERE id = ?`).run(b);
    expect(taxLadderViolations(name, ladderHistory(db))).toEqual([]);
    const c = queueJob(db, mleko(500, 'C'), '2026-11-22T10:02:00.000Z');
    db.prepare(`UPDATE outbox SET status = 'done', done_at = '2026-11-22T10:02:01.000Z' WHERE id = ?`).run(c);
    // the cached done history picks up the new done entry
    expect(ladderHistory(db).get('mleko3,2%1l')).toBe(500);
    expect(ladderHistory(db, { '2300': 'A', '500': 'C', '800': 'B' }).get('mleko3,2%1l')).toBe(500);
    // only fiscal receipts count: a printout of the same name on the printer lane does not
    const d = queueJob(db, mleko(2300, 'A'), '2026-11-22T10:03:00.000Z');
    db.prepare(`UPDATE outbox SET lane = 'printer', kind = 'print.drawer' WHERE id = ?`).run(d);
    expect(ladderHistory(db).get('mleko3,2%1l')).toBe(500);
  });

  it('follows what the worker registers', async () => {
    db = testDb();
    const { device } = printer();
    const doc = sampleDoc();
    const id = queueJob(db, { ...doc, lines: [{ ...doc.lines[0]!, rateBp: 800, ptu: 'B' }, { ...doc.lines[0]!, rateBp: 500, ptu: 'C' }], totalMinor: 1396, changeMinor: 604 });
    worker(device()).w.start();
    await done(id);
    expect([...ladderHistory(db)]).toEqual([['mleko3,2%1l', 500]]);
  });
});
