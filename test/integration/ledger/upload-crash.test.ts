/**
 * The till killed (SIGKILL) while it uploads a backlog to hledger-web, again and again, at
 * different moments — between an append to the journal and its outbox entry marked done, too.
 * After the last restart every document is in the journal exactly once, and `hledger check -s`
 * passes.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tillAccounts } from '../../../electron/domain/ledger-posting.js';
import { tempDir } from '../../support/core.js';
import { freePort, hledgerCheck, keyCounts, startHledgerWeb, type HledgerWeb } from '../../support/ledger-hledger.js';
import { ok, startTillProcess, type TillProcess } from '../../support/till-process.js';
import { waitFor } from '../../support/wait.js';

const SALES = 24;
let till: TillProcess | null = null;
let ledger: HledgerWeb | null = null;
const data = tempDir('till-ledger-crash-');
afterEach(async () => {
  await till?.kill('SIGKILL');
  await ledger?.stop();
  data.remove();
});

const ACCOUNTS = tillAccounts({ ratesBp: [2400, 2200, 1300, 900, 0], roundingAccount: 'income:rounding', warehouses: ['MAIN'] });
const start = (ledgerConnection: string) =>
  startTillProcess(['--port', '0', '--data-dir', data.path, '--printer', 'none', '--terminal', 'none', '--scanner', 'none', '--ledger', ledgerConnection]);

describe('the uploader under kill -9', () => {
  it('nothing lost, nothing twice', async () => {
    // A backlog made while the ledger is away.
    till = await start(`hledger-web:http://127.0.0.1:${await freePort()}?journal=${encodeURIComponent(join(data.path, 'away.journal'))}`);
    await ok(till.call('day.open', { floatMinor: 0 }));
    for (let i = 0; i < SALES; i++) {
      let r = await ok(till.call('receipt.new', {}));
      r = await ok(till.call('receipt.addArticle', { receiptId: r.id, code: i % 2 ? '1001' : '1201' }));
      r = await ok(till.call('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor }));
      await ok(till.call('receipt.confirm', { receiptId: r.id }));
    }
    await till.kill('SIGKILL');

    // The ledger is back; the till is killed while it catches up, at a different moment each time.
    ledger = await startHledgerWeb(ACCOUNTS, 'EUR');
    const connection = `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}`;
    const seen: number[] = [];
    for (const delayMs of [0, 40]) {
      till = await start(connection);
      // Killed once this run has posted something (its connector thread is up), a little later each time.
      const before = seen.at(-1) ?? 0;
      const journal = ledger.journalFile;
      await waitFor(async () => (await keyCounts(journal)).size > before, 'this run posting', 15_000).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await till.kill('SIGKILL');
      seen.push((await keyCounts(ledger.journalFile)).size);
    }
    // Some kills landed while the backlog was going in (neither before it began nor after it ended).
    console.log(`upload under kill -9: documents in the journal after each kill: ${seen.join(', ')} of ${SALES}`);
    expect(seen.some((n) => n > 0 && n < SALES)).toBe(true);

    till = await start(connection);
    const t = till;
    await waitFor(async () => (await ok(t.call('ledger.status', {}))).pending === 0 && (await ok(t.call('ledger.status', {}))).inDoubt === 0, 'the backlog drained', 60_000);
    const counts = await keyCounts(ledger.journalFile);
    expect(counts.size).toBe(SALES);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const check = await hledgerCheck(ledger.journalFile);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
  }, 120_000);
});
