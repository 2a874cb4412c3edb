/**
 * A network printer: the simulator listens on a loopback TCP port (127.0.0.1, port 0) and the
 * till connects to it with the TCP link, as to a printer on port 9100.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../native/printer/escpos-printer.js';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { PRINTER_PROFILES } from '../../../native/printer/profiles.js';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from '../../../native/printer/tcp-simulator.js';
import { openTcpLink } from '../../../native/link/tcp.js';
import { listenTcp } from '../../../native/link/tcp-server.js';
import { parseConnection } from '../../../electron/devices/connection.js';
import { setupPrinter, type PrinterSetup } from '../../../electron/devices/printer/setup.js';
import { waitFor } from '../../support/wait.js';
import { ET_LABELS, sampleReceipt } from '../../unit/printer/fixtures.js';
import { workerRig, type WorkerRig } from '../../unit/printer/worker-rig.js';

const PROFILE = PRINTER_PROFILES['epson-wpc1257']!;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function tcpPrinter(): Promise<TcpPrinterSimulator> {
  const server = await startTcpPrinterSimulator({ profile: PROFILE });
  closers.push(() => server.close());
  return server;
}

describe('ESC/POS over TCP', () => {
  it('the driver prints a receipt to a printer on a loopback port and reads its status', async () => {
    const server = await tcpPrinter();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    const printer = new EscPosPrinter(await openTcpLink({ host: server.host, port: server.port }), { replyTimeoutMs: 500 });
    closers.push(() => printer.close());
    const bytes = encodeReceipt(sampleReceipt({ qr: 'K1-000042', openDrawer: true }), ET_LABELS, PROFILE);
    await expect(printer.print(bytes)).resolves.toEqual({ ok: true });
    const [doc] = await waitFor(() => (server.simulator.documents().length ? server.simulator.documents() : null), 'the receipt');
    expect(doc!.lines[0]).toBe('Õunapuu Pood OÜ');
    expect(doc!.lines).toContain('Žuvis (kilohind)');
    expect(doc!.qr).toBe('K1-000042');
    await waitFor(() => server.simulator.drawerKicks() === 1, 'the drawer kick');
    expect(server.simulator.receivedBytes()).toEqual(bytes);
    server.simulator.setCondition('cover_open');
    await expect(printer.status()).resolves.toEqual({ condition: 'cover_open', paperNearEnd: false });
  });

  it('a connection string escpos:tcp:127.0.0.1:<port> prints through setupPrinter, and reconnects after the printer drops the connection', async () => {
    const server = await tcpPrinter();
    const config = parseConnection('printer', `escpos:tcp:127.0.0.1:${server.port}?profile=epson-wpc1257`);
    const setup: PrinterSetup = await setupPrinter(config);
    closers.push(() => setup.close());
    expect(setup.port?.name).toBe(`${PROFILE.name} @ tcp 127.0.0.1:${server.port}`);
    await expect(setup.port!.print(encodeReceipt(sampleReceipt({ number: 'T-1' }), ET_LABELS, PROFILE))).resolves.toEqual({ ok: true });
    await waitFor(() => server.simulator.documents().length === 1, 'the first receipt');
    // The printer is power-cycled: every connection is dropped, and it listens again on the same port.
    await server.close();
    closers.pop();
    const again = await startTcpPrinterSimulator({ profile: PROFILE, port: server.port });
    closers.push(() => again.close());
    let result = await setup.port!.print(encodeReceipt(sampleReceipt({ number: 'T-2' }), ET_LABELS, PROFILE));
    if (!result.ok) {
      // The first attempt found the old connection dead (unavailable); the next one reconnects.
      expect(result.condition).toBe('unavailable');
      result = await setup.port!.print(encodeReceipt(sampleReceipt({ number: 'T-2' }), ET_LABELS, PROFILE));
    }
    expect(result).toEqual({ ok: true });
    await waitFor(() => again.simulator.documents().length === 1, 'the receipt after the reconnect');
    expect(again.simulator.documents()[0]!.text).toMatch(/T-2/);
  });

  it('a printer that is not there: refused, with the address in the message', async () => {
    // Bind then close a port, so nothing listens there.
    const probe = await listenTcp({ port: 0 }, () => undefined);
    await probe.close();
    await expect(openTcpLink({ host: '127.0.0.1', port: probe.port })).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${probe.port}: connection refused`));
    const setup = await setupPrinter({ kind: 'escpos', transport: 'tcp', host: '127.0.0.1', port: probe.port });
    closers.push(() => setup.close());
    await expect(setup.port!.status()).resolves.toMatchObject({ condition: 'unavailable', detail: expect.stringMatching(/connection refused/) });
    // (The connect timeout is tested in test/unit/printer/tcp-link.test.ts with a socket that never connects.)
  });
});

describe('the printer lane of the outbox with a TCP printer', () => {
  let rig: WorkerRig;
  afterEach(async () => {
    await rig.close();
  });

  it('prints a receipt and a test page to the simulated network printer', async () => {
    rig = await workerRig({ link: 'tcp' });
    expect(rig.setup.port?.name).toMatch(/\(simulated\) @ tcp 127\.0\.0\.1:\d+$/);
    const id = rig.queueReceipt(sampleReceipt({ number: 'K000404', qr: 'K000404' }));
    rig.queue('print.test', { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00.000Z' });
    rig.worker().start();
    await waitFor(() => rig.sim.documents().length === 2, 'the receipt and the test page');
    expect(rig.job(id).status).toBe('done');
    const [receipt, test] = rig.sim.documents();
    expect(receipt!.text).toMatch(/Nr +K000404/);
    expect(receipt!.qr).toBe('K000404');
    expect(test!.lines[0]).toBe('Testlehekülg');
  });
});
