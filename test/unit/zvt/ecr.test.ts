/**
 * ZvtEcr against the simulator and against a hand-driven terminal, over in-process links: the
 * protocol rules (acknowledgements, NAK/resend, timeouts, control after a timeout) without PTYs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLinkPair, type MemoryLink } from '../../../native/link/link.js';
import { decodeApdu, encodeApdu } from '../../../native/zvt/apdu.js';
import { hex } from '../../../native/zvt/bcd.js';
import { bmp } from '../../../native/zvt/bmp.js';
import { ZvtEcr, ZvtLinkError, ZvtTimeoutError, type ZvtEcrOptions, type ZvtPrompt } from '../../../native/zvt/ecr.js';
import { ACK, FrameReader, NAK, encodeFrame } from '../../../native/zvt/frame.js';
import { message } from '../../../native/zvt/messages.js';
import { ZvtSimulator, type ZvtSimulatorOptions } from '../../../native/zvt/simulator.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const FAST: ZvtEcrOptions = { ackTimeoutMs: 300, responseTimeoutMs: 3000 };

function rig(ecrOptions: ZvtEcrOptions = {}, simOptions: ZvtSimulatorOptions = {}) {
  const [host, device] = memoryLinkPair();
  const sim = new ZvtSimulator(device, { stepMs: 1, transport: ecrOptions.transport, ...simOptions });
  const ecr = new ZvtEcr(host, { ...FAST, ...ecrOptions });
  cleanup.push(() => ecr.close(), () => sim.close());
  return { ecr, sim, host, device };
}

/** A terminal driven by hand: sees every frame, decides how to acknowledge, sends what the test says. */
function fakeTerminal(link: MemoryLink, initialAck: 'ack' | 'nak' | 'none' = 'ack') {
  let ack = initialAck;
  const reader = new FrameReader();
  const apdus: string[] = [];
  const listeners: Array<(apdu: Uint8Array) => void> = [];
  let acks = 0;
  let naks = 0;
  link.onData((chunk) => {
    for (const event of reader.push(chunk)) {
      if (event.type === 'ack') acks += 1;
      if (event.type === 'nak') naks += 1;
      if (event.type !== 'frame') continue;
      apdus.push(hex(event.apdu));
      if (ack === 'ack') void link.write(Uint8Array.of(ACK));
      if (ack === 'nak') void link.write(Uint8Array.of(NAK));
      for (const l of listeners) l(event.apdu);
    }
  });
  return {
    apdus,
    stats: () => ({ acks, naks }),
    setAck: (mode: 'ack' | 'nak' | 'none') => {
      ack = mode;
    },
    onApdu: (l: (apdu: Uint8Array) => void) => listeners.push(l),
    send: (apdu: Uint8Array) => link.write(encodeFrame(apdu)),
    sendRaw: (bytes: Uint8Array) => link.write(bytes),
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ZvtEcr with the simulated terminal (memory link)', () => {
  it('registers, pays and hands over prompts, card data and both slips', async () => {
    const { ecr, sim } = rig({}, { terminalId: '29001006' });
    await expect(ecr.registration()).resolves.toMatchObject({ ok: true, result: 0, completion: { terminalId: '29001006' } });
    const prompts: ZvtPrompt[] = [];
    const outcome = await ecr.authorization(1234, (p) => prompts.push(p));
    expect(prompts.map((p) => p.key)).toEqual(['insert_card', 'please_wait']);
    expect(prompts[0]).toEqual({ code: 0x0a, key: 'insert_card', text: 'Insert card' });
    expect(outcome).toMatchObject({
      ok: true,
      result: 0,
      resultKey: 'success',
      completion: { amountMinor: 1234, trace: '000001', receiptNo: '0001', terminalId: '29001006', cardName: 'VISA', pan: '411111******1111' },
    });
    expect(outcome.completion!.aid).toMatch(/^\d{6}$/);
    expect(outcome.completion!.time).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(outcome.completion!.date).toMatch(/^\d\d-\d\d$/);
    expect(outcome.receipts!.map((r) => r.type)).toEqual(['customer', 'merchant']);
    expect(outcome.printLines).toEqual(outcome.receipts!.flatMap((r) => r.lines));
    expect(outcome.printLines.join('\n')).toMatch(/AMOUNT\s+EUR 12\.34/);
    expect(sim.authorizations()).toEqual([{ amountMinor: 1234, receiptNo: '0001', trace: '000001', reversed: false, approved: true }]);
    expect(sim.commands()).toEqual(['06 00', '06 01']);
  });

  it('works the same over TCP framing (bare APDUs)', async () => {
    const { ecr, sim } = rig({ transport: 'tcp' });
    const outcome = await ecr.authorization(500);
    expect(outcome).toMatchObject({ ok: true, completion: { amountMinor: 500, receiptNo: '0001' } });
    expect(sim.lineStats()).toMatchObject({ acksIn: 0, naksOut: 0 });
  });

  it('text-block receipts (06 D3) come out typed', async () => {
    const { ecr } = rig({}, { printTextBlocks: true });
    const outcome = await ecr.authorization(100);
    expect(outcome.receipts!.map((r) => r.type)).toEqual(['customer', 'merchant']);
    expect(outcome.printLines.length).toBeGreaterThan(10);
  });

  it('a decline comes back as an outcome, not an error', async () => {
    const { ecr, sim } = rig({}, { declineAmountsEndingIn: 66 });
    const prompts: string[] = [];
    const outcome = await ecr.authorization(1066, (p) => prompts.push(p.key));
    expect(outcome).toMatchObject({ ok: false, result: 0x33, resultKey: 'insufficient_funds', completion: { amountMinor: 1066, trace: '000001' } });
    expect(outcome.completion!.receiptNo).toBeUndefined();
    expect(prompts).toEqual(['insert_card', 'please_wait', 'declined']);
    sim.script({ outcome: 'decline', resultCode: 0x64 });
    await expect(ecr.authorization(1000)).resolves.toMatchObject({ ok: false, result: 0x64, resultKey: 'card_not_readable' });
  });

  it('abort (06 B0) while the customer is at the PIN pad: 06 1E 6C, nothing authorized', async () => {
    const { ecr, sim } = rig();
    sim.script({ outcome: 'pin', delayMs: 5000 });
    const prompts: string[] = [];
    const pending = ecr.authorization(2500, (p) => {
      prompts.push(p.key);
      if (p.key === 'enter_pin') void ecr.abort();
    });
    await expect(pending).resolves.toMatchObject({ ok: false, result: 0x6c, resultKey: 'aborted', resultText: 'Aborted (timeout or abort key)' });
    expect(prompts).toEqual(['insert_card', 'enter_pin']);
    expect(sim.authorizations()).toEqual([{ amountMinor: 2500, receiptNo: '', trace: '', reversed: false, approved: false }]);
    expect(sim.busy()).toBe(false);
    await expect(ecr.authorization(100)).resolves.toMatchObject({ ok: true });
  });

  it('abort while idle is answered and changes nothing', async () => {
    const { ecr, sim } = rig();
    await expect(ecr.abort()).resolves.toBeUndefined();
    expect(sim.commands()).toEqual(['06 B0']);
  });

  it('a command while the terminal is still busy after a timeout is refused 84 9C (busy)', async () => {
    const { ecr, sim } = rig({ ackTimeoutMs: 100, responseTimeoutMs: 300 });
    sim.script({ outcome: 'late_approval', delayMs: 1000 });
    await expect(ecr.authorization(700)).rejects.toBeInstanceOf(ZvtTimeoutError);
    // A new command first gives the terminal ackTimeoutMs to hand back control, then is refused.
    await expect(ecr.status()).resolves.toMatchObject({ ok: false, result: 0x9c, resultKey: 'busy', completion: null });
    expect(sim.commands()).toEqual(['06 01', '05 01']);
  });

  it('rejects bad arguments before anything is sent', async () => {
    const { ecr, sim } = rig();
    await expect(ecr.authorization(-5)).rejects.toBeInstanceOf(RangeError);
    await expect(ecr.authorization(1.5)).rejects.toBeInstanceOf(RangeError);
    await expect(ecr.reversal('12a')).rejects.toBeInstanceOf(RangeError);
    expect(() => new ZvtEcr(memoryLinkPair()[0], { password: '12' })).toThrow(RangeError);
    expect(sim.commands()).toEqual([]);
  });

  it('a throwing onPrompt does not break the transaction', async () => {
    const { ecr } = rig();
    await expect(
      ecr.authorization(100, () => {
        throw new Error('UI gone');
      }),
    ).resolves.toMatchObject({ ok: true });
  });
});

