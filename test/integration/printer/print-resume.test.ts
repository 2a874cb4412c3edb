/**
 * Resume without silent duplicates, over a real serial link (socat PTY pair): the outbox worker's
 * printer lane (PrintDrainer) notes "sending chunk k" before each chunk, reads DLE EOT after it
 * and stores the entry's progress. A fault mid-receipt or a crash resumes at the first chunk the
 * printer did not confirm; when that chunk was on its way (it may be on paper), a "— continued —"
 * line comes first, so a repeated section is always marked. See also print-seams.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planReceipt } from '../../../native/printer/escpos.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';
import { tempDir } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';
import { localeLabels, sampleReceipt } from '../../unit/printer/fixtures.js';
import { workerRig, type WorkerRig } from '../../unit/printer/worker-rig.js';

const ROWS = ['Leib rukki 500 g', 'Piim 2,5% 1 l', 'Kohuke vanilje', 'Õunad kg', 'Šokolaad tume', 'Žemaičių dešra'];

function receipt(number = 'K000101', extra: Partial<PrintableReceipt> = {}): PrintableReceipt {
  return sampleReceipt({
    number,
    rows: ROWS.map((name, i) => ({ name, quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 100 + i, sumMinor: 100 + i, vatRateBp: 2200 })),
    ...extra,
  });
}

/** How often each row name is on the paper (printed documents plus what is printed but not yet cut). */
function rowCounts(rig: WorkerRig): number[] {
  const lines = [...rig.sim.documents().flatMap((d) => d.lines), ...(rig.sim.pending()?.lines ?? [])];
  return ROWS.map((name) => lines.filter((l) => l === name).length);
}

let rig: WorkerRig;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await rig.close();
  cleanup?.();
  cleanup = null;
});

