/**
 * The day close and the POSNET fiscal printer's daily report (raport dobowy), through the real
 * core: queued by the close behind the day's fiscal receipts, made once, and after a restart in
 * the middle of it (the printer made it, its reply was lost) not made a second time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialLink } from '../../../native/link/serial.js';
import { openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { PosnetSimulator } from '../../../native/posnet/simulator.js';
import { fiscalSimOf, outboxOf, sequentialIds, startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore | null = null;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await core?.close();
  core = null;
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const till = (): TestCore => {
  if (!core) throw new Error('no till');
  return core;
};
const dailyReports = () => outboxOf<{ zNumber: number; date: string }>(till().db, 'fiscal.dailyReport');
const fiscalStatus = async () => (await till().ok('devices.status', {})).fiscal;

/** A Polish till (no cash rounding, the shop's zone Warsaw) with `fiscalConnection` as its fiscal printer. */
async function polishTill(fiscalConnection: string, dataDir?: string) {
  core = await startTestCore({ ...(dataDir ? { dataDir, ids: sequentialIds('again') } : {}) });
  if (!dataDir) await core.ok('settings.update', { cashRounding: 'none', timeZone: 'Europe/Warsaw', fiscalConnection });
  await waitFor(async () => (await fiscalStatus()).state !== 'none', 'the fiscal printer');
  return core;
}

async function cashSale(code = '1001') {
  let r = await till().ok('receipt.new', {});
  r = await till().ok('receipt.addArticle', { receiptId: r.id, code });
  r = await till().ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.totalMinor });
  return till().ok('receipt.confirm', { receiptId: r.id });
}

async function close() {
  const day = await till().ok('day.current', {});
  if (!day) throw new Error('no day is open');
  return till().ok('day.close', { countedMinor: day.expectedMinor ?? 0 });
}

describe('the day close makes the fiscal daily report exactly once', () => {
  it("with POSNET set: the daily report after the day's receipts, once, dated today; a day without sales owes none", async () => {
    await polishTill('posnet:sim?link=memory');
    const sim = fiscalSimOf(till());
    await cashSale();
    await cashSale('1601');
    const z = await close();
    await waitFor(() => dailyReports()[0]?.status === 'done', 'the daily report made');
    expect(dailyReports()).toEqual([expect.objectContaining({ status: 'done', attempts: 1, payload: expect.objectContaining({ zNumber: z.zNumber, date: '2026-11-22' }) })]);
    expect(sim.counterValues().dailyReports).toBe(1);
    // Both receipts first, then the report, with the printer's today.
    expect(sim.commandNames().filter((c) => c === 'trend' || c === 'dailyrep')).toEqual(['trend', 'trend', 'dailyrep']);
    expect(sim.commands().find((f) => f.command === 'dailyrep')?.params).toEqual([['da', '2026-11-22']]);
    expect(till().db.prepare(`SELECT result FROM outbox WHERE kind = 'fiscal.dailyReport'`).get()).toEqual({ result: 'daily report 1' });
    expect((await fiscalStatus()).state).toBe('ok');

    // A day with nothing sold: the printer makes no second zero report, and the till does not keep asking.
    await till().ok('day.open', { floatMinor: 0 });
    await close();
    await waitFor(() => dailyReports()[1]?.status === 'done', 'the empty day settled');
    expect(sim.counterValues().dailyReports).toBe(1);
    expect(dailyReports()[1]).toMatchObject({ attempts: 1 });
    expect((await fiscalStatus()).state).toBe('ok');
  });

  it('no fiscal printer set: the close queues no daily report', async () => {
    core = await startTestCore();
    await cashSale();
    await close();
    expect(dailyReports()).toEqual([]);
  });

  it('a restart in the middle of the daily report (made, its reply lost in a power cut) does not make it twice', async () => {
    // The printer on a serial line of its own, so it outlives the till's restart.
    const pty: PtyPair = await openPtyPair();
    const sim = new PosnetSimulator(await openSerialLink({ path: pty.b }));
    cleanup.push(async () => {
      await sim.close();
      await pty.close();
    });
    await polishTill(`posnet:serial:${pty.a}`);
    const dataDir = till().dataDir;
    await cashSale();
    await waitFor(() => sim.receipts().length === 1, 'the fiscal receipt');
    sim.powerCutAfter('dailyrep');
    await close();
    await waitFor(() => sim.counterValues().dailyReports === 1, 'the printer to make the report');
    await waitFor(() => dailyReports()[0]?.status === 'in_doubt', 'the report in doubt');
    expect(dailyReports()[0]).toMatchObject({ attempts: 1 });

    // The till is restarted while it still waits for the reply; the printer comes back on.
    await till().close();
    core = null;
    sim.powerOn();
    await polishTill(`posnet:serial:${pty.a}`, dataDir);
    await waitFor(() => dailyReports()[0]?.status === 'done', 'the report settled by asking the printer', 15_000);
    expect(sim.counterValues().dailyReports).toBe(1);
    expect(sim.commandNames().filter((c) => c === 'dailyrep')).toHaveLength(1);
    expect(till().db.prepare(`SELECT result, attempts FROM outbox WHERE kind = 'fiscal.dailyReport'`).get()).toEqual({ result: 'daily report 1', attempts: 1 });
    expect((await fiscalStatus()).state).toBe('ok');
  }, 40_000);
});
