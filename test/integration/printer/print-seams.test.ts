/**
 * Where a receipt is interrupted, and what the paper shows after it resumes. The simulated
 * printer here keeps what it took while it was ready even when a fault follows (`faultAfter`),
 * as a real roll running out does, and a "crash" is a printer port whose answer never comes
 * back after the bytes reached the printer. In every case each section is on paper once, or
 * twice with the "— continued —" line between, and the drawer opens at most once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterPort } from '../../../electron/devices/printer/port.js';
import { concatChunks, continuedChunk, planReceipt, type PrintChunk } from '../../../native/printer/escpos.js';
import { EscPosStreamDecoder, type TapeEvent } from '../../../native/printer/escpos-decode.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';
import { codeTableMap, DEFAULT_PROFILE_ID, PRINTER_PROFILES, type PrinterProfile } from '../../../native/printer/profiles.js';
import { waitFor } from '../../support/wait.js';
import { localeLabels, sampleReceipt } from '../../unit/printer/fixtures.js';
import { workerRig, type WorkerRig } from '../../unit/printer/worker-rig.js';

const MARKER = '— järg —';

/** A cash sale with a customer, three rows, a QR code, both card slips and the drawer: every kind of chunk. */
function fullReceipt(): PrintableReceipt {
  return sampleReceipt({
    number: 'K000777',
    customer: { name: 'Jüri Kask', code: 'C7', vatNo: '', address: '' },
    qr: 'K000777',
    openDrawer: true,
    cardSlips: [
      ['KAART ****4242', 'KLIENDI KOOPIA'],
      ['KAART ****4242', 'KAUPMEHE KOOPIA'],
    ],
  });
}

/** What a printer puts on paper for these bytes, in order. */
function tapeOf(bytes: Uint8Array, profile: PrinterProfile): TapeEvent[] {
  const decoder = new EscPosStreamDecoder(codeTableMap(profile));
  decoder.push(bytes);
  return decoder.tape;
}

/** The paper of a receipt interrupted after chunk `k` printed, resumed the way the brief demands. */
function expectedTape(chunks: PrintChunk[], k: number, profile: PrinterProfile): TapeEvent[] {
  if (chunks[k]!.name === 'drawer') return tapeOf(concatChunks(chunks), profile); // never kicked twice
  const resumed = [continuedChunk(MARKER, profile, 'et'), ...chunks.slice(k)];
  return tapeOf(concatChunks([...chunks.slice(0, k + 1), ...resumed]), profile);
}

let current: WorkerRig | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});
async function newRig(link: 'memory' | 'pty'): Promise<WorkerRig> {
  current = await workerRig({ link });
  return current;
}

describe('a fault right after a chunk printed (the printer took it while ready)', () => {
  it('covers every kind of chunk', () => {
    const names = planReceipt(fullReceipt(), localeLabels('et'), PRINTER_PROFILES[DEFAULT_PROFILE_ID]!).map((c) => c.name);
    expect(names).toEqual([
      'header', 'customer', 'row 1', 'row 2', 'row 3', 'vat', 'total', 'payments', 'footer', 'qr', 'cut',
      'card slip 1', 'cut', 'card slip 2', 'cut', 'drawer',
    ]);
  });

  it.each(planReceipt(fullReceipt(), localeLabels('et'), PRINTER_PROFILES[DEFAULT_PROFILE_ID]!).map((c, k) => [k, c.name] as const))(
    'paper out after chunk %i (%s): the resumed chunk follows the continued line, the drawer opens once',
    async (k) => {
      const rig = await newRig('memory');
      const doc = fullReceipt();
      const chunks = planReceipt(doc, localeLabels('et'), rig.setup.profile);
      const through = chunks.slice(0, k + 1).reduce((n, c) => n + c.bytes.length, 0);
      // The roll runs out just after the printer took chunk k; the clerk changes it once the till has seen it.
      rig.sim.faultAfter('paper_out', through, { clearAfterQueries: 1 });
      const id = rig.queueReceipt(doc);
      rig.worker().start();
      await waitFor(() => rig.job(id).status === 'done', 'the receipt done after the paper change');

      expect(rig.sim.tape()).toEqual(expectedTape(chunks, k, rig.setup.profile));
      expect(rig.sim.drawerKicks()).toBe(1);
      const events = rig.log().map((e) => e.event);
      if (chunks[k]!.name === 'drawer') {
        expect(events).toContain('drawer.unconfirmed');
        expect(events).not.toContain('drawer.kick');
      } else expect(events).toContain('drawer.kick');
    },
  );
});

