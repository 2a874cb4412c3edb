/**
 * ZVT over TCP/IP (bare APDUs, no DLE framing, CRC or ACK bytes): the simulated terminal behind a
 * loopback listener, the ECR on openTcpLink, as with a LAN terminal on port 20007.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTcpLink } from '../../../native/link/tcp.js';
import { listenTcp, type TcpListener } from '../../../native/link/tcp-server.js';
import { ZvtEcr, ZvtSimulator, ZvtTimeoutError, DEFAULT_ZVT_TCP_PORT, type ZvtEcrOptions } from '../../../native/zvt/index.js';

let listener: TcpListener;
let sims: ZvtSimulator[];
let cleanup: Array<() => Promise<void>>;

async function connect(options: ZvtEcrOptions = {}): Promise<{ ecr: ZvtEcr; sim: ZvtSimulator }> {
  const before = sims.length;
  const ecr = new ZvtEcr(await openTcpLink({ host: '127.0.0.1', port: listener.port }), { transport: 'tcp', ackTimeoutMs: 500, responseTimeoutMs: 5000, ...options });
  cleanup.push(() => ecr.close());
  const deadline = Date.now() + 2000;
  while (sims.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return { ecr, sim: sims.at(-1)! };
}

describe('ZVT card terminal over TCP', () => {
  beforeEach(async () => {
    sims = [];
    cleanup = [];
    listener = await listenTcp({ port: 0 }, (link) => {
      sims.push(new ZvtSimulator(link, { transport: 'tcp', stepMs: 5, declineAmountsEndingIn: 66 }));
    });
  });

  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    for (const s of sims) await s.close();
    await listener.close();
  });

  it('uses port 20007 by default', () => {
    expect(DEFAULT_ZVT_TCP_PORT).toBe(20007);
  });

  it('registration, payment, decline, reversal, status, end of day', async () => {
    const { ecr, sim } = await connect();
    await expect(ecr.registration()).resolves.toMatchObject({ ok: true, completion: { terminalId: '52001234' } });
    const keys: string[] = [];
    const paid = await ecr.authorization(2099, (p) => keys.push(p.key));
    expect(paid).toMatchObject({ ok: true, completion: { amountMinor: 2099, receiptNo: '0001' } });
    expect(paid.receipts!.map((r) => r.type)).toEqual(['customer', 'merchant']);
    expect(keys).toEqual(['insert_card', 'please_wait']);
    await expect(ecr.authorization(466)).resolves.toMatchObject({ ok: false, resultKey: 'insufficient_funds' });
    await expect(ecr.reversal('0001')).resolves.toMatchObject({ ok: true, completion: { amountMinor: 2099 } });
    await expect(ecr.reversal('0001')).resolves.toMatchObject({ ok: false, resultKey: 'already_reversed' });
    await expect(ecr.status()).resolves.toMatchObject({ ok: true, result: 0 });
    await expect(ecr.endOfDay()).resolves.toMatchObject({ ok: true, completion: { amountMinor: 0 } });
    expect(sim.lineStats()).toMatchObject({ acksIn: 0, naksIn: 0, naksOut: 0 });
    expect(sim.authorizations()).toHaveLength(2);
  });

  it('dropped line: timeout, then repeatLastReceipt shows the approval', async () => {
    const { ecr, sim } = await connect({ ackTimeoutMs: 200, responseTimeoutMs: 600 });
    sim.script({ outcome: 'drop' });
    await expect(ecr.authorization(1234)).rejects.toBeInstanceOf(ZvtTimeoutError);
    await expect(ecr.drain(100)).resolves.toBeNull();
    await expect(ecr.repeatLastReceipt()).resolves.toMatchObject({ ok: true, completion: { amountMinor: 1234, receiptNo: sim.lastTransaction()!.receiptNo } });
  });

  it('late approval through drain(), abort during PIN entry', async () => {
    const { ecr, sim } = await connect({ ackTimeoutMs: 200, responseTimeoutMs: 500 });
    sim.script({ outcome: 'late_approval', delayMs: 900 });
    await expect(ecr.authorization(4321)).rejects.toBeInstanceOf(ZvtTimeoutError);
    await expect(ecr.drain(3000)).resolves.toMatchObject({ ok: true, completion: { amountMinor: 4321 } });
    sim.script({ outcome: 'pin', delayMs: 5000 });
    const outcome = await ecr.authorization(100, (p) => {
      if (p.key === 'enter_pin') void ecr.abort();
    });
    expect(outcome).toMatchObject({ ok: false, result: 0x6c, resultKey: 'aborted' });
    expect(sim.authorizations().map((a) => a.approved)).toEqual([true, false]);
  });
});
