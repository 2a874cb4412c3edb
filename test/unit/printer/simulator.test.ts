import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { memoryLinkPair, type MemoryLink } from '../../../native/link/link.js';
import { PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

/** Lets every in-flight memory-link hop land (each hop is one setImmediate), independent of machine load. */
async function tick(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((r) => setImmediate(r));
}

function rig(): { host: MemoryLink; sim: PrinterSimulator; replies: number[] } {
  const [host, device] = memoryLinkPair();
  const sim = new PrinterSimulator(device);
  const replies: number[] = [];
  host.onData((c) => replies.push(...c));
  return { host, sim, replies };
}

describe('PrinterSimulator', () => {
  it.each([
    ['ok', [0x12, 0x12, 0x12, 0x12]],
    ['offline', [0x1a, 0x12, 0x12, 0x12]],
    ['paper_out', [0x1a, 0x32, 0x12, 0x7e]],
    ['cover_open', [0x1a, 0x16, 0x12, 0x12]],
  ] as const)('answers DLE EOT 1..4 for %s with %j', async (condition, expected) => {
    const { host, sim, replies } = rig();
    sim.setCondition(condition);
    await host.write(Uint8Array.of(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4));
    await tick();
    expect(replies).toEqual(expected);
  });

  it('answers a query split across chunks and in the middle of a receipt, without printing it', async () => {
    const { host, sim, replies } = rig();
    const receipt = encodeReceipt(sampleReceipt(), ET_LABELS, PRINTER_PROFILES['epson-wpc1257']!);
    const half = Math.floor(receipt.length / 2);
    await host.write(receipt.subarray(0, half));
    await host.write(Uint8Array.of(0x10));
    await host.write(Uint8Array.of(0x04, 0x01));
    await tick();
    expect(replies).toEqual([0x12]); // answered before the receipt is complete
    await host.write(receipt.subarray(half));
    await tick();
    expect(sim.receivedBytes()).toEqual(receipt);
    expect(sim.documents()).toHaveLength(1);
    expect(sim.documents()[0]?.text).toContain('Šokolaad tume 70%');
  });

  it('drops data while offline but still records what arrived', async () => {
    const { host, sim } = rig();
    sim.setCondition('paper_out');
    const receipt = encodeReceipt(sampleReceipt(), ET_LABELS, PRINTER_PROFILES['epson-wpc1257']!);
    await host.write(receipt);
    await tick();
    expect(sim.documents()).toEqual([]);
    expect(sim.receivedBytes()).toEqual(receipt);
  });

  it('says nothing when silent, like an unplugged cable', async () => {
    const { host, sim, replies } = rig();
    sim.setSilent(true);
    await host.write(Uint8Array.of(0x10, 0x04, 0x01));
    await tick();
    expect(replies).toEqual([]);
    sim.setSilent(false);
    await host.write(Uint8Array.of(0x10, 0x04, 0x01));
    await tick();
    expect(replies).toEqual([0x12]);
  });

  it('reports paper near end on n=4 while still printing', async () => {
    const { host, sim, replies } = rig();
    sim.setPaperNearEnd(true);
    await host.write(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x04));
    await tick();
    expect(replies).toEqual([0x12, 0x1e]);
  });

  it('counts drawer kicks and shows what printed before a cut', async () => {
    const { host, sim } = rig();
    await host.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a, 0x42));
    await tick();
    expect(sim.pending()?.lines).toEqual(['A', 'B']);
    expect(sim.documents()).toEqual([]);
    await host.write(Uint8Array.of(0x0a, 0x1d, 0x56, 0x42, 0x00, 0x1b, 0x70, 0x00, 0x19, 0xfa));
    await tick();
    expect(sim.pending()).toBeNull();
    expect(sim.drawerKicks()).toBe(1);
    expect(sim.documents()[0]).toMatchObject({ lines: ['A', 'B'], cut: true, drawerKicks: 1 });
  });

  it('does not kick the drawer while offline (the command is dropped with the data)', async () => {
    const { host, sim } = rig();
    sim.setCondition('offline');
    await host.write(Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa));
    await tick();
    expect(sim.drawerKicks()).toBe(0);
  });

  it('serves several connections, answering each on its own link (a network printer after reconnects)', async () => {
    const [hostA, deviceA] = memoryLinkPair();
    const [hostB, deviceB] = memoryLinkPair();
    const sim = new PrinterSimulator(null);
    sim.attach(deviceA);
    const detachB = sim.attach(deviceB);
    const repliesA: number[] = [];
    const repliesB: number[] = [];
    hostA.onData((c) => repliesA.push(...c));
    hostB.onData((c) => repliesB.push(...c));
    sim.setPaperNearEnd(true);
    await hostA.write(Uint8Array.of(0x10, 0x04, 0x01));
    await hostB.write(Uint8Array.of(0x10, 0x04, 0x04, 0x41, 0x0a, 0x1d, 0x56, 0x00));
    await tick();
    expect(repliesA).toEqual([0x12]);
    expect(repliesB).toEqual([0x1e]);
    expect(sim.documents().map((d) => d.text)).toEqual(['A']);
    detachB();
    await hostB.write(Uint8Array.of(0x10, 0x04, 0x01));
    await tick();
    expect(repliesB).toEqual([0x1e]);
  });
});

