/**
 * The driver and the simulator on the two ends of a real PTY pair (socat), both opened through
 * serialport: the same path as a printer on a USB-serial adapter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import type { DecodedDocument } from '../../../native/printer/escpos-decode.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { ET_LABELS, sampleReceipt } from '../../unit/printer/fixtures.js';

const PROFILE = PRINTER_PROFILES['epson-wpc1257']!;
const TIMEOUT = 300;

function nextDocument(sim: PrinterSimulator, withinMs = 2000): Promise<DecodedDocument> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('nothing printed'));
    }, withinMs);
    const off = sim.onDocument((doc) => {
      clearTimeout(timer);
      off();
      resolve(doc);
    });
  });
}

// No skip without socat: the test command installs it, and a skipped serial test proves nothing.
describe('ESC/POS printer over a PTY pair', () => {
  let pty: PtyPair;
  let printer: EscPosPrinter;
  let sim: PrinterSimulator;

  beforeEach(async () => {
    pty = await openPtyPair();
    sim = new PrinterSimulator(await openSerialLink({ path: pty.b }), { profile: PROFILE });
    printer = new EscPosPrinter(await openSerialLink({ path: pty.a }), { replyTimeoutMs: TIMEOUT });
  });

  afterEach(async () => {
    await printer.close();
    await sim.close();
    await pty.close();
  });

  it('prints a receipt with correct Estonian and Lithuanian letters', async () => {
    const bytes = encodeReceipt(
      sampleReceipt({
        rows: [
          ...sampleReceipt().rows,
          { name: 'Ąžuolas Ėriena Ųž', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 0, sumMinor: 0, vatRateBp: 2200 },
        ],
      }),
      ET_LABELS,
      PROFILE,
    );
    const printed = nextDocument(sim);
    await expect(printer.print(bytes)).resolves.toEqual({ ok: true });
    const doc = await printed;
    expect(doc.cut).toBe(true);
    expect(doc.lines[0]).toBe('Õunapuu Pood OÜ');
    for (const name of ['Õunamahl 1 l', 'Šokolaad tume 70%', 'Žuvis (kilohind)', 'Ąžuolas Ėriena Ųž']) expect(doc.lines).toContain(name);
    expect(doc.lines).toContainEqual(expect.stringMatching(/^KOKKU EUR +12,50$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Tagastus +7,50$/));
    // Raw mode end to end: every byte arrives unchanged (no CR/LF translation, no XON/XOFF eaten).
    expect(sim.receivedBytes()).toEqual(bytes);
  });

  it('passes bytes that a cooked or flow-controlled line would alter', async () => {
    const bytes = Uint8Array.of(0x1b, 0x40, 0x11, 0x13, 0x0d, 0x0a, 0x00, 0x7f, 0x03, 0xff, 0x1d, 0x56, 0x42, 0x00);
    await expect(printer.print(bytes)).resolves.toEqual({ ok: true });
    expect(sim.receivedBytes()).toEqual(bytes);
  });

  it('does not print when out of paper and says so', async () => {
    sim.setCondition('paper_out');
    const result = await printer.print(encodeReceipt(sampleReceipt(), ET_LABELS, PROFILE));
    expect(result).toMatchObject({ ok: false, condition: 'paper_out' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.receivedBytes()).toHaveLength(0);
    expect(sim.documents()).toHaveLength(0);
    await expect(printer.status()).resolves.toMatchObject({ condition: 'paper_out' });
  });

  it('reports unavailable while the printer is silent and prints again once it answers', async () => {
    sim.setSilent(true);
    const started = Date.now();
    await expect(printer.print(encodeReceipt(sampleReceipt(), ET_LABELS, PROFILE))).resolves.toMatchObject({
      ok: false,
      condition: 'unavailable',
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT + 500);
    expect(sim.documents()).toHaveLength(0);

    sim.setSilent(false);
    const printed = nextDocument(sim);
    await expect(printer.print(encodeReceipt(sampleReceipt({ number: 'K1-000043' }), ET_LABELS, PROFILE))).resolves.toEqual({ ok: true });
    expect((await printed).lines).toContainEqual(expect.stringMatching(/^Tšeki nr +K1-000043$/));
  });
});
