import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, decodeFrame, FrameSplitter, param, type Frame } from '../../../native/posnet/frame.js';
import { PosnetError, type PosnetClient } from '../../../native/posnet/protocol.js';
import { PosnetSimulator, posnetFiscalName } from '../../../native/posnet/simulator.js';
import { RATE_EXEMPT_BP, RATE_INACTIVE_BP } from '../../../native/posnet/spec.js';
import { fiscalName } from '../../../electron/domain/tax-ladder.js';
import { memoryLinkPair } from '../../../native/link/link.js';
import { rig } from './support.js';

let client: PosnetClient;
let sim: PosnetSimulator;

afterEach(async () => {
  await client?.close();
  await sim?.close();
});

function setup(opts: Parameters<typeof rig>[0] = {}) {
  ({ client, sim } = rig(opts));
}

const line = (na: string, vt: number, pr: number, extra: Array<[string, string | number]> = []) =>
  client.request('trline', [['na', na], ['vt', vt], ['pr', pr], ...extra]);

async function refusal(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (error) {
    if (error instanceof PosnetError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('PosnetSimulator: transactions', () => {
  it('registers a receipt and counts it; strns shows the closed transaction totals per rate', async () => {
    setup();
    await client.request('trinit', [['bm', 0]]);
    await line('Mleko', 1, 349, [['il', '2'], ['wa', 698]]);
    await line('Chleb', 2, 499, [['wa', 499], ['rd', 1], ['rw', 50]]);
    await client.request('trpayment', [['ty', 0], ['wa', 2000]]);
    await client.request('trpayment', [['ty', 0], ['wa', 853], ['re', 1]]);
    await client.request('trend', [['to', 1147], ['fp', 2000], ['re', 853]]);
    expect(sim.receipts()).toEqual([
      {
        number: 1,
        printout: 1,
        totalMinor: 1147,
        changeMinor: 853,
        payments: [{ type: 0, amountMinor: 2000, name: '' }],
        lines: [
          { name: 'Mleko', ptu: 'B', priceMinor: 349, quantityMilli: 2000, grossMinor: 698, discountMinor: 0, valueMinor: 698 },
          { name: 'Chleb', ptu: 'C', priceMinor: 499, quantityMilli: 1000, grossMinor: 499, discountMinor: 50, valueMinor: 449 },
        ],
      },
    ]);
    const trns = await client.request('strns');
    expect(param(trns, 'to')).toBe('0');
    expect(param(trns, 'ts')).toBe('16');
    expect([param(trns, 'va'), param(trns, 'vb'), param(trns, 'vc')]).toEqual(['0', '698', '449']);
    const cnt = await client.request('scnt');
    expect([param(cnt, 'bn'), param(cnt, 'bt'), param(cnt, 'bc'), param(cnt, 'hn')]).toEqual(['1', '1', '0', '1']);
  });

  it('refuses lines, payments and trend outside a transaction, and a second trinit inside one', async () => {
    setup();
    expect(await refusal(line('Mleko', 1, 349))).toBe(2060);
    expect(await refusal(client.request('trpayment', [['ty', 0], ['wa', 100]]))).toBe(2060);
    expect(await refusal(client.request('trend', [['to', 100]]))).toBe(2060);
    await client.request('trinit');
    expect(await refusal(client.request('trinit'))).toBe(2038);
    expect(await refusal(client.request('trend', [['to', 0]]))).toBe(1992);
  });

  it('verifies what the host sends: line total, fiscal total, payments, change, rate, price', async () => {
    setup();
    await client.request('trinit');
    expect(await refusal(line('Mleko', 1, 349, [['il', '2'], ['wa', 699]]))).toBe(2802);
    expect(await refusal(line('Mleko', 4, 349))).toBe(2000); // E inactive
    expect(await refusal(line('Mleko', 7, 349))).toBe(2000);
    expect(await refusal(line('Mleko', 1, 0))).toBe(2006);
    expect(await refusal(line('Mleko', 1, 100, [['il', '0']]))).toBe(2007);
    expect(await refusal(line('***', 1, 100))).toBe(2104);
    expect(await refusal(client.request('trline', [['vt', 1], ['pr', 1]]))).toBe(2);
    await line('Ser', 0, 1000, [['il', '0.25'], ['wa', 250]]);
    expect(await refusal(client.request('trend', [['to', 251]]))).toBe(2805);
    await client.request('trpayment', [['ty', 2], ['wa', 200]]);
    expect(await refusal(client.request('trend', [['to', 250], ['fp', 200]]))).toBe(2054);
    await client.request('trpayment', [['ty', 0], ['wa', 100]]);
    expect(await refusal(client.request('trend', [['to', 250], ['fp', 200]]))).toBe(2808);
    await client.request('trend', [['to', 250], ['fp', 300]]);
    expect(sim.receipts()[0]).toMatchObject({ totalMinor: 250, changeMinor: 50 }); // change worked out by the device
  });

  it('cancels with prncancel (and its synonym trcancel): counted as cancelled, nothing registered', async () => {
    setup();
    await client.request('trinit');
    await line('Mleko', 1, 349);
    await client.request('prncancel');
    await client.request('trinit');
    await line('Woda', 0, 199);
    await client.request('trcancel');
    expect(sim.receipts()).toEqual([]);
    expect(sim.cancelledTransactions().map((t) => t.map((l) => l.name))).toEqual([['Mleko'], ['Woda']]);
    expect(sim.counterValues()).toMatchObject({ receiptsCompleted: 0, receiptsCancelled: 2 });
  });

  it('reads its PTU table with vatget: comma decimals, 100,00 exempt, 101,00 inactive', async () => {
    setup({ sim: { vatRatesBp: [2300, 800, 500, 0, RATE_INACTIVE_BP, 550, RATE_EXEMPT_BP] } });
    const reply = await client.request('vatget');
    expect(reply.params).toEqual([
      ['va', '23,00'],
      ['vb', '8,00'],
      ['vc', '5,00'],
      ['vd', '0,00'],
      ['ve', '101,00'],
      ['vf', '5,50'],
      ['vg', '100,00'],
    ]);
  });

  it('daily report: counted; not inside a transaction; no two zero reports in a row', async () => {
    setup();
    await client.request('dailyrep', [['da', '2026-11-22']]);
    expect(await refusal(client.request('dailyrep', [['da', '2026-11-22']]))).toBe(382);
    await client.request('trinit');
    expect(await refusal(client.request('dailyrep'))).toBe(2038);
    await line('Mleko', 1, 349);
    await client.request('trend', [['to', 349]]);
    await client.request('dailyrep', [['da', '2026-11-22']]);
    expect(sim.counterValues().dailyReports).toBe(2);
  });
});

describe('PosnetSimulator: the tax ladder (error 2106)', () => {
  async function sell(name: string, vt: number): Promise<number | null> {
    await client.request('trinit');
    try {
      await line(name, vt, 100);
    } catch (error) {
      await client.request('prncancel');
      if (error instanceof PosnetError) return error.code;
      throw error;
    }
    await client.request('trend', [['to', 100]]);
    return null;
  }

  it('allows raising a rate never lowered, then locks the item once lowered (spec example 23 → 8 → 5)', async () => {
    setup();
    expect(await sell('Towar1', 1)).toBeNull(); // 8 %
    expect(await sell('Towar1', 0)).toBeNull(); // raised to 23 %: fine, never lowered
    expect(await sell('Towar1', 1)).toBeNull(); // lowered to 8 %: locked
    expect(await sell('Towar1', 0)).toBe(2106); // 23 % refused
    expect(await sell('Towar1', 1)).toBeNull(); // 8 % still fine
    expect(await sell('Towar1', 2)).toBeNull(); // 5 %
    expect(await sell('Towar1', 1)).toBe(2106); // not even 8 % now
    expect(sim.itemRates().get('towar1')).toEqual({ rateBp: 500, locked: true });
  });

  it('compares fiscal names: case, spaces and most punctuation ignored; . , % / kept', async () => {
    setup();
    expect(await sell('Mleko 3,2% 1L', 0)).toBeNull();
    expect(await sell('MLEKO 3,2%1l', 1)).toBeNull();
    expect(await sell('mleko-3,2%-1l!', 0)).toBe(2106);
    expect(await sell('Mleko 3.2% 1L', 0)).toBeNull(); // '.' instead of ',' is another item
    expect(posnetFiscalName('Sok  Jabłkowy 1/2 L.')).toBe('sokjabłkowy1/2l.');
  });

  it('checks a lowering inside the same receipt, and commits nothing of a cancelled receipt', async () => {
    setup();
    await client.request('trinit');
    await line('Kawa', 0, 100);
    await line('Kawa', 1, 100);
    expect(await refusal(line('Kawa', 0, 100))).toBe(2106);
    await client.request('prncancel');
    expect(sim.itemRates().has('kawa')).toBe(false);
    expect(await sell('Kawa', 0)).toBeNull();
  });

  it('uses the same fiscal-name rule as the domain check', () => {
    for (const name of ['Mleko 3,2% 1L', 'Żółć / Ą.ę', 'A-B_C (d) #1', 'Sok 1\\2', 'ÓSEMKA']) {
      expect(posnetFiscalName(name)).toBe(fiscalName(name));
    }
  });
});

describe('PosnetSimulator: wire behaviour', () => {
  it('answers a frame with a bad checksum with an ERR frame carrying the token and command', async () => {
    const [host, device] = memoryLinkPair();
    sim = new PosnetSimulator(device);
    const frames: Frame[] = [];
    const splitter = new FrameSplitter();
    host.onData((chunk) => {
      for (const raw of splitter.push(chunk)) {
        const d = decodeFrame(raw);
        if (d.ok) frames.push(d.frame);
      }
    });
    const bad = encodeFrame({ command: 'trinit', token: '0101', params: [['bm', 0]] });
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 0x01;
    await host.write(bad);
    await host.write(encodeFrame({ command: 'nosuch', token: '0102' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(frames).toEqual([
      { command: 'ERR', async: false, token: '0101', error: 5, params: [['cm', 'trinit']] },
      { command: 'ERR', async: false, token: '0102', error: 1, params: [['cm', 'nosuch']] },
    ]);
    expect(sim.transactionOpen()).toBe(false);
    await host.close();
  });

  it('repeats a kept reply for rpt with the same token, and ERR 13 for an unknown token', async () => {
    setup();
    sim.dropReplyTo('scnt');
    // The client notices the lost reply, asks rpt with the token, and gets the original reply.
    const reply = await client.request('scnt');
    expect(param(reply, 'bn')).toBe('0');
    expect(sim.commandNames({ withStatus: true })).toEqual(['scnt', 'rpt']);
  });

  it('answers !sprn and !sdev at once, even while a printing command waits for paper', async () => {
    setup({ client: { replyTimeoutMs: 5000 } });
    await client.request('trinit');
    sim.setPaperOut(true);
    const pending = line('Mleko', 1, 349);
    await new Promise((r) => setTimeout(r, 30));
    expect(await client.mechanism()).toBe('paper_out');
    const sdev = await client.query('sdev');
    expect(sdev && [param(sdev, 'ds'), param(sdev, 'qe')]).toEqual(['3', '0']);
    sim.setPaperOut(false);
    await pending;
    expect(await client.mechanism()).toBe('ok');
  });
});