/** The rig's printer, but the till "dies" after the `nth` chunk reached the printer: no answer ever comes back. */
function dyingAfter(port: PrinterPort, nth: number, seen: { marker?: string | null; sent?: boolean }, markerNow: () => string | null): PrinterPort {
  let calls = 0;
  return {
    name: port.name,
    status: () => port.status(),
    print: (bytes) => port.print(bytes),
    close: () => port.close(),
    async printChunk(bytes) {
      calls += 1;
      if (calls !== nth) return port.printChunk(bytes);
      seen.marker = markerNow(); // what the database says while the bytes are on their way
      await port.printChunk(bytes);
      seen.sent = true;
      return new Promise(() => undefined);
    },
  };
}

describe('a crash while a chunk is on its way', () => {
  it('the marker is committed before the bytes go out; after the restart the chunk follows the continued line', async () => {
    const rig = await newRig('pty');
    const doc = fullReceipt();
    const chunks = planReceipt(doc, localeLabels('et'), rig.setup.profile);
    const id = rig.queueReceipt(doc);
    const seen: { marker?: string | null; sent?: boolean } = {};
    const first = rig.worker({ printer: dyingAfter(rig.setup.port!, 4, seen, () => rig.job(id).marker) });
    first.start();
    await waitFor(() => seen.sent, 'row 2 on its way to the printer');
    await first.stop(0);
    expect(seen.marker).toBe('sending chunk 3');
    expect(rig.job(id)).toMatchObject({ status: 'pending', progress: 3, marker: 'sending chunk 3' });

    const second = rig.worker();
    second.start();
    await waitFor(() => rig.job(id).status === 'done', 'the resumed receipt');
    expect(rig.sim.tape()).toEqual(expectedTape(chunks, 3, rig.setup.profile));
    const rowTwo = rig.sim.tape().flatMap((e, i) => (e.kind === 'line' && e.text === 'Šokolaad tume 70%' ? [i] : []));
    expect(rowTwo).toHaveLength(2);
    expect(rig.sim.tape()[rowTwo[1]! - 1]).toEqual({ kind: 'line', text: MARKER });
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.log().find((e) => e.event === 'resume')?.detail).toBe(
      `receipt K000777 from part 4 of ${chunks.length} (row 2), after a "continued" line (that part may be on paper already)`,
    );
  });

  it('a kick on its way when the till died is not repeated after the restart, and the log says it is unconfirmed', async () => {
    const rig = await newRig('pty');
    const doc = fullReceipt();
    const chunks = planReceipt(doc, localeLabels('et'), rig.setup.profile);
    const id = rig.queueReceipt(doc);
    const seen: { marker?: string | null; sent?: boolean } = {};
    const first = rig.worker({ printer: dyingAfter(rig.setup.port!, chunks.length, seen, () => rig.job(id).marker) });
    first.start();
    await waitFor(() => seen.sent, 'the kick sent');
    await first.stop(0);
    expect(rig.sim.drawerKicks()).toBe(1);

    rig.worker().start();
    await waitFor(() => rig.job(id).status === 'done', 'the entry done');
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.sim.tape()).toEqual(tapeOf(concatChunks(chunks), rig.setup.profile));
    expect(rig.log().map((e) => [e.device, e.event])).toEqual([['drawer', 'drawer.unconfirmed']]);
  });

  it("a 'print.drawer' entry whose kick was on its way is done after the restart, without a second kick", async () => {
    const rig = await newRig('memory');
    const id = rig.queue('print.drawer', { reason: 'change for the float' });
    const seen: { marker?: string | null; sent?: boolean } = {};
    const first = rig.worker({ printer: dyingAfter(rig.setup.port!, 1, seen, () => rig.job(id).marker) });
    first.start();
    await waitFor(() => seen.sent, 'the kick sent');
    await first.stop(0);
    expect(seen.marker).toBe('sending chunk 0');

    rig.worker().start();
    await waitFor(() => rig.job(id).status === 'done', 'the entry done');
    expect(rig.sim.drawerKicks()).toBe(1);
    expect(rig.log().map((e) => e.event)).toEqual(['drawer.unconfirmed']);
  });
});
