/**
 * The ZVT driver (ECR) and the simulated card terminal on the two ends of a real PTY pair (socat),
 * both opened through serialport: the same path as a terminal on a COM port or USB-serial adapter.
 * DLE/STX framing, CRC, ACK/NAK, timeouts and recovery after a lost line, end to end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../../native/link/link.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { ZvtEcr, ZvtTimeoutError, ZvtSimulator, type ZvtEcrOptions, type ZvtPrompt, type ZvtSimulatorOptions } from '../../../native/zvt/index.js';
import { DLE, STX } from '../../../native/zvt/frame.js';

let pty: PtyPair;
let cleanup: Array<() => Promise<void>>;

const ECR: ZvtEcrOptions = { ackTimeoutMs: 1000, responseTimeoutMs: 8000 };

async function setup(simOptions: ZvtSimulatorOptions = {}, ecrOptions: ZvtEcrOptions = {}, wrap: (link: ByteLink) => ByteLink = (l) => l) {
  const sim = new ZvtSimulator(await openSerialLink({ path: pty.b }), { stepMs: 5, ...simOptions });
  const ecr = new ZvtEcr(wrap(await openSerialLink({ path: pty.a })), { ...ECR, ...ecrOptions });
  cleanup.push(
    () => ecr.close(),
    () => sim.close(),
  );
  return { sim, ecr };
}

/**
 * A link that damages the first ECR command frame of class `cls` on the way to the terminal:
 * `data` flips the last APDU byte (CRC mismatch), `terminator` the DLE of DLE ETX (the frame never
 * ends; the terminal NAKs it after its inter-byte timeout).
 */
function damaging(link: ByteLink, cls: number, where: 'data' | 'terminator'): ByteLink {
  let left = 1;
  return {
    description: link.description,
    onData: (l) => link.onData(l),
    close: () => link.close(),
    write(data) {
      if (left > 0 && data[0] === DLE && data[1] === STX && data[2] === cls && data.length > 8) {
        left -= 1;
        const copy = data.slice();
        const at = copy.length - (where === 'data' ? 5 : 4);
        copy[at] = copy[at]! ^ 0x01;
        return link.write(copy);
      }
      return link.write(data);
    },
  };
}

