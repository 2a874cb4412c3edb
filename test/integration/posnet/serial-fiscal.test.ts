/**
 * The POSNET driver, the fiscal lane of the outbox (OutboxWorker + FiscalDrainer) and the
 * simulated printer on the two ends of a real PTY pair (socat), both opened through serialport:
 * the same path as a fiscal printer on a COM port or a USB-serial adapter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../electron/contract/api.js';
import type { Db } from '../../../electron/db/open.js';
import { setupFiscal } from '../../../electron/devices/fiscal/setup.js';
import type { ByteLink } from '../../../native/link/link.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { PosnetFiscalDevice, type PosnetDeviceOptions } from '../../../native/posnet/driver.js';
import { PosnetSimulator } from '../../../native/posnet/simulator.js';
import { openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { entry, fiscalRun, queueJob, sampleDoc, testDb, until } from '../../unit/posnet/support.js';

const OPTIONS: PosnetDeviceOptions = { replyTimeoutMs: 300, statusTimeoutMs: 150 };

let pty: PtyPair;
let sim: PosnetSimulator;
let db: Db;
let cleanup: Array<() => Promise<void>>;

/** A link that puts noise on the line before every frame the till sends. */
function noisy(link: ByteLink, noise: Uint8Array): ByteLink {
  return {
    description: link.description,
    onData: (l) => link.onData(l),
    close: () => link.close(),
    write: (data) => link.write(Uint8Array.from([...noise, ...data])),
  };
}

function device(wrap: (link: ByteLink) => ByteLink = (l) => l, options: PosnetDeviceOptions = OPTIONS): PosnetFiscalDevice {
  const d = new PosnetFiscalDevice(`POSNET @ ${pty.a}`, async () => wrap(await openSerialLink({ path: pty.a })), options);
  cleanup.push(() => d.close());
  return d;
}

/** A till run: a new OutboxWorker and FiscalDrainer on the test's database. */
function worker(d: PosnetFiscalDevice, logs: string[] = []) {
  const changes: DeviceStatus[] = [];
  const w = fiscalRun(db, d, { log: (m) => logs.push(m), onChange: (s) => changes.push(s), lane: { retryMs: 50, maxRetryMs: 200, pollMs: 0 } });
  cleanup.push(() => w.stop());
  return { w, changes, logs };
}

const job = (id: string) => entry(db, id);
const done = (id: string, ms = 8000) => until(() => job(id).status === 'done' && job(id), `entry ${id} done`, ms);

