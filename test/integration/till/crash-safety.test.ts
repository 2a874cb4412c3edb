import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../native/link/pty-pair.js';
import { openSerialLink } from '../../../native/link/serial.js';
import { PrinterSimulator } from '../../../native/printer/simulator.js';
import { tempDir } from '../../support/core.js';
import { ok, startTillProcess } from '../../support/till-process.js';
import { waitFor } from '../../support/wait.js';

let pty: PtyPair;
let printer: PrinterSimulator;
const data = tempDir('till-crash-');

beforeAll(async () => {
  pty = await openPtyPair();
  printer = new PrinterSimulator(await openSerialLink({ path: pty.b }));
});
afterAll(async () => {
  await printer.close();
  await pty.close();
  data.remove();
});

describe('a power cut right after F12', () => {
  it('keeps the confirmed receipt and prints it exactly once after restart', async () => {
    const args = ['--port', '0', '--data-dir', data.path, '--printer', pty.a];
    // The printer is offline at the moment of the sale, so the print job is certainly still queued.
    printer.setCondition('offline');
    const till = await startTillProcess(args);
    let r = await ok(till.call('receipt.new', {}));
    r = await ok(till.call('receipt.addArticle', { receiptId: r.id, code: '4740010012018' }));
    r = await ok(till.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 }));
    const confirmed = await ok(till.call('receipt.confirm', { receiptId: r.id }));
    await till.kill('SIGKILL');
    expect(confirmed).toMatchObject({ status: 'confirmed', number: 'K000001', changeMinor: 270 });
    expect(printer.documents()).toHaveLength(0);

    printer.setCondition('ok');
    const restarted = await startTillProcess(args);
    expect(await ok(restarted.call('receipt.get', { receiptId: r.id }))).toEqual(confirmed);
    await waitFor(() => printer.documents().length === 1, 'the receipt to print after restart');
    await waitFor(async () => (await ok(restarted.call('printer.status', {}))).pendingJobs === 0, 'the job marked done');
    await restarted.kill('SIGKILL');

    // Once more: a printed job is never printed again, and numbering continues without a gap.
    const third = await startTillProcess(args);
    expect(await ok(third.call('printer.status', {}))).toMatchObject({ pendingJobs: 0 });
    let next = await ok(third.call('receipt.new', {}));
    next = await ok(third.call('receipt.addArticle', { receiptId: next.id, code: '1001' }));
    await ok(third.call('receipt.pay', { receiptId: next.id, method: 'cash', amountMinor: 119 }));
    expect((await ok(third.call('receipt.confirm', { receiptId: next.id }))).number).toBe('K000002');
    await waitFor(() => printer.documents().length === 2, 'the second receipt');
    await third.kill();
    const numbers = printer.documents().map((d) => /K\d{6}/.exec(d.text)?.[0]);
    expect(numbers).toEqual(['K000001', 'K000002']);
  }, 60_000);
});
