import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/open.js';
import { getFiscalJob, ladderHistory, markFiscalJobSent, nextOpenFiscalJob, retryFailedFiscalJob } from '../../../electron/db/fiscal-jobs-repo.js';
import { FiscalWorker } from '../../../electron/devices/fiscal-worker.js';
import { taxLadderViolations } from '../../../electron/domain/tax-ladder.js';
import { memoryLinkPair, type ByteLink, type MemoryLink } from '../../../native/printer/link.js';
import { PosnetFiscalDevice, type FiscalDevice } from '../../../native/posnet/driver.js';
import { encodeFrame } from '../../../native/posnet/frame.js';
import { PosnetSimulator, type PosnetSimulatorOptions } from '../../../native/posnet/simulator.js';
import { RATE_EXEMPT_BP, RATE_INACTIVE_BP } from '../../../native/posnet/spec.js';
import { fixedClock, queueJob, sampleDoc, testDb, until } from './support.js';

type Status = ReturnType<FiscalWorker['status']>;

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

function worker(device: FiscalDevice | null, logs: string[] = []) {
  const changes: Status[] = [];
  const w = new FiscalWorker({ db, device, clock: fixedClock(), log: (m) => logs.push(m), onChange: (s) => changes.push(s), retryMs: 40, maxRetryMs: 80, pollMs: 0 });
  cleanup.push(() => w.stop());
  return { w, changes, logs };
}

const job = (id: string) => getFiscalJob(db, id)!;
const done = (id: string) => until(() => job(id).status === 'done' && job(id), `job ${id} done`);