// No skip without socat: the test command installs it, and a skipped serial test proves nothing.
describe('ZVT card terminal over a PTY pair', () => {
  beforeEach(async () => {
    cleanup = [];
    pty = await openPtyPair();
  });

  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    await pty.close();
  });

  it('registration: the terminal id comes back', async () => {
    const { ecr, sim } = await setup({ terminalId: '60099914' });
    await expect(ecr.registration()).resolves.toMatchObject({ ok: true, result: 0, resultKey: 'success', completion: { terminalId: '60099914' }, printLines: [] });
    expect(sim.commands()).toEqual(['06 00']);
  });

  it('authorization approved: prompts, status information, customer and merchant slip, completion', async () => {
    const { ecr, sim } = await setup();
    await ecr.registration();
    const prompts: ZvtPrompt[] = [];
    const outcome = await ecr.authorization(4599, (p) => prompts.push(p));
    expect(prompts.map((p) => [p.code, p.key])).toEqual([
      [0x0a, 'insert_card'],
      [0x0e, 'please_wait'],
    ]);
    const tx = sim.lastTransaction()!;
    expect(outcome).toEqual({
      ok: true,
      result: 0,
      resultKey: 'success',
      resultText: 'Approved',
      completion: {
        amountMinor: 4599,
        trace: tx.trace,
        receiptNo: tx.receiptNo,
        terminalId: '52001234',
        cardName: 'VISA',
        pan: '411111******1111',
        date: `${tx.date.slice(0, 2)}-${tx.date.slice(2)}`,
        time: `${tx.time.slice(0, 2)}:${tx.time.slice(2, 4)}:${tx.time.slice(4)}`,
        aid: tx.aid,
      },
      printLines: [...tx.receipts[0]!, ...tx.receipts[1]!],
      receipts: [
        { type: 'customer', lines: tx.receipts[0] },
        { type: 'merchant', lines: tx.receipts[1] },
      ],
    });
    expect(outcome.printLines.join('\n')).toMatch(/CUSTOMER COPY[\s\S]*AMOUNT\s+EUR 45\.99[\s\S]*MERCHANT COPY/);
    expect(sim.authorizations()).toEqual([{ amountMinor: 4599, receiptNo: tx.receiptNo, trace: tx.trace, reversed: false, approved: true }]);
    expect(sim.lineStats()).toMatchObject({ badFramesIn: 0, naksIn: 0, naksOut: 0 });
  });

  it('PIN entry: the enter_pin prompt reaches the till', async () => {
    const { ecr, sim } = await setup();
    sim.script({ outcome: 'pin', delayMs: 150 });
    const keys: string[] = [];
    await expect(ecr.authorization(12000, (p) => keys.push(p.key))).resolves.toMatchObject({ ok: true, completion: { amountMinor: 12000 } });
    expect(keys).toEqual(['insert_card', 'enter_pin', 'please_wait']);
  });

  it('declines: scripted (06 1E with the code) and amounts ending in 66', async () => {
    const { ecr, sim } = await setup({ declineAmountsEndingIn: 66 });
    sim.script({ outcome: 'decline' });
    const keys: string[] = [];
    await expect(ecr.authorization(1000, (p) => keys.push(p.key))).resolves.toMatchObject({ ok: false, result: 0x05, resultKey: 'declined', completion: { amountMinor: 1000 } });
    expect(keys.at(-1)).toBe('declined');
    await expect(ecr.authorization(1966)).resolves.toMatchObject({ ok: false, result: 0x33, resultKey: 'insufficient_funds', resultText: 'Declined: insufficient funds (host code 51)' });
    await expect(ecr.authorization(1967)).resolves.toMatchObject({ ok: true });
    expect(sim.authorizations().map((a) => a.approved)).toEqual([false, false, true]);
  });

  it('a slow terminal is waited for (well within responseTimeoutMs)', async () => {
    const { ecr, sim } = await setup();
    sim.script({ outcome: 'slow', delayMs: 250 });
    const started = Date.now();
    await expect(ecr.authorization(300)).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 250);
  });

  it('one NAK and one damaged frame: the ECR resends its command, NAKs the bad frame; one authorization', async () => {
    const { ecr, sim } = await setup();
    sim.script({ outcome: 'bad_crc_once' });
    await expect(ecr.authorization(2222)).resolves.toMatchObject({ ok: true, completion: { amountMinor: 2222 } });
    expect(sim.lineStats()).toMatchObject({ naksOut: 1, naksIn: 1, resends: 1 });
    expect(sim.commands()).toEqual(['06 01']);
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('real line noise on the way to the terminal: its CRC check fails, NAK, resent, one authorization', async () => {
    const { ecr, sim } = await setup({}, {}, (link) => damaging(link, 0x06, 'data'));
    await expect(ecr.authorization(3333)).resolves.toMatchObject({ ok: true });
    expect(sim.lineStats()).toMatchObject({ badFramesIn: 1, naksOut: 1 });
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('a frame whose DLE ETX is lost is NAKed after the inter-byte timeout and resent', async () => {
    const { ecr, sim } = await setup({}, { ackTimeoutMs: 2000 }, (link) => damaging(link, 0x06, 'terminator'));
    await expect(ecr.authorization(4444)).resolves.toMatchObject({ ok: true, completion: { amountMinor: 4444 } });
    expect(sim.lineStats()).toMatchObject({ badFramesIn: 1, naksOut: 1 });
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('line dropped after the prompts: ZvtTimeoutError, then repeatLastReceipt reveals the approval', async () => {
    const { ecr, sim } = await setup({}, { ackTimeoutMs: 300, responseTimeoutMs: 800 });
    sim.script({ outcome: 'drop' });
    const keys: string[] = [];
    await expect(ecr.authorization(5050, (p) => keys.push(p.key))).rejects.toBeInstanceOf(ZvtTimeoutError);
    expect(keys).toEqual(['insert_card', 'please_wait']);
    const approved = sim.lastTransaction()!;
    expect(approved).toMatchObject({ kind: 'authorization', approved: true, amountMinor: 5050 });
    // The till asks instead of charging again.
    await expect(ecr.drain(200)).resolves.toBeNull();
    await expect(ecr.status()).resolves.toMatchObject({ ok: true, result: 0 });
    const repeat = await ecr.repeatLastReceipt();
    expect(repeat).toMatchObject({ ok: true, completion: { amountMinor: 5050, receiptNo: approved.receiptNo, trace: approved.trace } });
    expect(repeat.printLines.join('\n')).toMatch(/DUPLICATE[\s\S]*EUR 50\.50/);
    expect(sim.authorizations()).toEqual([{ amountMinor: 5050, receiptNo: approved.receiptNo, trace: approved.trace, reversed: false, approved: true }]);
  });

  it('repeatLastReceipt straight after the timeout works too (the ECR waits ackTimeoutMs first)', async () => {
    const { ecr, sim } = await setup({}, { ackTimeoutMs: 300, responseTimeoutMs: 600 });
    sim.script({ outcome: 'drop' });
    await expect(ecr.authorization(777)).rejects.toThrow(/did not finish within 600 ms/);
    await expect(ecr.repeatLastReceipt()).resolves.toMatchObject({ ok: true, completion: { amountMinor: 777, receiptNo: sim.lastTransaction()!.receiptNo } });
  });

  it('late approval: ZvtTimeoutError, then drain() picks up the approval the terminal still sends', async () => {
    const { ecr, sim } = await setup({}, { ackTimeoutMs: 300, responseTimeoutMs: 600 });
    sim.script({ outcome: 'late_approval', delayMs: 1200 });
    await expect(ecr.authorization(8800)).rejects.toBeInstanceOf(ZvtTimeoutError);
    expect(sim.busy()).toBe(true);
    const late = await ecr.drain(5000);
    expect(late).toMatchObject({ ok: true, completion: { amountMinor: 8800, receiptNo: sim.lastTransaction()!.receiptNo } });
    expect(late!.printLines.length).toBeGreaterThan(0);
    await expect(ecr.drain(100)).resolves.toBeNull(); // nothing left open
    expect(sim.authorizations()).toHaveLength(1);
    await expect(ecr.authorization(100)).resolves.toMatchObject({ ok: true });
  });

  it('reversal by receipt number, only once; unknown receipts are refused', async () => {
    const { ecr, sim } = await setup();
    const paid = await ecr.authorization(1999);
    const receiptNo = paid.completion!.receiptNo!;
    const reversal = await ecr.reversal(receiptNo);
    expect(reversal).toMatchObject({ ok: true, completion: { amountMinor: 1999 } });
    expect(reversal.completion!.receiptNo).not.toBe(receiptNo);
    expect(reversal.printLines.join('\n')).toMatch(/REVERSAL[\s\S]*Reverses receipt\s+0*\d+/);
    await expect(ecr.reversal(receiptNo)).resolves.toMatchObject({ ok: false, result: 0xb4, resultKey: 'already_reversed', completion: null });
    await expect(ecr.reversal('9876')).resolves.toMatchObject({ ok: false, result: 0xb5, resultKey: 'reversal_not_possible' });
    expect(sim.authorizations()).toEqual([expect.objectContaining({ amountMinor: 1999, receiptNo, reversed: true, approved: true })]);
  });

  it('a declined payment cannot be reversed', async () => {
    const { ecr, sim } = await setup();
    sim.script({ outcome: 'decline' });
    const declined = await ecr.authorization(400);
    expect(declined.completion!.receiptNo).toBeUndefined();
    await expect(ecr.reversal('1')).resolves.toMatchObject({ ok: false, resultKey: 'reversal_not_possible' });
  });

  it('refund', async () => {
    const { ecr, sim } = await setup();
    const keys: string[] = [];
    const refund = await ecr.refund(1250, (p) => keys.push(p.key));
    expect(refund).toMatchObject({ ok: true, completion: { amountMinor: 1250, receiptNo: '0001' } });
    expect(refund.printLines.join('\n')).toMatch(/REFUND/);
    expect(keys).toEqual(['insert_card', 'please_wait']);
    expect(sim.lastTransaction()).toMatchObject({ kind: 'refund', amountMinor: 1250 });
    expect(sim.authorizations()).toEqual([]);
  });

  it('end of day: totals in the amount and the report lines; the day is closed for reversals', async () => {
    const { ecr } = await setup();
    const a = await ecr.authorization(1000);
    await ecr.authorization(2550);
    const c = await ecr.authorization(700);
    await ecr.reversal(c.completion!.receiptNo!);
    await ecr.refund(300);
    const eod = await ecr.endOfDay();
    expect(eod).toMatchObject({ ok: true, completion: { amountMinor: 1000 + 2550 - 300 } });
    expect(eod.receipts!.map((r) => r.type)).toEqual(['administration']);
    const report = eod.printLines.join('\n');
    expect(report).toMatch(/END OF DAY/);
    expect(report).toMatch(/VISA x2\s+EUR 35\.50/);
    expect(report).toMatch(/Reversals x1\s+EUR 7\.00/);
    expect(report).toMatch(/Refunds x1\s+-EUR 3\.00/);
    expect(report).toMatch(/TOTAL\s+EUR 32\.50/);
    await expect(ecr.reversal(a.completion!.receiptNo!)).resolves.toMatchObject({ ok: false, resultKey: 'reversal_not_possible' });
    const next = await ecr.endOfDay();
    expect(next.completion!.amountMinor).toBe(0);
  });

  it('status enquiry', async () => {
    const { ecr } = await setup({ terminalId: '12345678' });
    await expect(ecr.status()).resolves.toMatchObject({ ok: true, result: 0, resultKey: 'success', resultText: 'Terminal ready', completion: { terminalId: '12345678' } });
  });

  it('abort while the terminal waits for the PIN: 06 1E 6C', async () => {
    const { ecr, sim } = await setup();
    sim.script({ outcome: 'pin', delayMs: 10_000 });
    let aborting: Promise<void> | null = null;
    const outcome = await ecr.authorization(6000, (p) => {
      if (p.key === 'enter_pin') aborting = ecr.abort();
    });
    await aborting;
    expect(outcome).toMatchObject({ ok: false, result: 0x6c, resultKey: 'aborted', completion: null });
    expect(sim.authorizations()).toEqual([{ amountMinor: 6000, receiptNo: '', trace: '', reversed: false, approved: false }]);
    expect(sim.commands()).toEqual(['06 01', '06 B0']);
  });

  it('repeat last receipt: the last transaction again, as a duplicate', async () => {
    const { ecr, sim } = await setup();
    await expect(ecr.repeatLastReceipt()).resolves.toMatchObject({ ok: false, resultKey: 'function_not_possible', completion: null });
    const paid = await ecr.authorization(1500);
    const repeat = await ecr.repeatLastReceipt();
    expect(repeat).toMatchObject({ ok: true, completion: paid.completion! });
    expect(repeat.receipts!.map((r) => r.lines[0]!.trim())).toEqual(['*** DUPLICATE ***', '*** DUPLICATE ***']);
    sim.script({ outcome: 'decline', resultCode: 0x78 });
    await ecr.authorization(200);
    // The last transaction was declined: the repeat says so (its status information carries 78).
    await expect(ecr.repeatLastReceipt()).resolves.toMatchObject({ ok: false, result: 0x78, resultKey: 'card_expired', completion: { amountMinor: 200 } });
  });

  it("the simulator's authorizations() has exactly one entry per authorization call, whatever happened", async () => {
    const { ecr, sim } = await setup({ declineAmountsEndingIn: 66 }, { ackTimeoutMs: 300, responseTimeoutMs: 1500 });
    const calls: Array<() => Promise<unknown>> = [];
    const auth = (amount: number, onPrompt?: (p: ZvtPrompt) => void) => calls.push(() => ecr.authorization(amount, onPrompt).catch((e: unknown) => e));
    sim.script({ outcome: 'approve' });
    sim.script({ outcome: 'bad_crc_once' });
    sim.script({ outcome: 'pin', delayMs: 5000 });
    sim.script({ outcome: 'decline' });
    sim.script({ outcome: 'drop' });
    sim.script({ outcome: 'slow', delayMs: 50 });
    auth(100);
    auth(200);
    auth(300, (p) => {
      if (p.key === 'enter_pin') void ecr.abort();
    });
    auth(400);
    auth(500);
    auth(600);
    auth(766);
    const results = [];
    for (const call of calls) results.push(await call());
    expect(results[4]).toBeInstanceOf(ZvtTimeoutError);
    expect(sim.authorizations().map((a) => [a.amountMinor, a.approved])).toEqual([
      [100, true],
      [200, true],
      [300, false],
      [400, false],
      [500, true],
      [600, true],
      [766, false],
    ]);
    expect(sim.commands().filter((c) => c === '06 01')).toHaveLength(calls.length);
  });
});
