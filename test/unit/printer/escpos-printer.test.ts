import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { memoryLinkPair, type MemoryLink } from '../../../native/link/link.js';
import { PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

const PROFILE = PRINTER_PROFILES['epson-wpc1257']!;
const TIMEOUT = 80;
const receipt = (number = 'K1-000042'): Uint8Array => encodeReceipt(sampleReceipt({ number }), ET_LABELS, PROFILE);
/** Lets every in-flight memory-link hop land (each hop is one setImmediate), independent of machine load. */
async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((r) => setImmediate(r));
}

function rig(): { printer: EscPosPrinter; sim: PrinterSimulator; host: MemoryLink; wire: number[] } {
  const [host, device] = memoryLinkPair();
  const wire: number[] = [];
  device.onData((c) => wire.push(...c)); // everything the driver sends, queries included
  const sim = new PrinterSimulator(device, { profile: PROFILE });
  return { printer: new EscPosPrinter(host, { replyTimeoutMs: TIMEOUT }), sim, host, wire };
}

/** Device end that answers each query from a script, to stage what the simulator cannot. */
function scripted(answer: (n: number, count: number) => number[] | null): { printer: EscPosPrinter; host: MemoryLink } {
  const [host, device] = memoryLinkPair();
  let count = 0;
  device.onData((chunk) => {
    for (let i = 0; i + 2 < chunk.length; i++) {
      if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
        const reply = answer(chunk[i + 2]!, count++);
        if (reply) void device.write(Uint8Array.from(reply));
      }
    }
  });
  return { printer: new EscPosPrinter(host, { replyTimeoutMs: TIMEOUT }), host };
}

describe('EscPosPrinter', () => {
  it('prints a receipt the printer can read back', async () => {
    const { printer, sim } = rig();
    await expect(printer.print(receipt())).resolves.toEqual({ ok: true });
    await settle();
    expect(sim.documents()).toHaveLength(1);
    expect(sim.documents()[0]?.text).toContain('Õunamahl 1 l');
  });

  it('reports ready and paper near end', async () => {
    const { printer, sim } = rig();
    await expect(printer.status()).resolves.toEqual({ condition: 'ok', paperNearEnd: false });
    sim.setPaperNearEnd(true);
    await expect(printer.status()).resolves.toEqual({ condition: 'ok', paperNearEnd: true });
  });

  it.each(['offline', 'paper_out', 'cover_open'] as const)('sends nothing and reports %s when the printer is not ready', async (condition) => {
    const { printer, sim } = rig();
    sim.setCondition(condition);
    const result = await printer.print(receipt());
    expect(result).toMatchObject({ ok: false, condition });
    expect(result.ok === false && result.message.length > 0).toBe(true);
    await settle();
    expect(sim.receivedBytes()).toHaveLength(0);
    await expect(printer.status()).resolves.toMatchObject({ condition });
  });

  it('reports unavailable within the timeout when the printer is silent, and sends no receipt', async () => {
    const { printer, sim, wire, host } = rig();
    sim.setSilent(true);
    const started = Date.now();
    await expect(printer.status()).resolves.toEqual({ condition: 'unavailable', paperNearEnd: false });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(TIMEOUT - 5);
    expect(took).toBeLessThan(TIMEOUT + 500); // far below the 1 s default: the option is honoured
    wire.length = 0;
    await expect(printer.print(receipt())).resolves.toMatchObject({ ok: false, condition: 'unavailable' });
    await settle();
    expect(wire).toEqual([0x10, 0x04, 0x01]); // only the status query went out
    expect(host.listenerCount()).toBe(0); // timeouts leave no listener behind
    sim.setSilent(false);
    await expect(printer.print(receipt())).resolves.toEqual({ ok: true });
  });

  it('serialises concurrent prints: query, receipt, acknowledgement, then the next', async () => {
    const { printer, sim, wire } = rig();
    const results = await Promise.all(['A-1', 'A-2', 'A-3'].map((n) => printer.print(receipt(n))));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    await settle();
    expect(sim.documents().map((d) => d.lines.find((l) => l.startsWith('Tšeki nr'))?.split(/ +/).at(-1))).toEqual(['A-1', 'A-2', 'A-3']);
    // Reconstruct the wire as events: Qn for a status query, D for a receipt.
    const events: string[] = [];
    for (let i = 0; i < wire.length; ) {
      if (wire[i] === 0x10 && wire[i + 1] === 0x04) {
        events.push(`Q${wire[i + 2]}`);
        i += 3;
      } else {
        const end = wire.findIndex((b, k) => k > i && b === 0x10 && wire[k + 1] === 0x04);
        events.push('D');
        i = end < 0 ? wire.length : end;
      }
    }
    expect(events).toEqual(['Q1', 'Q4', 'D', 'Q1', 'Q1', 'Q4', 'D', 'Q1', 'Q1', 'Q4', 'D', 'Q1']);
  });

  it('skips noise bytes (XON/XOFF) before the real reply', async () => {
    const { printer } = scripted(() => [0x11, 0x13, 0x00, 0x12]);
    await expect(printer.status()).resolves.toEqual({ condition: 'ok', paperNearEnd: false });
  });

  it('reports paper out when the roll runs out while the receipt is being sent', async () => {
    // Ready before (Q1, Q4), then offline with paper end on the acknowledgement (Q1, Q2).
    const { printer } = scripted((n, count) => (count < 2 ? [0x12] : n === 1 ? [0x1a] : [0x32]));
    const result = await printer.print(receipt());
    expect(result).toMatchObject({ ok: false, condition: 'paper_out' });
    expect(result.ok === false && result.message).toMatch(/incomplete/);
  });

  it('does not throw when the link is gone; it reports unavailable', async () => {
    const { printer, host } = rig();
    await host.close();
    await expect(printer.status()).resolves.toMatchObject({ condition: 'unavailable' });
    await expect(printer.print(receipt())).resolves.toMatchObject({ ok: false, condition: 'unavailable' });
    await printer.close();
    await expect(printer.print(receipt())).resolves.toMatchObject({ ok: false, condition: 'unavailable' });
  });

  it('printChunk: sends without asking first, then reads status and paper sensor back', async () => {
    const { printer, sim, wire } = rig();
    sim.setPaperNearEnd(true);
    const chunk = Uint8Array.of(0x41, 0x0a);
    await expect(printer.printChunk(chunk)).resolves.toEqual({ ok: true, paperNearEnd: true });
    await settle();
    expect(wire).toEqual([0x41, 0x0a, 0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);
  });

  it('printChunk: reports the fault found after the chunk (paper out) and that printing will resume', async () => {
    const { printer } = scripted((n) => (n === 1 ? [0x1a] : n === 2 ? [0x32] : [0x12]));
    const result = await printer.printChunk(Uint8Array.of(0x41));
    expect(result).toMatchObject({ ok: false, condition: 'paper_out' });
    expect(result.ok === false && result.message).toMatch(/out of paper while printing; printing resumes/);
  });

  it('printChunk: unavailable when the printer stops answering or the link is gone', async () => {
    const { printer, sim, host } = rig();
    sim.setSilent(true);
    await expect(printer.printChunk(Uint8Array.of(0x41))).resolves.toMatchObject({ ok: false, condition: 'unavailable' });
    await host.close();
    await expect(printer.printChunk(Uint8Array.of(0x41))).resolves.toMatchObject({ ok: false, condition: 'unavailable', message: expect.stringMatching(/Could not send/) });
  });
});
