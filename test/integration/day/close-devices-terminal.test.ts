/**
 * The day close and the card terminal's own end of day (ZVT 06 50), through the real core and
 * the ZVT simulator (over a serial PTY, or behind a TCP listener that can be off): queued by the
 * close, carried out once by the terminal lane, never a second time after a lost answer, and a
 * terminal that is off blocks neither the close nor the selling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listenTcp, type TcpListener } from '../../../native/link/tcp-server.js';
import { ZvtSimulator } from '../../../native/zvt/index.js';
import { outboxOf, startTestCore, startZvtTill, zvtSimOf, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';
import { receiptOf } from '../receipt/support.js';

let core: TestCore;
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await core.close();
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

interface EndOfDayPayload {
  zNumber: number;
  date: string;
}

const endOfDay = () => outboxOf<EndOfDayPayload>(core.db, 'terminal.endOfDay');
/** 06 50 as the terminal took it off the line. */
const sent = (sim: ZvtSimulator) => sim.commands().filter((c) => c === '06 50').length;

async function sale(priceMinor: number, method: 'cash' | 'card') {
  const r = await receiptOf(core, priceMinor);
  const paid = await core.ok('receipt.pay', { receiptId: r.id, method, amountMinor: method === 'cash' ? r.cashDueMinor : r.dueMinor });
  return core.ok('receipt.confirm', { receiptId: paid.id });
}

/** Closes the open day with the drawer counted as the documents say. */
async function close() {
  const day = await core.ok('day.current', {});
  if (!day) throw new Error('no day is open');
  return core.ok('day.close', { countedMinor: day.expectedMinor ?? 0 });
}

const terminalStatus = async () => (await core.ok('devices.status', {})).terminal;
const logOf = async (event: string) => (await core.ok('devices.log', { limit: 50 })).filter((e) => e.device === 'terminal' && e.event === event);

