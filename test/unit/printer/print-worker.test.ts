/**
 * The print worker on an in-memory printer: job kinds, chunk progress, the device log, and the
 * paper-near-end warning as the contract sees it. Serial (PTY) and TCP runs are in
 * test/integration/printer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_NEAR_END_MESSAGE, type PrintProgress } from '../../../electron/devices/print-worker.js';
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

describe('PrintWorker job kinds', () => {
  it('prints a receipt chunk by chunk, storing progress, and marks it done', async () => {
    rig = await workerRig({ link: 'memory' });
    const doc = sampleReceipt();
    const total = planReceipt(doc, localeLabels('et'), rig.setup.profile).length;
    const id = rig.queueReceipt(doc);
    const progress: PrintProgress[] = [];
    const printed: unknown[] = [];
    rig.events.subscribe((name, payload) => name === 'receipt.printed' && printed.push(payload));
    const worker = rig.worker({ onProgress: (p) => progress.push(p) });
    worker.start();
    await waitFor(() => rig.job(id).status === 'done', 'the job done');
    expect(rig.job(id)).toMatchObject({ progress: total, lastError: null, kind: 'receipt' });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.map((p) => p.chunk)).toEqual(planReceipt(doc, localeLabels('et'), rig.setup.profile).map((c) => c.name));
    expect(rig.sim.documents()).toHaveLength(1);
    expect(printed).toEqual([{ receiptId: 'rc-1', number: 'K1-000042' }]);
    expect(worker.status()).toMatchObject({ state: 'ok', pendingJobs: 0 });
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

  it("a 'drawer' job only kicks the drawer and logs the reason", async () => {
    rig = await workerRig({ link: 'memory' });
    const id = rig.queue('drawer', { reason: 'change for the float' });
    rig.worker().start();
    await waitFor(() => rig.job(id).status === 'done', 'the drawer job');
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.sim.documents()).toEqual([]); // nothing printed, nothing cut
    expect(rig.sim.receivedBytes()).toEqual(Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa));
    expect(rig.log()).toEqual([{ at: '2026-11-22T10:00:00.000Z', device: 'drawer', event: 'drawer.open', detail: 'change for the float' }]);
  });

  it("a 'test' job prints the test page with profile, code page, samples and a QR", async () => {
    rig = await workerRig({ link: 'memory' });
    rig.queue('test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    rig.worker().start();
    const [page] = await waitFor(() => (rig.sim.documents().length ? rig.sim.documents() : null), 'the test page');
    expect(page!.lines[0]).toBe('Testlehekülg');
    expect(page!.text).toContain('Koodileht: WPC1257 (ESC t 51)');
    expect(page!.text).toContain('et Õun Äädikas');
    expect(page!.qr).toBe('TEST epson-wpc1257');
    await waitFor(() => rig.log().some((e) => e.event === 'test.printed'), 'the log entry');
  });

  it('prints the logo when the receipt asks for it and the worker has it', async () => {
    rig = await workerRig({ link: 'memory' });
    const logo = readPbmFile(fileURLToPath(new URL('../../../assets/logo.pbm', import.meta.url)));
    rig.queueReceipt(sampleReceipt({ logo: true, qr: 'K1-000042' }));
    rig.worker({ logo }).start();
    const [doc] = await waitFor(() => (rig.sim.documents().length ? rig.sim.documents() : null), 'the receipt');
    expect(doc).toMatchObject({ logo: true, images: [{ widthDots: 256, heightDots: 64 }], qr: 'K1-000042' });
    expect(doc!.lines[0]).toBe('Õunapuu Pood OÜ');
  });

  it('sets aside a job whose document cannot be read, and prints the next', async () => {
    rig = await workerRig({ link: 'memory' });
    const bad = rig.queue('test', 'not a test page');
    rig.db.prepare(`UPDATE print_jobs SET document = '{broken' WHERE id = ?`).run(bad);
    const good = rig.queueReceipt(sampleReceipt());
    rig.worker().start();
    await waitFor(() => rig.job(good).status === 'done', 'the good job');
    expect(rig.job(bad)).toMatchObject({ status: 'done', lastError: expect.stringMatching(/unprintable document/) });
    expect(rig.log().map((e) => e.event)).toEqual(['job.unprintable']);
  });
});

describe('PrintWorker faults and warnings', () => {
  it('paper near end: still prints, the contract state is ok with a message, logged once', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setPaperNearEnd(true);
    const worker = rig.worker();
    rig.queueReceipt(sampleReceipt());
    rig.queueReceipt(sampleReceipt({ number: 'K1-000043' }));
    worker.start();
    await waitFor(() => rig.sim.documents().length === 2, 'both receipts');
    await worker.idle();
    expect(worker.status()).toMatchObject({ state: 'ok', message: PAPER_NEAR_END_MESSAGE, pendingJobs: 0 });
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
    const changes: unknown[] = [];
    rig.events.subscribe((name, payload) => name === 'printer.changed' && changes.push(payload));
    worker.start();
    await waitFor(() => worker.status().message === PAPER_NEAR_END_MESSAGE, 'the warning');
    expect(worker.status().state).toBe('ok');
    await new Promise((r) => setTimeout(r, 100));
    expect(changes).toHaveLength(1); // pushed once, not on every poll
  });

  it('a printer out of paper before the job: nothing is sent, fault logged once, recovery logged, then printed', async () => {
    rig = await workerRig({ link: 'memory' });
    rig.sim.setCondition('paper_out');
    const id = rig.queueReceipt(sampleReceipt());
    const worker = rig.worker();
    worker.start();
    await waitFor(() => worker.status().state === 'paper_out', 'paper_out');
    await new Promise((r) => setTimeout(r, 150)); // a few retries
    expect(rig.job(id)).toMatchObject({ status: 'pending', progress: 0, lastError: expect.stringMatching(/^paper_out/) });
    expect(rig.sim.receivedBytes()).toHaveLength(0);
    rig.sim.setCondition('ok');
    await waitFor(() => rig.job(id).status === 'done', 'the job after the paper change');
    expect(rig.log().map((e) => [e.event, e.detail])).toEqual([
      ['fault', 'paper_out: Printer is out of paper'],
      ['recovered', 'after paper_out'],
    ]);
    expect(rig.sim.documents()).toHaveLength(1);
  });
});
