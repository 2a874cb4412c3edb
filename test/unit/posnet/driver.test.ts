import { afterEach, describe, expect, it } from 'vitest';
import { memoryLinkPair } from '../../../native/link/link.js';
import { encodeFrame } from '../../../native/posnet/frame.js';
import { FiscalDeviceError, PosnetFiscalDevice, formatQuantity, receiptCommands } from '../../../native/posnet/driver.js';
import { PosnetSimulator } from '../../../native/posnet/simulator.js';
import { RATE_EXEMPT_BP, RATE_INACTIVE_BP } from '../../../native/posnet/spec.js';
import { sampleDoc } from './support.js';

let device: PosnetFiscalDevice;
let sim: PosnetSimulator;
afterEach(async () => {
  await device?.close();
  await sim?.close();
});

function setup(simOpts: ConstructorParameters<typeof PosnetSimulator>[1] = {}) {
  const [host, end] = memoryLinkPair();
  sim = new PosnetSimulator(end, simOpts);
  device = new PosnetFiscalDevice('POSNET (test)', async () => host, { replyTimeoutMs: 200, statusTimeoutMs: 100 }, false);
  /** Someone else (the printer's keypad, another program) starts a transaction. */
  const openBehindOurBack = async () => {
    await host.write(encodeFrame({ command: 'trinit', token: '0001' }));
    await new Promise((r) => setTimeout(r, 20));
  };
  return { openBehindOurBack };
}

describe('receiptCommands', () => {
  it('is trinit, one trline per line, the payments, the change, trend — with the spec field ids', () => {
    const doc = sampleDoc({
      payments: [
        { kind: 'card', amountMinor: 500 },
        { kind: 'cash', amountMinor: 1000 },
      ],
      changeMinor: 353,
    });
    expect(receiptCommands(doc)).toEqual([
      ['trinit', [['bm', 0]]],
      ['trline', [['na', 'Mleko 3,2% 1 l'], ['vt', 1], ['pr', 349], ['il', '2'], ['wa', 698]]],
      ['trline', [['na', 'Chleb żytni'], ['vt', 2], ['pr', 499], ['il', '1'], ['wa', 499], ['rd', 1], ['rw', 50]]],
      ['trpayment', [['ty', 2], ['wa', 500], ['na', 'Karta']]],
      ['trpayment', [['ty', 0], ['wa', 1000]]],
      ['trpayment', [['ty', 0], ['wa', 353], ['re', 1]]],
      ['trend', [['to', 1147], ['fp', 1500], ['re', 353]]],
    ]);
  });

  it('maps transfer and prepayment to their payment types', () => {
    const doc = sampleDoc({ payments: [{ kind: 'transfer', amountMinor: 1000 }, { kind: 'prepayment', amountMinor: 147 }], changeMinor: 0 });
    const payments = receiptCommands(doc).filter(([c]) => c === 'trpayment');
    expect(payments).toEqual([
      ['trpayment', [['ty', 8], ['wa', 1000], ['na', 'Przelew']]],
      ['trpayment', [['ty', 6], ['wa', 147], ['na', 'Przedpłata']]],
    ]);
  });

  it('refuses what no printer can take: no lines, cash rounding, control characters', () => {
    expect(() => receiptCommands(sampleDoc({ lines: [] }))).toThrow(FiscalDeviceError);
    expect(() => receiptCommands(sampleDoc({ roundingMinor: -2 }))).toThrow(/rounding/);
    const bad = sampleDoc();
    expect(() => receiptCommands({ ...bad, lines: [{ ...bad.lines[0]!, name: 'a\tb' }] })).toThrow(/control character/);
  });

  it('formats quantities as the spec Num type', () => {
    expect([1000, 2000, 1250, 500, 1, 123456].map(formatQuantity)).toEqual(['1', '2', '1.25', '0.5', '0.001', '123.456']);
  });
});

