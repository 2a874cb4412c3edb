import { afterEach, describe, expect, it } from 'vitest';
import type { DevicesView } from '../../../electron/contract/api.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';
import { receiptOf } from '../receipt/support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const simulator = () => {
  const sim = core.printer.simulator;
  if (!sim) throw new Error('no simulated printer');
  return sim;
};
const log = async () => (await core.ok('devices.log', { limit: 50 })).map((e) => `${e.device} ${e.event} ${e.detail}`.trim());

async function sell(method: 'cash' | 'card', priceMinor = 500) {
  const r = await receiptOf(core, priceMinor);
  await core.ok('receipt.pay', { receiptId: r.id, method, amountMinor: priceMinor });
  return core.ok('receipt.confirm', { receiptId: r.id });
}

describe('peripherals through the core: drawer, QR, test page, device status, printer switch', () => {
  it('a cash sale kicks the drawer once and prints a QR of its number; a card sale and a reprint do not kick', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    const cash = await sell('cash');
    await waitFor(() => simulator().documents().length === 1, 'the cash receipt');
    expect(simulator().drawerKicks()).toBe(1);
    expect(simulator().documents()[0]).toMatchObject({ qr: cash.number });
    await sell('card');
    await core.ok('receipt.print', { receiptId: cash.id }); // COPY
    await waitFor(() => simulator().documents().length === 3, 'the card receipt and the copy');
    expect(simulator().drawerKicks()).toBe(1);
    expect(await log()).toEqual(expect.arrayContaining([`drawer drawer.kick ${cash.number}`, `printer reprint ${cash.number}`]));
  });

  it('"open drawer" needs the setting and a printer, and logs the reason', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    await core.ok('drawer.open', { reason: 'change for the bakery' });
    await waitFor(() => simulator().drawerKicks() === 1, 'the drawer kick');
    await waitFor(async () => (await log()).includes('drawer drawer.open change for the bakery'), 'the log entry');
    expect(await core.call('drawer.open', { reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await core.ok('settings.update', { drawerOpenAllowed: false });
    expect(await core.call('drawer.open', { reason: 'just because' })).toMatchObject({ ok: false, error: { code: 'drawer.not_allowed' } });
    expect(simulator().drawerKicks()).toBe(1);
  });

  it('the test page prints; without a printer it says so', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    await core.ok('printer.test', {});
    await waitFor(() => simulator().documents().length === 1, 'the test page');
    expect(simulator().documents()[0]?.text).toContain('Demo Pood OÜ');
    await core.close();
    core = await startTestCore({ printer: { kind: 'none' } });
    expect(await core.call('printer.test', {})).toMatchObject({ ok: false, error: { code: 'printer.unavailable' } });
    expect(await core.call('drawer.open', { reason: 'float check' })).toMatchObject({ ok: false, error: { code: 'printer.unavailable' } });
  });

  it('the status bar knows every device; a new printer from the settings is used at once, a bad one changes nothing', async () => {
    core = await startTestCore({ printer: { kind: 'escpos', transport: 'sim', link: 'memory' } });
    const seen: DevicesView[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'devices.changed') seen.push(payload as DevicesView);
    });
    expect(await core.ok('devices.status', {})).toMatchObject({
      printer: { state: 'ok' },
      terminal: { name: 'stand-in terminal', state: 'ok' },
      fiscal: { state: 'none' },
      scanner: { state: 'none' },
    });
    expect(await core.call('settings.update', { printerConnection: 'escpos:serial:/dev/ttyUSB0?baud=fast' })).toMatchObject({
      ok: false,
      error: { code: 'device.bad_connection' },
    });
    expect((await core.ok('settings.get', {})).printerConnection).toBe('');

    await core.ok('settings.update', { printerConnection: 'none' });
    await waitFor(async () => (await core.ok('devices.status', {})).printer.state === 'none', 'the printer to go');
    expect(seen.at(-1)?.printer.state).toBe('none');
    expect(await core.call('printer.test', {})).toMatchObject({ ok: false, error: { code: 'printer.unavailable' } });

    // Receipts confirmed meanwhile wait in the outbox and print once a printer is back.
    const sold = await sell('cash');
    await core.ok('settings.update', { printerConnection: 'sim' });
    await waitFor(async () => (await core.ok('devices.status', {})).printer.state === 'ok', 'the simulated printer');
    await waitFor(() => (simulator().documents().length === 1 ? true : null), 'the waiting receipt');
    expect(simulator().documents()[0]?.text).toContain(sold.number ?? '?');
  });
});
