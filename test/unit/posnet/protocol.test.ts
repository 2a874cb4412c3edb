import { afterEach, describe, expect, it } from 'vitest';
import type { ByteLink } from '../../../native/link/link.js';
import { memoryLinkPair } from '../../../native/link/link.js';
import { encodeFrame, param } from '../../../native/posnet/frame.js';
import {
  PosnetClient,
  PosnetError,
  PosnetReplyLostError,
  PosnetTimeoutError,
  mechanismCondition,
  type MechanismCondition,
} from '../../../native/posnet/protocol.js';
import { PosnetSimulator } from '../../../native/posnet/simulator.js';
import { rig } from './support.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function setup(opts: Parameters<typeof rig>[0] = {}) {
  const r = rig(opts);
  cleanup.push(() => r.client.close(), () => r.sim.close());
  return r;
}

/** A link that damages the first `n` frames it writes (line noise on the way to the device). */
function noisyOnce(link: ByteLink, n = 1): ByteLink {
  let left = n;
  return {
    description: link.description,
    onData: (l) => link.onData(l),
    close: () => link.close(),
    write(data) {
      if (left > 0 && data[0] === 0x02 && data[1] !== 0x21 /* not !async */) {
        left -= 1;
        const copy = data.slice();
        copy[3] = copy[3]! ^ 0x20; // flips a letter's case inside the mnemonic: the CRC no longer matches
        return link.write(copy);
      }
      return link.write(data);
    },
  };
}

describe('PosnetClient', () => {
  it('sends a command and resolves with its reply, matched by token', async () => {
    const { client, sim } = setup();
    const reply = await client.request('scnt');
    expect(reply.command).toBe('scnt');
    expect(reply.token).toMatch(/^\d{4}$/);
    expect(param(reply, 'bn')).toBe('0');
    expect(sim.commands()[0]?.token).toBe(reply.token);
  });

  it('rejects with PosnetError on a ?nnnn reply, and the next command still works', async () => {
    const { client } = setup();
    await expect(client.request('trline', [['na', 'X'], ['vt', 0], ['pr', 1]])).rejects.toMatchObject({ name: 'PosnetError', code: 2060, kind: 'command' });
    await expect(client.request('scnt')).resolves.toMatchObject({ command: 'scnt' });
  });

  it('serialises commands: the second waits for the first reply', async () => {
    const { client, sim } = setup({ sim: { replyDelayMs: 30 } });
    const order: string[] = [];
    await Promise.all([
      client.request('trinit').then(() => order.push('trinit')),
      client.request('strns').then((f) => order.push(`strns to=${param(f, 'to')}`)),
    ]);
    expect(order).toEqual(['trinit', 'strns to=1']);
    expect(sim.commandNames({ withStatus: true })).toEqual(['trinit', 'strns']);
  });

  it('times out when nothing answers, not even status queries, and says so', async () => {
    const { client, sim } = setup();
    sim.setSilent(true);
    const started = Date.now();
    const error = await client.request('scnt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PosnetTimeoutError);
    expect(String(error)).toMatch(/does not answer status queries/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits for a slow device that is busy (queue not empty) instead of timing out', async () => {
    const { client } = setup({ sim: { replyDelayMs: 450 }, client: { replyTimeoutMs: 100, statusTimeoutMs: 50 } });
    await expect(client.request('scnt')).resolves.toMatchObject({ command: 'scnt' });
  });

  it('gives up on a busy device after maxHoldMs', async () => {
    const { client } = setup({ sim: { replyDelayMs: 2000 }, client: { replyTimeoutMs: 50, statusTimeoutMs: 50, maxHoldMs: 200 } });
    await expect(client.request('scnt')).rejects.toThrow(/still not done .*device busy/);
  });

  it('holds a command while the paper is out, reports paper_out, then ok when it prints', async () => {
    const conditions: MechanismCondition[] = [];
    const { client, sim } = setup({ client: { replyTimeoutMs: 50, statusTimeoutMs: 50, onCondition: (c) => conditions.push(c) } });
    await client.request('trinit');
    sim.setPaperOut(true);
    const line = client.request('trline', [['na', 'Mleko'], ['vt', 1], ['pr', 349]]);
    await new Promise((r) => setTimeout(r, 200));
    expect(conditions).toEqual(['paper_out']);
    sim.setPaperOut(false);
    await expect(line).resolves.toMatchObject({ command: 'trline' });
    expect(conditions).toEqual(['paper_out', 'ok']);
  });

  it('fetches a reply lost on the wire again with rpt (no second execution)', async () => {
    const { client, sim } = setup();
    await client.request('trinit');
    await client.request('trline', [['na', 'Mleko'], ['vt', 1], ['pr', 349]]);
    sim.dropReplyTo('trend');
    await expect(client.request('trend', [['to', 349]])).resolves.toMatchObject({ command: 'trend', error: null });
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.commandNames({ withStatus: true })).toEqual(['trinit', 'trline', 'trend', 'rpt']);
  });

  it('reports PosnetReplyLostError when the device is idle and no longer has the reply', async () => {
    const { client, sim } = setup();
    sim.dropReplyTo('scnt');
    sim.dropReplyTo('rpt');
    await expect(client.request('scnt')).rejects.toBeInstanceOf(PosnetReplyLostError);
  });

  it('asks rpt for a reply damaged on the wire and uses the clean copy', async () => {
    const { client, sim } = setup();
    sim.corruptNextReply();
    await expect(client.request('scnt')).resolves.toMatchObject({ command: 'scnt' });
    expect(sim.commandNames({ withStatus: true })).toEqual(['scnt', 'rpt']);
  });

  it('resends a frame the device could not read (ERR 5): executed once', async () => {
    const [host, device] = memoryLinkPair();
    const sim = new PosnetSimulator(device);
    const client = new PosnetClient(noisyOnce(host), { replyTimeoutMs: 200, statusTimeoutMs: 100 });
    cleanup.push(() => client.close(), () => sim.close());
    await client.request('trinit');
    expect(sim.commandNames()).toEqual(['trinit']);
    expect(sim.transactionOpen()).toBe(true);
  });

  it('gives up after the configured resends and reports the frame error', async () => {
    const [host, device] = memoryLinkPair();
    const sim = new PosnetSimulator(device);
    const client = new PosnetClient(noisyOnce(host, 10), { replyTimeoutMs: 200, statusTimeoutMs: 100, frameRetries: 2 });
    cleanup.push(() => client.close(), () => sim.close());
    const error = await client.request('trinit').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PosnetError);
    expect(error).toMatchObject({ kind: 'frame', code: 5 });
    expect(sim.commandNames()).toEqual([]);
  });

  it('ignores garbage between frames and stale replies with another token', async () => {
    const { client, sim, device } = setup();
    sim.setNoise(Uint8Array.of(0xff, 0x00, 0x03, 0x41, 0x09));
    await device.write(encodeFrame({ command: 'scnt', token: '9999', params: [['bn', 77]] })); // a stale reply
    const reply = await client.request('scnt');
    expect(param(reply, 'bn')).toBe('0');
    expect(client.garbageBytes()).toBeGreaterThanOrEqual(5);
  });

  it('maps sprn mechanism states', () => {
    expect([0, 1, 3, 5, 8, 10].map(mechanismCondition)).toEqual(['ok', 'cover_open', 'cover_open', 'paper_out', 'error', 'cover_open']);
  });

  it('rejects pending work when closed', async () => {
    const { client, sim } = setup();
    sim.setSilent(true);
    const pending = client.request('scnt');
    await client.close();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