describe('chunked printing over a PTY pair', () => {
  it('paper out after the 2nd chunk: waits, resumes at chunk 3 after the paper change, every row once', async () => {
    rig = await workerRig({ link: 'pty' });
    const doc = receipt();
    const total = planReceipt(doc, localeLabels('et'), rig.setup.profile).length;
    const id = rig.queueReceipt(doc);
    // The roll runs out right after the printer confirmed chunk 2 (header, row 1).
    const worker = rig.worker({
      onProgress: (p) => {
        if (p.done === 2 && p.jobId === id) rig.sim.setCondition('paper_out');
      },
    });
    worker.start();
    await waitFor(() => worker.status().state === 'paper_out', 'the paper-out state');
    expect(rig.job(id)).toMatchObject({ status: 'pending', progress: 2, lastError: expect.stringMatching(/^paper_out: .*\(row 2, part 3 of/) });
    expect(rig.sim.documents()).toHaveLength(0);
    expect(rowCounts(rig)).toEqual([1, 0, 0, 0, 0, 0]); // header and row 1 are on paper, uncut
    await new Promise((r) => setTimeout(r, 200)); // retries while out of paper change nothing
    expect(rig.job(id).progress).toBe(2);

    rig.sim.setCondition('ok');
    await waitFor(() => rig.job(id).status === 'done', 'the entry done after the paper change');
    expect(rig.job(id)).toMatchObject({ progress: total, lastError: null });
    expect(rig.sim.documents()).toHaveLength(1);
    const paper = rig.sim.documents()[0]!;
    expect(rowCounts(rig)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(paper.lines.filter((l) => l === 'Õunapuu Pood OÜ')).toHaveLength(1); // the header is not repeated
    expect(paper.lines.filter((l) => /^KOKKU EUR/.test(l))).toHaveLength(1);
    expect(paper.lines.indexOf(ROWS[0]!)).toBeLessThan(paper.lines.indexOf(ROWS[1]!));
    // The resume re-selected the code page: Baltic letters after the gap are right.
    expect(paper.lines).toContain('Žemaičių dešra');
    expect(paper.codeTables).toEqual([51, 51]);
    // Row 2 went out as the paper ran out: it may have printed, so it follows a "continued" line
    // (this printer dropped it, so it is on paper once).
    expect(paper.lines.filter((l) => l === '— järg —')).toHaveLength(1);
    expect(paper.lines.indexOf('— järg —')).toBe(paper.lines.indexOf(ROWS[1]!) - 1);
    expect(rig.log().map((e) => [e.device, e.event, e.detail])).toEqual([
      ['printer', 'fault', expect.stringMatching(/^paper_out: Printer is out of paper while printing/)],
      ['printer', 'recovered', 'after paper_out'],
      ['printer', 'resume', `receipt K000101 from part 3 of ${total} (row 2), after a "continued" line (that part may be on paper already)`],
    ]);
    expect(worker.status()).toMatchObject({ state: 'ok', pendingJobs: 0 });
  });

  it('cover opened mid-receipt, then closed: same resume, nothing twice', async () => {
    rig = await workerRig({ link: 'pty' });
    const id = rig.queueReceipt(receipt());
    const worker = rig.worker({ onProgress: (p) => p.done === 4 && rig.sim.setCondition('cover_open') });
    worker.start();
    await waitFor(() => worker.status().state === 'cover_open', 'cover_open');
    expect(rig.job(id).progress).toBe(4);
    rig.sim.setCondition('ok');
    await waitFor(() => rig.job(id).status === 'done', 'the entry');
    expect(rowCounts(rig)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('a crash after chunk 2: a new worker and drainer on the same database resume at chunk 3', async () => {
    const dir = tempDir('till-print-resume-');
    cleanup = dir.remove;
    rig = await workerRig({ link: 'pty', dbFile: `${dir.path}/till.sqlite` });
    const doc = receipt('K000202', { openDrawer: true });
    const total = planReceipt(doc, localeLabels('et'), rig.setup.profile).length;
    const id = rig.queueReceipt(doc);
    const first = rig.worker({
      onProgress: (p) => {
        // The power goes: nothing after this chunk is sent.
        if (p.done === 2) void first.stop();
      },
    });
    first.start();
    await waitFor(() => rig.job(id).progress === 2, 'progress 2');
    await first.stop();
    expect(rig.job(id)).toMatchObject({ status: 'pending', progress: 2, attempts: 0, marker: 'sending chunk 1' });
    expect(rig.sim.documents()).toHaveLength(0);
    expect(rowCounts(rig)).toEqual([1, 0, 0, 0, 0, 0]);

    const chunks: number[] = [];
    const second = rig.worker({ onProgress: (p) => chunks.push(p.done) });
    second.start();
    await waitFor(() => rig.job(id).status === 'done', 'the resumed entry');
    expect(chunks[0]).toBe(3); // started at chunk 3, not at the top
    expect(chunks.at(-1)).toBe(total);
    expect(rig.sim.documents()).toHaveLength(1);
    expect(rowCounts(rig)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.log().map((e) => e.event)).toEqual(['resume', 'drawer.kick']);
  });

  it('kicks the drawer exactly once for a cash receipt and once for a drawer entry, even around a fault', async () => {
    rig = await workerRig({ link: 'pty' });
    const doc = receipt('K000303', { openDrawer: true });
    const total = planReceipt(doc, localeLabels('et'), rig.setup.profile).length;
    const sale = rig.queueReceipt(doc);
    const drawer = rig.queue('print.drawer', { reason: 'change for the float' });
    // Offline right after the cut is confirmed: the kick (last chunk) waits for the printer.
    const worker = rig.worker({ onProgress: (p) => p.jobId === sale && p.done === total - 1 && rig.sim.setCondition('offline') });
    worker.start();
    await waitFor(() => worker.status().state === 'offline', 'offline');
    expect(rig.sim.drawerKicks()).toBe(0);
    expect(rig.sim.documents()).toHaveLength(1); // the receipt is cut and done
    rig.sim.setCondition('ok');
    await waitFor(() => rig.job(drawer).status === 'done', 'the drawer entry');
    expect(rig.job(sale).status).toBe('done');
    expect(rig.sim.drawerKicks()).toBe(2); // one for the sale, one for the drawer entry
    expect(rig.sim.documents()).toHaveLength(1);
    expect(rig.log().map((e) => [e.device, e.event, e.detail])).toEqual([
      ['printer', 'fault', expect.stringMatching(/^offline/)],
      ['printer', 'recovered', 'after offline'],
      ['printer', 'resume', `receipt K000303 from part ${total} of ${total} (drawer)`],
      ['drawer', 'drawer.kick', 'K000303'],
      ['drawer', 'drawer.open', 'change for the float'],
    ]);
  });
});
