import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

async function sell(codes: string[], amountMinor: number) {
  let r = await core.ok('receipt.new', {});
  for (const code of codes) r = await core.ok('receipt.addArticle', { receiptId: r.id, code });
  await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

const simulator = () => {
  const sim = core.printer.simulator;
  if (!sim) throw new Error('no simulated printer');
  return sim;
};

describe('confirmed receipts reach the ESC/POS printer over a real serial port (socat PTY)', () => {
  it('prints the receipt in Estonian with WPC1257 letters, total and change', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' } });
    expect(core.printer.port?.name).toMatch(/simulated\) @ .*ttyA/);
    const r = await sell(['4740010012018', '1205', '1404'], 2000);
    const [doc] = await waitFor(() => (simulator().documents().length > 0 ? simulator().documents() : null), 'the printout');
    expect(doc?.cut).toBe(true);
    const text = doc?.text ?? '';
    expect(text).toContain('Demo Pood OÜ');
    expect(text).toMatch(new RegExp(`Nr\\s+${r.number}`));
    expect(text).toContain('Õunamahl 1 l');
    expect(text).toContain('Šokolaad piimaga 100 g');
    expect(text).toContain('Žemaičių dešra 300 g');
    expect(text).toMatch(/KOKKU EUR\s+8,87/); // 2.29 + 1.99 + 4.59
    expect(text).toMatch(/Ümardus\s+-0,02/); // cash 8.87 → 8.85
    expect(text).toMatch(/Tagasi\s+11,15/);
    expect(text).toContain('22.11.2026 12:00'); // 10:00 UTC is noon in Tallinn
    await waitFor(async () => (await core.ok('printer.status', {})).pendingJobs === 0, 'the job to be marked done');
    expect(await core.ok('printer.status', {})).toMatchObject({ state: 'ok', pendingJobs: 0 });
  });

  it('a printer out of paper never blocks the sale: confirmed at once, printed once when paper is back', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' } });
    simulator().setCondition('paper_out');
    const first = await sell(['1001'], 200);
    const second = await sell(['1002'], 200);
    expect([first.status, second.status]).toEqual(['confirmed', 'confirmed']);
    const stuck = await waitFor(async () => {
      const s = await core.ok('printer.status', {});
      return s.state === 'paper_out' ? s : null;
    }, 'the paper-out state');
    expect(stuck.pendingJobs).toBe(2);
    expect(simulator().documents()).toHaveLength(0);

    simulator().setCondition('ok');
    await waitFor(() => simulator().documents().length === 2, 'both receipts after the paper change');
    const numbers = simulator()
      .documents()
      .map((d) => /K\d{6}/.exec(d.text)?.[0]);
    expect(numbers).toEqual([first.number, second.number]); // in confirm order
    await waitFor(async () => (await core.ok('printer.status', {})).pendingJobs === 0, 'an empty queue');
    await new Promise((r) => setTimeout(r, 300)); // the worker's retry period: nothing prints twice
    expect(simulator().documents()).toHaveLength(2);
    // The device log has the fault (once, with the receipt it held up) and the recovery.
    const log = (await core.ok('devices.log', { limit: 50 })).filter((e) => e.device === 'printer');
    expect(log.map((e) => e.event).reverse()).toEqual(['fault', 'recovered']);
    expect(log[1]?.detail).toMatch(/^paper_out/);
  });

  it("opens the drawer without a sale: one kick on the printer's drawer port, the reason in the device log", async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' } });
    await core.ok('drawer.open', { reason: 'change for the float' });
    await waitFor(() => simulator().drawerKicks() === 1, 'the drawer kick');
    await waitFor(async () => (await core.ok('printer.status', {})).pendingJobs === 0, 'the job done');
    await new Promise((r) => setTimeout(r, 200));
    expect(simulator().drawerKicks()).toBe(1);
    expect(simulator().documents()).toHaveLength(0); // nothing printed, no paper wasted
    const log = await core.ok('devices.log', { limit: 50 });
    expect(log).toContainEqual(expect.objectContaining({ device: 'drawer', event: 'drawer.open', detail: 'change for the float' }));
  });

  it('prints a test page naming the printer profile and its code page, with the shop letters', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' } });
    await core.ok('printer.test', {});
    const [page] = await waitFor(() => (simulator().documents().length ? simulator().documents() : null), 'the test page');
    expect(page?.lines[0]).toBe('Testlehekülg');
    expect(page?.text).toContain('Demo Pood OÜ');
    expect(page?.text).toMatch(/Koodileht: WPC1257 \(ESC t 51\)/);
    expect(page?.text).toContain('et Õun Äädikas Öö Ülo Šokk Žürii');
    expect(page?.qr).toBe('TEST epson-wpc1257');
  });

  it('an unplugged printer (no answer) shows as unavailable and the job waits', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' } });
    simulator().setSilent(true);
    await sell(['1001'], 200);
    const s = await waitFor(async () => {
      const st = await core.ok('printer.status', {});
      return st.state === 'unavailable' ? st : null;
    }, 'the unavailable state');
    expect(s.pendingJobs).toBe(1);
    simulator().setSilent(false);
    await waitFor(() => simulator().documents().length === 1, 'the receipt once the printer answers');
  });

  it('without socat the simulated printer runs in memory and still recovers from a silent spell', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    expect(core.printer.port?.name).toMatch(/in memory/);
    simulator().setSilent(true);
    await sell(['1001'], 200);
    await waitFor(async () => (await core.ok('printer.status', {})).state === 'unavailable', 'the unavailable state');
    simulator().setSilent(false);
    await waitFor(() => simulator().documents().length === 1, 'the receipt once the printer answers');
  });

  it('an idle printer is watched: paper running out shows before the next sale, and so does the fix', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim' }, printerPollMs: 50 });
    const changes: string[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'printer.changed') changes.push((payload as { state: string }).state);
    });
    simulator().setCondition('paper_out');
    await waitFor(async () => (await core.ok('printer.status', {})).state === 'paper_out', 'paper_out while idle');
    simulator().setCondition('ok');
    await waitFor(async () => (await core.ok('printer.status', {})).state === 'ok', 'ok again');
    expect(changes).toEqual(['paper_out', 'ok']); // pushed to the screen once per change
    expect(simulator().documents()).toHaveLength(0);
  });

  it('a serial printer that is not there: the till still sells and says what is wrong', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'serial', path: '/dev/ttyNOPRINTER0', baudRate: 9600 } });
    const r = await sell(['1001'], 200);
    expect(r.status).toBe('confirmed');
    const s = await waitFor(async () => {
      const st = await core.ok('printer.status', {});
      return st.state === 'unavailable' && st.pendingJobs === 1 ? st : null;
    }, 'the unavailable state');
    expect(s.message).toMatchObject({ key: 'printer.detail', details: { text: expect.stringMatching(/ttyNOPRINTER0/) } });
  });
});