describe('the day close runs the card terminal end of day exactly once', () => {
  it('a close with the ZVT terminal runs 06 50 once; its totals are in the device log', async () => {
    core = await startZvtTill();
    const sim = zvtSimOf(core);
    await sale(2000, 'card');
    await sale(1250, 'card');
    const z = await close();
    await waitFor(() => endOfDay()[0]?.status === 'done', 'the end of day done');
    expect(endOfDay()).toEqual([expect.objectContaining({ status: 'done', attempts: 1, payload: expect.objectContaining({ zNumber: z.zNumber, date: '2026-11-22' }) })]);
    expect(sent(sim)).toBe(1);
    // The terminal closed its batch with the day's two card payments in it.
    expect(sim.endsOfDay()).toEqual([expect.objectContaining({ amountMinor: 3250, approved: true })]);
    const [logged] = await logOf('end_of_day');
    expect(logged?.detail).toMatch(/^Z 1\n/);
    expect(logged?.detail).toMatch(/END OF DAY/);
    expect(logged?.detail).toMatch(/TOTAL +EUR 32\.50/);
    expect((await terminalStatus()).state).toBe('ok');

    // Nothing runs it again: the next day's close runs the next one, with that day's card sale only.
    await core.outbox.idle('terminal');
    expect(sent(sim)).toBe(1);
    await core.ok('day.open', { floatMinor: 0 });
    await sale(700, 'card');
    await close();
    await waitFor(() => endOfDay()[1]?.status === 'done', "the next day's end of day done");
    expect(sent(sim)).toBe(2);
    expect(sim.endsOfDay().map((e) => e.amountMinor)).toEqual([3250, 700]);
  }, 30_000);

  it('no card terminal with a day of its own (the stand-in): the close queues no end of day', async () => {
    core = await startTestCore();
    await sale(1000, 'cash');
    await close();
    expect(endOfDay()).toEqual([]);
  });

  it('the terminal off: the close succeeds, the till keeps selling, the status says what waits; once the terminal is back the end of day runs once', async () => {
    // A port with nothing listening on it: the terminal is off.
    const probe = await listenTcp({ port: 0 }, () => undefined);
    const port = probe.port;
    await probe.close();
    core = await startTestCore({ terminal: { kind: 'zvt', transport: 'tcp', host: '127.0.0.1', port, responseTimeoutMs: 3000 } });
    await core.ok('day.open', { floatMinor: 0 });
    const z = await close();
    expect(z.zNumber).toBe(1);
    await waitFor(async () => (await terminalStatus()).message?.key === 'terminal.end_of_day_waiting', 'the status to say the end of day waits');
    expect(await terminalStatus()).toMatchObject({ state: 'offline', message: { key: 'terminal.end_of_day_waiting', details: { number: 1 } } });
    // Nothing may have reached the terminal: the entry waits, not in doubt.
    expect(endOfDay()).toEqual([expect.objectContaining({ status: 'pending' })]);
    // Selling for cash goes on meanwhile.
    await core.ok('day.open', { floatMinor: 0 });
    expect((await sale(500, 'cash')).status).toBe('confirmed');

    // The terminal is switched on.
    const sims: ZvtSimulator[] = [];
    const listener: TcpListener = await listenTcp({ port }, (link) => sims.push(new ZvtSimulator(link, { transport: 'tcp', stepMs: 5 })));
    cleanup.push(async () => {
      for (const s of sims) await s.close();
      await listener.close();
    });
    await waitFor(() => endOfDay()[0]?.status === 'done', 'the end of day once the terminal is back', 20_000);
    expect(sims.reduce((n, s) => n + sent(s), 0)).toBe(1);
    expect(sims.flatMap((s) => s.endsOfDay())).toHaveLength(1);
    await waitFor(async () => (await terminalStatus()).state === 'ok', 'the terminal status back to ok');
    expect(await logOf('end_of_day')).toHaveLength(1);
  }, 40_000);

  it('the answer to 06 50 is lost: the till asks the terminal and does not run a second end of day', async () => {
    core = await startZvtTill();
    const sim = zvtSimOf(core);
    await sale(4200, 'card');
    sim.dropNextEndOfDayAnswer();
    await close();
    await waitFor(() => endOfDay()[0]?.status === 'done', 'the end of day settled by asking the terminal', 20_000);
    expect(sent(sim)).toBe(1);
    expect(sim.endsOfDay()).toEqual([expect.objectContaining({ amountMinor: 4200 })]);
    // It was asked (06 20), once before the end of day and again after the answer was lost.
    expect(sim.commands().filter((c) => c === '06 20').length).toBeGreaterThanOrEqual(2);
    expect(endOfDay()[0]).toMatchObject({ attempts: 1 });
    const [recovered] = await logOf('end_of_day.recovered');
    expect(recovered?.detail).toMatch(/TOTAL +EUR 42\.00/);
    expect(await logOf('end_of_day')).toEqual([]);
    expect((await terminalStatus()).state).toBe('ok');
  }, 30_000);

  it('a card payment comes between the lost answer and the question: the till cannot tell, says so, and sends no second end of day', async () => {
    core = await startZvtTill();
    const sim = zvtSimOf(core);
    sim.dropNextEndOfDayAnswer();
    await core.ok('day.open', { floatMinor: 0 });
    await close();
    // The next customer pays by card while the terminal's answer is still awaited.
    await waitFor(() => sent(sim) === 1, 'the end of day on its way');
    await core.ok('day.open', { floatMinor: 0 });
    expect((await sale(990, 'card')).status).toBe('confirmed');
    await waitFor(() => endOfDay()[0]?.status === 'failed', 'the end of day set aside for a person', 20_000);
    expect(sent(sim)).toBe(1);
    expect(await terminalStatus()).toMatchObject({ state: 'error', message: { key: 'terminal.end_of_day_check', details: { number: 1 } } });
  }, 40_000);
});
