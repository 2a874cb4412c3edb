/**
 * The printer lane (OutboxWorker + PrintDrainer) on an in-memory printer: entry kinds, chunk
 * progress, the device log, and the paper-near-end warning as the contract sees it. Serial (PTY)
 * and TCP runs are in test/integration/printer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertEntry } from '../../../electron/db/outbox-repo.js';
import type { PrintProgress } from '../../../electron/devices/printer/drainer.js';
import { planReceipt } from '../../../native/printer/escpos.js';
import { readPbmFile } from '../../../native/printer/pbm.js';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/wait.js';
import { localeLabels, sampleReceipt } from './fixtures.js';
import { workerRig, type WorkerRig } from './worker-rig.js';

let rig: WorkerRig;
afterEach(async () => {
  await rig.close();
});

describe('PrintDrainer entry kinds', () => {
  it('prints a receipt chunk by chunk, storing progress, and marks it done', async () => {
    rig = await workerRig({ link: 'memory' });
    const doc = sampleReceipt();
    const total = planReceipt(doc, localeLabels('et'), rig.setup.profile).length;
    const id = rig.queueReceipt(doc);
    const progress: PrintProgress[] = [];
    const worker = rig.worker({ onProgress: (p) => progress.push(p) });
    worker.start();
    await waitFor(() => rig.job(id).status === 'done', 'the entry done');
    expect(rig.job(id)).toMatchObject({
      lane: 'printer',
      kind: 'print.receipt',
      version: 2,
      documentId: 'rc-1',
      progress: total,
      attempts: 1,
      lastError: null,
      doneAt: '2026-11-22T10:00:00.000Z',
    });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.map((p) => p.chunk)).toEqual(planReceipt(doc, localeLabels('et'), rig.setup.profile).map((c) => c.name));
    expect(progress.every((p) => p.jobId === id && p.kind === 'print.receipt' && p.total === total)).toBe(true);
    expect(rig.sim.documents()).toHaveLength(1);
    expect(rig.printed).toEqual([{ receiptId: 'rc-1', number: 'K1-000042' }]);
    expect(worker.status()).toMatchObject({ state: 'ok', pendingJobs: 0 });
    expect(worker.status()).not.toHaveProperty('message');
    expect(rig.log()).toEqual([]); // an ordinary receipt is no device event
  });

  it('a reprint (copy) is logged with the receipt number; a cash sale kicks the drawer once and logs it', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.queueReceipt(sampleReceipt({ copy: true, number: 'K000007' }));
    rig.queueReceipt(sampleReceipt({ number: 'K000008', openDrawer: true }));
    rig.worker().start();
    await waitFor(() => rig.sim.documents().length === 2 && rig.sim.drawerKicks() === 1, 'both receipts and one kick');
    await waitFor(() => rig.log().length === 2, 'two log entries');
    expect(rig.log()).toEqual([
      { at: '2026-11-22T10:00:00.000Z', device: 'printer', event: 'reprint', detail: 'K000007' },
      { at: '2026-11-22T10:00:00.000Z', device: 'drawer', event: 'drawer.kick', detail: 'K000008' },
    ]);
    const [copy, sale] = rig.sim.documents();
    expect([copy!.drawerKicks, sale!.drawerKicks]).toEqual([0, 1]);
    const receiptIds = rig.db.prepare(`SELECT event, receipt_id AS receiptId FROM device_log ORDER BY id`).all();
    expect(receiptIds).toEqual([
      { event: 'reprint', receiptId: 'rc-1' },
      { event: 'drawer.kick', receiptId: 'rc-2' },
    ]);
  });

  it("a 'print.drawer' entry only kicks the drawer and logs the reason", async () => {
    rig = await workerRig({ link: 'memory' });
    const id = rig.queue('print.drawer', { reason: 'change for the float' });
    rig.worker().start();
    await waitFor(() => rig.job(id).status === 'done', 'the drawer entry');
    expect(rig.job(id)).toMatchObject({ lane: 'printer', documentId: null, progress: 1 });
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.sim.documents()).toEqual([]); // nothing printed, nothing cut
    expect(rig.sim.receivedBytes()).toEqual(Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa));
    expect(rig.log()).toEqual([{ at: '2026-11-22T10:00:00.000Z', device: 'drawer', event: 'drawer.open', detail: 'change for the float' }]);
    expect(rig.printed).toEqual([]);
  });

  it("a 'print.test' entry prints the test page with profile, code page, samples and a QR", async () => {
    rig = await workerRig({ link: 'memory' });
    const id = rig.queue('print.test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    rig.worker().start();
    const [page] = await waitFor(() => (rig.sim.documents().length ? rig.sim.documents() : null), 'the test page');
    expect(page!.lines[0]).toBe('Testlehekülg');
    expect(page!.text).toContain('Koodileht: WPC1257 (ESC t 51)');
    expect(page!.text).toContain('et Õun Äädikas');
    expect(page!.qr).toBe('TEST epson-wpc1257');
    await waitFor(() => rig.log().some((e) => e.event === 'test.printed'), 'the log entry');
    expect(rig.log()).toEqual([{ at: '2026-11-22T10:00:00.000Z', device: 'printer', event: 'test.printed', detail: 'epson-wpc1257' }]);
    await waitFor(() => rig.job(id).status === 'done', 'the test entry done');
  });

  it('prints the logo when the receipt asks for it and the drainer has it', async () => {
    rig = await workerRig({ link: 'memory' });
    const logo = readPbmFile(fileURLToPath(new URL('../../../assets/logo.pbm', import.meta.url)));
    rig.queueReceipt(sampleReceipt({ logo: true, qr: 'K1-000042' }));
    rig.worker({ logo }).start();
    const [doc] = await waitFor(() => (rig.sim.documents().length ? rig.sim.documents() : null), 'the receipt');
    expect(doc).toMatchObject({ logo: true, images: [{ widthDots: 256, heightDots: 64 }], qr: 'K1-000042' });
    expect(doc!.lines[0]).toBe('Õunapuu Pood OÜ');
  });

  it('the wake-up after the commit prints an entry queued while the worker runs', async () => {
    rig = await workerRig({ link: 'memory' });
    const worker = rig.worker();
    worker.start();
    await worker.idle();
    const id = rig.queueReceipt(sampleReceipt()); // no kick: the transaction wakes the lane
    await waitFor(() => rig.job(id).status === 'done', 'the entry done');
    expect(rig.woken).toEqual(['printer']);
    expect(rig.sim.documents()).toHaveLength(1);
  });

  it('sets aside an entry that cannot be laid out (job.unprintable, failed), and prints the next', async () => {
    rig = await workerRig({ link: 'memory' });
    // A readable payload the printer cannot carry out: a fiscal receipt put on the printer lane.
    rig.db
      .prepare(`INSERT INTO receipts (id, status, series_code, currency, created_at, updated_at) VALUES ('r-x', 'draft', 'K', 'EUR', ?, ?)`)
      .run('2026-11-22T09:00:00.000Z', '2026-11-22T09:00:00.000Z');
    const fiscal = { receiptId: 'r-x', number: 'K-1', lines: [], totalMinor: 0, payments: [], changeMinor: 0, roundingMinor: 0 };
    insertEntry(rig.db, { id: 'odd', lane: 'printer', kind: 'fiscal.receipt', version: 1, documentId: 'r-x', payload: JSON.stringify(fiscal), now: '2026-11-22T09:00:00.000Z' });
    const good = rig.queueReceipt(sampleReceipt());
    rig.worker().start();
    await waitFor(() => rig.job(good).status === 'done', 'the good entry');
    expect(rig.job('odd')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'unprintable document: the printer does not carry out fiscal.receipt' });
    expect(rig.log().map((e) => [e.event, e.detail])).toEqual([['job.unprintable', 'fiscal.receipt odd: unprintable document: the printer does not carry out fiscal.receipt']]);
    expect(rig.db.prepare(`SELECT receipt_id AS receiptId FROM device_log`).all()).toEqual([{ receiptId: 'r-x' }]);
    expect(rig.sim.documents()).toHaveLength(1);
  });

  it('sets aside an entry whose payload cannot be read (failed, with the reason), and prints the next', async () => {
    rig = await workerRig({ link: 'memory' });
    const bad = rig.queue('print.test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    rig.db.prepare(`UPDATE outbox SET payload = '{"broken": true}' WHERE id = ?`).run(bad);
    const good = rig.queueReceipt(sampleReceipt());
    rig.worker().start();
    await waitFor(() => rig.job(good).status === 'done', 'the good entry');
    expect(rig.job(bad)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^unreadable: print\.test v1: shopName: /) });
    expect(rig.sim.documents()).toHaveLength(1);
  });

  // A document that cannot be read is set aside, and the device log (the evidence a person checks)
  // says which one and why.
  it('an unreadable print payload leaves a job.unprintable entry in the device log, as before', async () => {
    rig = await workerRig({ link: 'memory' });
    const bad = rig.queue('print.test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    rig.db.prepare(`UPDATE outbox SET payload = '{"broken": true}' WHERE id = ?`).run(bad);
    const good = rig.queueReceipt(sampleReceipt());
    rig.worker().start();
    await waitFor(() => rig.job(good).status === 'done', 'the good entry');
    expect(rig.job(bad)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^unreadable: /) });
    expect(rig.log().map((e) => e.event)).toEqual(['job.unprintable']);
  });

  it('a payload that is not JSON cannot even be stored (the old test wrote one; the outbox refuses it)', async () => {
    rig = await workerRig({ link: 'memory' });
    const bad = rig.queue('print.test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    expect(() => rig.db.prepare(`UPDATE outbox SET payload = '{broken' WHERE id = ?`).run(bad)).toThrow(/CHECK constraint failed/);
    expect(rig.job(bad).payload).toContain('Demo Pood');
  });
});

describe('PrintDrainer faults and warnings', () => {
  it('paper near end: still prints, the contract state is ok with a message, logged once', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setPaperNearEnd(true);
    const worker = rig.worker();
    rig.queueReceipt(sampleReceipt());
    rig.queueReceipt(sampleReceipt({ number: 'K1-000043' }));
    worker.start();
    await waitFor(() => rig.sim.documents().length === 2, 'both receipts');
    await worker.idle();
    expect(worker.status()).toMatchObject({ state: 'ok', message: { key: 'printer.paper_near_end' }, pendingJobs: 0 });
    expect(worker.printerState()).toBe('paper_near_end');
    expect(rig.log().map((e) => e.event)).toEqual(['paper.near_end']);

    rig.sim.setPaperNearEnd(false); // a new roll
    rig.queueReceipt(sampleReceipt({ number: 'K1-000044' }));
    worker.kick();
    await waitFor(() => rig.sim.documents().length === 3, 'the third receipt');
    await worker.idle();
    expect(worker.status()).toEqual({ name: expect.any(String), state: 'ok', pendingJobs: 0 });
    expect(rig.log().map((e) => e.event)).toEqual(['paper.near_end', 'paper.replaced']);
  });

  it('an idle printer running low is shown as a warning by the status poll', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setPaperNearEnd(true);
    const worker = rig.worker({ pollMs: 20 });
    worker.start();
    await waitFor(() => worker.status().message?.key === 'printer.paper_near_end', 'the warning');
    expect(worker.status().state).toBe('ok');
    expect(rig.statuses[0]).toMatchObject({ state: 'ok', message: { key: 'printer.paper_near_end' }, pendingJobs: 0 });
  });

  it('the idle poll pushes the status once, not on every poll; a change is pushed again', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setPaperNearEnd(true);
    const worker = rig.worker({ pollMs: 20 });
    worker.start();
    await waitFor(() => worker.status().message?.key === 'printer.paper_near_end', 'the warning');
    await new Promise((r) => setTimeout(r, 150)); // several polls
    expect(rig.statuses).toHaveLength(1);
    rig.sim.setCondition('cover_open');
    await waitFor(() => worker.status().state === 'cover_open', 'the open cover seen by the poll');
    await new Promise((r) => setTimeout(r, 150));
    expect(rig.statuses.map((s) => s.state)).toEqual(['ok', 'cover_open']);
    expect(rig.log().map((e) => e.event)).toEqual(['paper.near_end', 'fault']);
  });

  it('a printer out of paper before the entry: nothing is sent, fault logged once, recovery logged, then printed', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setCondition('paper_out');
    const id = rig.queueReceipt(sampleReceipt());
    const worker = rig.worker();
    worker.start();
    await waitFor(() => worker.status().state === 'paper_out', 'paper_out');
    await new Promise((r) => setTimeout(r, 150)); // a few retries
    expect(rig.job(id)).toMatchObject({ status: 'pending', progress: 0, lastError: expect.stringMatching(/^paper_out/), nextAttemptAt: expect.any(String) });
    expect(rig.job(id).attempts).toBeGreaterThanOrEqual(2); // each refused try counts
    expect(worker.status()).toMatchObject({ state: 'paper_out', pendingJobs: 1 });
    expect(rig.sim.receivedBytes()).toHaveLength(0);
    rig.sim.setCondition('ok');
    await waitFor(() => rig.job(id).status === 'done', 'the entry after the paper change');
    expect(rig.log().map((e) => [e.event, e.detail])).toEqual([
      ['fault', expect.stringMatching(/^paper_out/)],
      ['recovered', 'after paper_out'],
    ]);
    expect(rig.sim.documents()).toHaveLength(1);
    expect(worker.status()).toMatchObject({ state: 'ok', pendingJobs: 0 });
    expect(rig.job(id)).toMatchObject({ lastError: null, nextAttemptAt: null });
  });

  // The device log and the entry's last error say what is wrong in words a person reads.
  it('the fault in the device log and last_error say what is wrong in words, as before', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setCondition('paper_out');
    const id = rig.queueReceipt(sampleReceipt());
    const worker = rig.worker();
    worker.start();
    await waitFor(() => worker.status().state === 'paper_out', 'paper_out');
    expect(rig.log().map((e) => [e.event, e.detail])).toEqual([['fault', 'paper_out: Printer is out of paper']]);
    expect(rig.job(id).lastError).toBe('paper_out: Printer is out of paper');
  });
});