describe('FiscalWorker', () => {
  it('without a fiscal printer: state none, nothing happens', async () => {
    db = testDb();
    const id = queueJob(db, sampleDoc());
    const { w, changes } = worker(null);
    w.start();
    w.kick();
    await w.idle();
    expect(w.status()).toEqual({ name: 'fiscal printer', state: 'none' });
    expect(job(id).status).toBe('pending');
    expect(changes).toEqual([]);
  });

  it('registers queued receipts in order, once each, with the printed reference', async () => {
    db = testDb();
    const { sim, device } = printer();
    const first = queueJob(db, sampleDoc(), '2026-11-22T10:00:00.000Z');
    const second = queueJob(db, sampleDoc({ number: 'K-2' }), '2026-11-22T10:01:00.000Z');
    const { w } = worker(device());
    w.start();
    await done(second);
    expect(job(first)).toMatchObject({ status: 'done', attempts: 1, fiscalRef: '1/1', lastError: null, doneAt: '2026-11-22T10:00:00.000Z' });
    expect(job(second)).toMatchObject({ status: 'done', attempts: 1, fiscalRef: '2/2' });
    expect(sim.receipts().map((r) => r.number)).toEqual([1, 2]);
    expect(sim.commandNames().filter((c) => c === 'trinit')).toHaveLength(2);
    expect(w.status()).toEqual({ name: 'POSNET (test)', state: 'ok' });
    const third = queueJob(db, sampleDoc());
    w.kick();
    await done(third);
    expect(sim.receipts()).toHaveLength(3);
  });

  it("commits 'sent' (attempts + 1, the printer's counter) before the receipt is sent", async () => {
    db = testDb();
    const { sim, device } = printer();
    const real = device();
    const seen: unknown[] = [];
    const spy: FiscalDevice = Object.assign(Object.create(real) as FiscalDevice, {
      register: (doc: Parameters<FiscalDevice['register']>[0]) => {
        seen.push({ ...getFiscalJob(db, nextOpenFiscalJob(db)!.id)!, document: undefined }, sim.commandNames());
        return real.register(doc);
      },
    });
    const id = queueJob(db, sampleDoc());
    worker(spy).w.start();
    await done(id);
    expect(seen[0]).toMatchObject({ status: 'sent', attempts: 1, fiscalRef: 'bn:0' });
    expect(seen[1]).toEqual([]); // nothing but status queries had reached the printer
  });

  it('a refused receipt goes to failed with the printer error; the next one is registered', async () => {
    db = testDb();
    const { sim, device } = printer({ vatRatesBp: [2300, 800, 500, 0, RATE_INACTIVE_BP, RATE_INACTIVE_BP, RATE_EXEMPT_BP] });
    const bad = sampleDoc();
    const refused = queueJob(db, { ...bad, lines: [{ ...bad.lines[0]!, ptu: 'E' }] , totalMinor: 698, changeMinor: 1302 });
    const fine = queueJob(db, sampleDoc(), '2026-11-22T10:01:00.000Z');
    const { w, changes } = worker(device());
    w.start();
    await done(fine);
    expect(job(refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job(refused).lastError).toMatch(/refused trline with error 2000/);
    expect(changes.map((c) => c.state)).toContain('error');
    expect(changes.find((c) => c.state === 'error')?.message).toMatch(/was refused by the fiscal printer/);
    expect(w.status()).toMatchObject({ state: 'warning', message: '1 receipt(s) not registered on the fiscal printer: check them' });
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.transactionOpen()).toBe(false);
    // a person fixes the printer's table and retries it
    expect(retryFailedFiscalJob(db, refused)).toBe(true);
  });

  it('printer offline: the job waits (pending, error noted), status offline; registered once it answers', async () => {
    db = testDb();
    const { sim, device } = printer();
    sim.setSilent(true);
    const id = queueJob(db, sampleDoc());
    const { w } = worker(device());
    w.start();
    await until(() => w.status().state === 'offline', 'offline status');
    expect(job(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(job(id).lastError).toMatch(/does not answer/);
    sim.setSilent(false);
    await done(id);
    expect(job(id)).toMatchObject({ attempts: 1, fiscalRef: '1/1' });
    expect(w.status().state).toBe('ok');
  });

  it('paper out: status error "paper out" while the receipt waits, ok and registered once paper is in', async () => {
    db = testDb();
    const { sim, device } = printer();
    sim.setPaperOut(true);
    const id = queueJob(db, sampleDoc());
    const { w, changes } = worker(device());
    w.start();
    await until(() => w.status().message === 'Fiscal printer: paper out', 'paper out status');
    expect(w.status().state).toBe('error');
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
    await until(() => first.w.status().message === 'Fiscal printer: paper out', 'paper out');
    const started = Date.now();
    await first.w.stop(100);
    await firstDevice.close(); // the till shuts down
    expect(Date.now() - started).toBeLessThan(1000);
    expect(job(id).status).toBe('sent');
    const second = worker(device());
    second.w.start();
    sim.setPaperOut(false);
    await done(id);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.cancelledTransactions()).toHaveLength(1); // the half receipt of the first run
    expect(job(id).attempts).toBe(2);
  });

  describe('exactly once after an interruption (the job was left sent)', () => {
    it('reply to trend lost in a power cut: after restart the printer counter says registered → done, not sent again', async () => {
      db = testDb();
      const { sim, device } = printer();
      const id = queueJob(db, sampleDoc());
      sim.powerCutAfter('trend');
      const first = worker(device());
      first.w.start();
      await until(() => first.w.status().state === 'offline', 'the first worker to give up');
      expect(job(id)).toMatchObject({ status: 'sent', attempts: 1, fiscalRef: 'bn:0' });
      expect(sim.receipts()).toHaveLength(1); // it did print
      await first.w.stop();
      sim.powerOn();
      const logs: string[] = [];
      const second = worker(device(), logs);
      second.w.start();
      await done(id);
      expect(job(id)).toMatchObject({ status: 'done', attempts: 1, fiscalRef: '1/1' });
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
      worker(device()).w.start();
      await done(id);
      expect(job(id)).toMatchObject({ attempts: 2, fiscalRef: '1/2' });
      expect(sim.receipts()).toHaveLength(1);
      expect(sim.cancelledTransactions()).toHaveLength(1);
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

    it('a crash right after marking sent (nothing reached the printer): registered once', async () => {
      db = testDb();
      const { sim, device } = printer();
      const id = queueJob(db, sampleDoc());
      markFiscalJobSent(db, id, 0);
      worker(device()).w.start();
      await done(id);
      expect(job(id).attempts).toBe(2);
      expect(sim.receipts()).toHaveLength(1);
    });

    it('cannot be told apart (another receipt printed meanwhile): failed for a person, never sent twice', async () => {
      db = testDb();
      const { sim, device, host } = printer();
      const id = queueJob(db, sampleDoc());
      markFiscalJobSent(db, id, 0);
      // Someone sells on the printer's keypad meanwhile: counter 0 → 1, but not our total.
      for (const frame of [
        encodeFrame({ command: 'trinit', token: '0001' }),
        encodeFrame({ command: 'trline', token: '0002', params: [['na', 'Inne'], ['vt', 0], ['pr', 100]] }),
        encodeFrame({ command: 'trend', token: '0003', params: [['to', 100]] }),
      ])
        await (host as MemoryLink).write(frame);
      await until(() => sim.receipts().length === 1, 'the keypad sale');
      const { w } = worker(device());
      w.start();
      await until(() => job(id).status === 'failed' && job(id), 'failed');
      expect(job(id).lastError).toMatch(/cannot tell whether receipt .* was registered \(printer counter went from 0 to 1, last receipt total 100 vs 1147\)/);
      expect(w.status()).toMatchObject({ state: 'error', message: expect.stringMatching(/check on the fiscal printer/) });
      expect(sim.receipts()).toHaveLength(1);
    });
  });
});

describe('ladderHistory', () => {
  it('replays done, sent and pending jobs in order; failed jobs do not count', async () => {
    db = testDb();
    const doc = sampleDoc();
    const mleko = (rateBp: number, ptu: string) => ({ ...doc, receiptId: '', lines: [{ ...doc.lines[0]!, rateBp, ptu }] });
    const a = queueJob(db, mleko(2300, 'A'), '2026-11-22T10:00:00.000Z');
    db.prepare(`UPDATE fiscal_jobs SET status = 'done', done_at = '2026-11-22T10:00:01.000Z', fiscal_ref = '1/1' WHERE id = ?`).run(a);
    expect(taxLadderViolations([{ name: 'MLEKO 3,2% 1L', rateBp: 2300 }], ladderHistory(db))).toEqual([]);
    const b = queueJob(db, mleko(800, 'B'), '2026-11-22T10:01:00.000Z'); // pending: will lower it
    expect(taxLadderViolations([{ name: 'MLEKO 3,2% 1L', rateBp: 2300 }], ladderHistory(db))).toEqual([
      { name: 'MLEKO 3,2% 1L', fiscalName: 'mleko3,2%1l', fromBp: 800, toBp: 2300 },
    ]);
    db.prepare(`UPDATE fiscal_jobs SET status = 'failed' WHERE id = ?`).run(b);
    expect(taxLadderViolations([{ name: 'MLEKO 3,2% 1L', rateBp: 2300 }], ladderHistory(db))).toEqual([]);
    const c = queueJob(db, mleko(500, 'C'), '2026-11-22T10:02:00.000Z');
    db.prepare(`UPDATE fiscal_jobs SET status = 'done', done_at = '2026-11-22T10:02:01.000Z' WHERE id = ?`).run(c);
    // the cached done history picks up the new done job
    expect(ladderHistory(db).get('mleko3,2%1l')).toBe(500);
    expect(ladderHistory(db, { '2300': 'A', '500': 'C', '800': 'B' }).get('mleko3,2%1l')).toBe(500);
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