describe('PosnetFiscalDevice', () => {
  it('registers a receipt and returns the printed reference (receipt/printout)', async () => {
    setup();
    await expect(device.register(sampleDoc())).resolves.toEqual({ fiscalRef: '1/1' });
    expect(sim.receipts()).toHaveLength(1);
    expect(sim.receipts()[0]).toMatchObject({ totalMinor: 1147, changeMinor: 853 });
    expect(sim.commandNames()).toEqual(['trinit', 'trline', 'trline', 'trpayment', 'trpayment', 'trend']);
    await expect(device.lastRegistered()).resolves.toEqual({
      transactionOpen: false,
      receiptsCompleted: 1,
      lastReceiptNumber: 1,
      lastPrintout: 1,
      lastDocumentType: 16,
      lastTotalMinor: 1147,
      lastPaymentsMinor: 2000,
    });
  });

  it('turns a refused line into a "refused" error and cancels the half receipt', async () => {
    setup({ vatRatesBp: [2300, 800, RATE_INACTIVE_BP, 0, RATE_INACTIVE_BP, RATE_INACTIVE_BP, RATE_EXEMPT_BP] });
    const error = await device.register(sampleDoc()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FiscalDeviceError);
    expect(error).toMatchObject({ kind: 'refused', code: 2000, command: 'trline' });
    expect(String(error)).toMatch(/error 2000 \(bad PTU field/);
    expect(sim.transactionOpen()).toBe(false);
    expect(sim.cancelledTransactions()).toHaveLength(1);
    expect(sim.receipts()).toEqual([]);
  });

  it('refuses a tax-ladder violation with 2106', async () => {
    setup();
    const doc = sampleDoc();
    await device.register({ ...doc, lines: [{ ...doc.lines[0]!, ptu: 'C' }, doc.lines[1]!] }); // Mleko at 5 % (lowered from nothing: fine)
    await device.register({ ...doc, lines: [{ ...doc.lines[0]!, ptu: 'D' }, doc.lines[1]!] }); // lowered to 0 %: locked
    await expect(device.register(doc)).rejects.toMatchObject({ kind: 'refused', code: 2106 });
  });

  it('cancelOpen cancels only when a transaction is open', async () => {
    const { openBehindOurBack } = setup();
    await expect(device.cancelOpen()).resolves.toBe(false);
    await openBehindOurBack();
    await expect(device.cancelOpen()).resolves.toBe(true);
    expect(sim.transactionOpen()).toBe(false);
    expect(sim.counterValues().receiptsCancelled).toBe(1);
  });

  it('after a power cut mid-receipt the simulator cancels the receipt when power returns', async () => {
    setup();
    sim.powerCutAfter('trline');
    await expect(device.register(sampleDoc())).rejects.toMatchObject({ kind: 'uncertain' });
    sim.powerOn();
    await expect(device.lastRegistered()).resolves.toMatchObject({ transactionOpen: false, receiptsCompleted: 0 });
    expect(sim.counterValues().receiptsCancelled).toBe(1);
  });

  it('leaves the transaction open after a power cut when so configured, and cancelOpen closes it', async () => {
    setup({ cancelOnPowerReturn: false });
    sim.powerCutAfter('trline');
    await expect(device.register(sampleDoc())).rejects.toMatchObject({ kind: 'uncertain', command: 'trline' });
    sim.powerOn();
    await expect(device.lastRegistered()).resolves.toMatchObject({ transactionOpen: true, lastTotalMinor: 698 });
    await expect(device.cancelOpen()).resolves.toBe(true);
    expect(sim.transactionOpen()).toBe(false);
  });

  it('reports "offline" when nothing answers before the receipt starts', async () => {
    setup();
    sim.setSilent(true);
    await expect(device.register(sampleDoc())).rejects.toMatchObject({ kind: 'offline', command: 'trinit' });
    await expect(device.lastRegistered()).rejects.toMatchObject({ kind: 'offline' });
    await expect(device.condition()).resolves.toBe('offline');
  });

  it('a refusal of trinit (a transaction already open) is "rejected": retry later, nothing cancelled', async () => {
    const { openBehindOurBack } = setup();
    await openBehindOurBack();
    await expect(device.register(sampleDoc())).rejects.toMatchObject({ kind: 'rejected', code: 2038, command: 'trinit' });
    expect(sim.transactionOpen()).toBe(true);
  });

  it('reads the PTU table in basis points and runs the daily report', async () => {
    setup();
    await expect(device.vatRates()).resolves.toEqual({ A: 2300, B: 800, C: 500, D: 0, E: RATE_INACTIVE_BP, F: RATE_INACTIVE_BP, G: RATE_EXEMPT_BP });
    await device.dailyReport('2026-11-22');
    expect(sim.counterValues().dailyReports).toBe(1);
    await expect(device.dailyReport('22.11.2026')).rejects.toThrow(/yyyy-mm-dd/);
  });

  it('passes paper-out conditions on to listeners', async () => {
    setup();
    const seen: string[] = [];
    device.onCondition((c) => seen.push(c));
    sim.setPaperOut(true);
    const pending = device.register(sampleDoc());
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toEqual(['paper_out']);
    expect(sim.receipts()).toHaveLength(0);
    sim.setPaperOut(false);
    await pending;
    expect(seen).toEqual(['paper_out', 'ok']);
    expect(sim.receipts()).toHaveLength(1);
    await expect(device.condition()).resolves.toBe('ok');
  });
});