// No skip without socat: the test command installs it, and a skipped serial test proves nothing.
describe('POSNET fiscal printer over a PTY pair', () => {
  beforeEach(async () => {
    cleanup = [];
    pty = await openPtyPair();
    sim = new PosnetSimulator(await openSerialLink({ path: pty.b }));
    db = testDb();
  });

  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    await sim.close();
    await pty.close();
    db.close();
  });

  it('registers a receipt with the expected command sequence, fields and Polish letters', async () => {
    const d = device();
    await expect(d.register(sampleDoc({ number: 'K-000001' }))).resolves.toEqual({ fiscalRef: '1/1' });
    const commands = sim.commands().map((f) => [f.command, f.params]);
    expect(commands).toEqual([
      ['trinit', [['bm', '0']]],
      ['trline', [['na', 'Mleko 3,2% 1 l'], ['vt', '1'], ['pr', '349'], ['il', '2'], ['wa', '698']]],
      ['trline', [['na', 'Chleb żytni'], ['vt', '2'], ['pr', '499'], ['il', '1'], ['wa', '499'], ['rd', '1'], ['rw', '50']]],
      ['trpayment', [['ty', '0'], ['wa', '2000']]],
      ['trpayment', [['ty', '0'], ['wa', '853'], ['re', '1']]],
      ['trend', [['to', '1147'], ['fp', '2000'], ['re', '853']]],
      ['scnt', []],
    ]);
    expect(sim.commands().every((f) => /^\d{4}$/.test(f.token ?? ''))).toBe(true);
    expect(sim.receipts()).toEqual([
      expect.objectContaining({ number: 1, totalMinor: 1147, changeMinor: 853, lines: [expect.objectContaining({ name: 'Mleko 3,2% 1 l' }), expect.objectContaining({ name: 'Chleb żytni', valueMinor: 449 })] }),
    ]);
  });

  it('drains the outbox through setupFiscal("posnet:sim"): simulator on its own PTY pair', async () => {
    const setup = await setupFiscal({ connection: 'posnet:sim', device: OPTIONS });
    cleanup.push(() => setup.close());
    expect(setup.device?.name).toMatch(/^POSNET \(simulated\) @ .*ttyA$/);
    const ids = [queueJob(db, sampleDoc()), queueJob(db, sampleDoc({ payments: [{ kind: 'card', amountMinor: 1147 }], changeMinor: 0 }), '2026-11-22T10:01:00.000Z')];
    const w = fiscalRun(db, setup.device, { lane: { retryMs: 50, pollMs: 0 } });
    cleanup.push(() => w.stop());
    w.start();
    await done(ids[1]!);
    expect(ids.map((id) => job(id).result)).toEqual(['1/1', '2/2']);
    expect(setup.simulator?.receipts().map((r) => r.payments.map((p) => p.type))).toEqual([[0], [2]]);
    expect(w.status().state).toBe('ok');
  });

  it('paper out mid-receipt: the status says so, the receipt completes once paper is in — one receipt, no cancel', async () => {
    const off = sim.onCommand((frame) => {
      if (frame.command === 'trline') {
        sim.setPaperOut(true);
        off();
      }
    });
    const id = queueJob(db, sampleDoc());
    const { w, changes } = worker(device());
    w.start();
    await until(() => w.status().message?.key === 'fiscal.paper_out', 'the paper-out status');
    expect(w.status().state).toBe('error');
    expect(job(id)).toMatchObject({ status: 'in_doubt', attempts: 1, marker: 'bn:0' });
    expect(sim.transactionOpen()).toBe(true);
    expect(sim.receipts()).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300)); // the printer keeps waiting; so does the worker
    expect(job(id)).toMatchObject({ status: 'in_doubt', attempts: 1 });
    sim.setPaperOut(false);
    await done(id);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.cancelledTransactions()).toHaveLength(0);
    expect(changes.map((c) => c.state)).toEqual(['error', 'ok']);
    expect(w.status()).toEqual({ name: `POSNET @ ${pty.a}`, state: 'ok' });
  });

  it('the reply to trend is lost in a power cut: after restarting the worker the receipt is registered exactly once', async () => {
    const id = queueJob(db, sampleDoc());
    sim.powerCutAfter('trend');
    const first = worker(device());
    first.w.start();
    await until(() => first.w.status().state === 'offline', 'the first worker to lose the printer');
    expect(job(id)).toMatchObject({ status: 'in_doubt', attempts: 1, marker: 'bn:0', result: null });
    expect(sim.counterValues().receiptsCompleted).toBe(1);
    // The till is restarted (new worker, new serial connection); the printer is back on.
    await first.w.stop();
    sim.powerOn();
    const logs: string[] = [];
    const second = worker(device(), logs);
    second.w.start();
    await done(id);
    expect(job(id)).toMatchObject({ status: 'done', attempts: 1, result: '1/1' });
    expect(sim.counterValues()).toMatchObject({ receiptsCompleted: 1, receiptsCancelled: 0 });
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.commandNames().filter((c) => c === 'trinit')).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/registered as 1\/1 before the interruption; not sending it again/);
    expect(second.w.status().state).toBe('ok');
  });

  it('the reply to trend is lost on the wire but the printer stays on: fetched again with rpt, one receipt', async () => {
    const id = queueJob(db, sampleDoc());
    sim.dropReplyTo('trend');
    worker(device()).w.start();
    await done(id);
    expect(job(id).attempts).toBe(1);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.commandNames({ withStatus: true })).toContain('rpt');
  });

  it('garbage on the line both ways and a damaged reply: registered once, correctly', async () => {
    sim.setNoise(Uint8Array.of(0x00, 0xff, 0x03, 0x0d, 0x0a, 0x11, 0x13, 0x23, 0x09));
    sim.corruptNextReply();
    const d = device((link) => noisy(link, Uint8Array.of(0xfe, 0x03, 0x41, 0x09, 0x00)));
    const id = queueJob(db, sampleDoc());
    worker(d).w.start();
    await done(id);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.receipts()[0]).toMatchObject({ totalMinor: 1147, changeMinor: 853 });
    expect(sim.commandNames()).toEqual(['trinit', 'trline', 'trline', 'trpayment', 'trpayment', 'trend']);
    expect(sim.commandNames({ withStatus: true })).toContain('rpt'); // the damaged reply was asked for again
    expect(sim.garbageBytes()).toBeGreaterThanOrEqual(5 * 6); // the noise reached the printer and was dropped
  });

  it('a slow device (replies later than the reply timeout) is waited for, not given up on', async () => {
    sim.setReplyDelay(250);
    const d = device((l) => l, { replyTimeoutMs: 100, statusTimeoutMs: 100 });
    const started = Date.now();
    await expect(d.register(sampleDoc())).resolves.toEqual({ fiscalRef: '1/1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 250);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.cancelledTransactions()).toHaveLength(0);
  });

  it('an unplugged printer (silent) mid-receipt: offline, then cancelled and registered once when it is back', async () => {
    const off = sim.onCommand((frame) => {
      if (frame.command === 'trpayment') {
        sim.setSilent(true);
        off();
      }
    });
    const id = queueJob(db, sampleDoc());
    const { w } = worker(device());
    w.start();
    await until(() => w.status().state === 'offline', 'offline');
    expect(w.status().message).toEqual({ key: 'fiscal.offline_waiting', details: { count: 1 } });
    expect(job(id)).toMatchObject({ status: 'in_doubt', marker: 'bn:0' });
    sim.setSilent(false);
    await done(id);
    expect(job(id).attempts).toBe(2);
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.cancelledTransactions()).toHaveLength(1);
  });
});