describe('PrinterSimulator: a fault that follows data (faultAfter)', () => {
  it('prints what it took while ready, reports the fault to the next query, drops the rest', async () => {
    const { host, sim, replies } = rig();
    sim.faultAfter('paper_out', 4);
    await host.write(Uint8Array.of(0x41, 0x0a, 0x42, 0x0a, 0x43, 0x0a, 0x10, 0x04, 0x01));
    await tick();
    expect(sim.pending()?.lines).toEqual(['A', 'B']);
    expect(replies).toEqual([0x1a]); // offline: the paper ran out after the printer took "A\nB\n"
    expect(sim.receivedBytes()).toEqual(Uint8Array.of(0x41, 0x0a, 0x42, 0x0a, 0x43, 0x0a));
  });

  it('finishes the command the fault falls inside (a printer never stops mid-command)', async () => {
    const { host, sim } = rig();
    sim.faultAfter('cover_open', 3); // A, LF and the first byte of the 4-byte cut command
    await host.write(Uint8Array.of(0x41, 0x0a, 0x1d, 0x56, 0x42, 0x00, 0x44, 0x0a));
    await tick();
    expect(sim.documents().map((d) => d.lines)).toEqual([['A']]);
    expect(sim.pending()).toBeNull(); // "D" came after the fault
  });

  it('clears by itself after the till has seen it the given number of times', async () => {
    const { host, sim, replies } = rig();
    sim.faultAfter('paper_out', 1, { clearAfterQueries: 2 });
    await host.write(Uint8Array.of(0x41));
    for (let i = 0; i < 3; i++) await host.write(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x02));
    await tick();
    expect(replies).toEqual([0x1a, 0x32, 0x1a, 0x32, 0x12, 0x12]);
  });

  it('keeps a tape of everything printed in order: lines, cuts, kicks', async () => {
    const { host, sim } = rig();
    await host.write(Uint8Array.of(0x41, 0x0a, 0x1d, 0x56, 0x42, 0x00, 0x1b, 0x70, 0x00, 0x19, 0xfa, 0x42, 0x0a));
    await tick();
    expect(sim.tape()).toEqual([{ kind: 'line', text: 'A' }, { kind: 'cut' }, { kind: 'kick' }, { kind: 'line', text: 'B' }]);
  });

  it('tells how many data bytes have arrived, status queries not counted', async () => {
    const { host, sim } = rig();
    const counts: number[] = [];
    sim.onReceive((n) => counts.push(n));
    await host.write(Uint8Array.of(0x41, 0x0a, 0x10, 0x04, 0x01));
    await tick();
    await host.write(Uint8Array.of(0x42));
    await tick();
    expect(counts).toEqual([2, 3]);
  });
});