describe('ZvtEcr protocol rules (hand-driven terminal)', () => {
  function ecrWith(options: ZvtEcrOptions = {}, ack: 'ack' | 'nak' | 'none' = 'ack') {
    const [host, device] = memoryLinkPair();
    const pt = fakeTerminal(device, ack);
    const ecr = new ZvtEcr(host, { ...FAST, ...options });
    cleanup.push(() => ecr.close());
    return { ecr, pt, host };
  }

  it('acknowledges every terminal message with 80 00 00 and ACKs every frame', async () => {
    const { ecr, pt } = ecrWith();
    pt.onApdu((apdu) => {
      if (apdu[0] !== 0x06 || apdu[1] !== 0x01) return;
      void (async () => {
        await pt.send(encodeApdu(0x80, 0x00));
        await pt.send(message.intermediateStatus(0x0a, 30));
        await pt.send(message.statusInformation([bmp.result(0), bmp.amount(999), bmp.receiptNo('7'), bmp.trace('12')]));
        await pt.send(message.printLine('ONE LINE'));
        await pt.send(message.completion());
      })();
    });
    const outcome = await ecr.authorization(999);
    expect(outcome).toMatchObject({ ok: true, completion: { amountMinor: 999, receiptNo: '0007', trace: '000012' }, printLines: ['ONE LINE'] });
    expect(outcome.receipts).toEqual([{ type: 'unknown', lines: ['ONE LINE'] }]);
    expect(pt.apdus).toEqual(['06 01 0A 04 00 00 00 00 09 99 49 09 78', '80 00 00', '80 00 00', '80 00 00', '80 00 00']);
    expect(pt.stats().acks).toBe(5); // each of the terminal's five frames was ACKed
  });

  it('resends a NAKed frame up to `retries` times, then ZvtLinkError', async () => {
    const { ecr, pt } = ecrWith({ retries: 2 }, 'nak');
    const error = await ecr.authorization(100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZvtLinkError);
    expect((error as Error).message).toMatch(/NAK 3 times/);
    expect(pt.apdus).toHaveLength(3);
    // Refused at the line: the terminal never had it; the next command goes out at once.
    pt.onApdu(() => undefined);
    await expect(ecr.drain(10)).resolves.toBeNull();
  });

  it('no ACK: ZvtTimeoutError, and the frame is not sent again', async () => {
    const { ecr, pt } = ecrWith({ ackTimeoutMs: 100 }, 'none');
    await expect(ecr.authorization(100)).rejects.toThrow(ZvtTimeoutError);
    expect(pt.apdus).toHaveLength(1);
  });

  it('ACK but no answer: ZvtTimeoutError after ackTimeoutMs', async () => {
    const { ecr } = ecrWith({ ackTimeoutMs: 100 });
    const started = Date.now();
    await expect(ecr.status()).rejects.toThrow(/did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('84 xx refuses the command: an outcome with that code', async () => {
    const { ecr, pt } = ecrWith();
    pt.onApdu(() => void pt.send(encodeApdu(0x84, 0x6b)));
    await expect(ecr.authorization(100)).resolves.toEqual({
      ok: false,
      result: 0x6b,
      resultKey: 'not_registered',
      resultText: 'Function deactivated (terminal not registered)',
      completion: null,
      printLines: [],
      receipts: [],
    });
  });

  it('NAKs a damaged frame; the terminal resends it and the transaction goes on', async () => {
    const { ecr, pt } = ecrWith();
    pt.onApdu((apdu) => {
      if (apdu[0] !== 0x06) return;
      void (async () => {
        await pt.send(encodeApdu(0x80, 0x00));
        const damaged = encodeFrame(message.completion([bmp.result(0)]));
        damaged[4] = damaged[4]! ^ 0x01;
        await pt.sendRaw(damaged);
        await wait(20);
        await pt.send(message.completion([bmp.result(0)]));
      })();
    });
    await expect(ecr.endOfDay()).resolves.toMatchObject({ ok: true });
    expect(pt.stats().naks).toBe(1);
  });

  it('too many damaged frames in a row: ZvtLinkError', async () => {
    const { ecr, pt } = ecrWith({ retries: 2 });
    pt.onApdu((apdu) => {
      if (apdu[0] !== 0x06) return;
      void (async () => {
        await pt.send(encodeApdu(0x80, 0x00));
        for (let i = 0; i < 3; i++) {
          const damaged = encodeFrame(message.completion());
          damaged[damaged.length - 2] = damaged[damaged.length - 2]! ^ 0xff;
          await pt.sendRaw(damaged);
          await wait(5);
        }
      })();
    });
    await expect(ecr.endOfDay()).rejects.toThrow(/3 damaged frames/);
    await wait(10);
    expect(pt.stats().naks).toBe(3);
  });

  it('reads a status information longer than 254 bytes (extended length)', async () => {
    const { ecr, pt } = ecrWith();
    const text = Uint8Array.from({ length: 400 }, (_, i) => 0x41 + (i % 26));
    pt.onApdu((apdu) => {
      if (apdu[0] !== 0x06) return;
      void (async () => {
        await pt.send(encodeApdu(0x80, 0x00));
        const info = message.statusInformation([bmp.result(0), bmp.amount(4200), Uint8Array.from([0x3c, 0xf4, 0xf0, 0xf0, ...text]), bmp.receiptNo('0099')]);
        expect(info[2]).toBe(0xff);
        await pt.send(info);
        await pt.send(message.completion());
      })();
    });
    await expect(ecr.authorization(4200)).resolves.toMatchObject({ ok: true, completion: { amountMinor: 4200, receiptNo: '0099' } });
  });

  it('answers an unknown terminal message with 84 83 and ignores messages outside a transaction', async () => {
    const { ecr, pt } = ecrWith();
    await pt.send(encodeApdu(0x06, 0xe0, [0xf0, 0x00]));
    await pt.send(message.completion());
    await wait(30);
    expect(pt.apdus).toEqual(['84 83 00', '80 00 00']);
    await ecr.close();
  });

  it('close() ends a waiting command with ZvtLinkError', async () => {
    const { ecr, pt } = ecrWith({ responseTimeoutMs: 5000 });
    pt.onApdu((apdu) => {
      if (apdu[0] === 0x06) void pt.send(encodeApdu(0x80, 0x00));
    });
    const pending = ecr.authorization(100);
    await wait(50);
    await ecr.close();
    await expect(pending).rejects.toBeInstanceOf(ZvtLinkError);
    await expect(ecr.status()).rejects.toBeInstanceOf(ZvtLinkError);
  });

  it('close() during a wait for an ACK fails the command at once', async () => {
    const { ecr } = ecrWith({ ackTimeoutMs: 5000 }, 'none');
    const pending = ecr.authorization(100);
    await wait(20);
    const started = Date.now();
    await ecr.close();
    await expect(pending).rejects.toBeInstanceOf(ZvtLinkError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps the outcome when the terminal handed back control but never ACKs our 80 00 00', async () => {
    const { ecr, pt } = ecrWith({ ackTimeoutMs: 200, responseTimeoutMs: 400 });
    pt.onApdu((apdu) => {
      if (apdu[0] !== 0x06) return;
      pt.setAck('none'); // the terminal goes away right after its completion
      void (async () => {
        await pt.send(encodeApdu(0x80, 0x00));
        await pt.send(message.statusInformation([bmp.result(0), bmp.amount(300), bmp.receiptNo('0005')]));
        await wait(250);
        await pt.send(message.completion());
      })();
    });
    await expect(ecr.authorization(300)).resolves.toMatchObject({ ok: true, completion: { amountMinor: 300, receiptNo: '0005' } });
  });

  it('error classes can be made without a message (for fakes)', () => {
    expect(new ZvtTimeoutError().message).toMatch(/did not answer/);
    expect(new ZvtLinkError()).toBeInstanceOf(Error);
    expect(new ZvtLinkError().name).toBe('ZvtLinkError');
  });

  it('decodes what it receives as an APDU (sanity of the fake terminal)', () => {
    expect(decodeApdu(encodeApdu(0x80, 0x00))).toEqual({ cls: 0x80, ins: 0x00, data: new Uint8Array(0) });
  });
});
