/**
 * The till's documents into a real hledger-web, through the outbox's ledger lane: sales (split
 * card and cash, rounded), a credit note, cash put in, the close's cash out, difference and stock
 * count. Every document exactly once, the journal passes `hledger check -s`, and the books say
 * what the X report said. The till keeps selling while the ledger is away, and catches up.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeNewJournal } from '../../../electron/devices/ledger/hledger-journal.js';
import { tillAccounts } from '../../../electron/domain/ledger-posting.js';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { freePort, hledgerCheck, keyCounts, startHledgerWeb, type HledgerWeb } from '../../support/ledger-hledger.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore | null = null;
let ledger: HledgerWeb | null = null;
afterEach(async () => {
  await core?.close();
  await ledger?.stop();
  core = null;
  ledger = null;
});

const ACCOUNTS = tillAccounts({ ratesBp: [2400, 2200, 1300, 900, 0], roundingAccount: 'income:rounding', warehouses: ['MAIN'] });

const pending = (c: TestCore) =>
  (c.db.prepare(`SELECT count(*) AS n FROM outbox WHERE lane = 'ledger' AND status IN ('pending', 'in_doubt')`).get() as { n: number }).n;

async function sale(c: TestCore, code: string, split = false) {
  let r = await c.ok('receipt.new', {});
  r = await c.ok('receipt.addArticle', { receiptId: r.id, code });
  if (split) r = await c.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 100 });
  r = await c.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.cashDueMinor });
  return c.ok('receipt.confirm', { receiptId: r.id });
}

describe('the ledger uploader into hledger-web', () => {
  it('a day of documents arrives exactly once, balanced, with the books saying what the X report said', async () => {
    ledger = await startHledgerWeb(ACCOUNTS, 'EUR', ['1205', '1601']);
    core = await startTestCore({ ledger: `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}` });
    await core.ok('settings.update', { closeCountArticles: ['1205', '1601'] });
    await core.ok('day.open', { floatMinor: 5000 });
    const first = await sale(core, '1001', true);
    await sale(core, '1601');
    let note = await core.ok('receipt.credit', { receiptId: first.id });
    note = await core.ok('receipt.pay', { receiptId: note.id, method: 'cash', amountMinor: Math.abs(note.cashDueMinor) });
    await core.ok('receipt.confirm', { receiptId: note.id });
    await core.ok('day.cash', { kind: 'cash_in', amountMinor: 1000, reason: 'change money' });
    const x = await core.ok('day.current', {});
    await core.ok('day.close', { countedMinor: (x?.expectedMinor ?? 0) - 10, reason: 'ten cents short', cashOut: [{ direction: 'bank', amountMinor: 2000, comment: 'bag 1' }] });

    const c = core;
    await waitFor(() => pending(c) === 0, 'the ledger lane drained', 20_000);
    const entries = outboxOf(c.db, 'ledger.document');
    expect(entries.map((e) => (e.payload as { type: string }).type)).toEqual(['sale', 'sale', 'credit_note', 'cash_in', 'cash_out', 'cash_difference', 'inventory']);
    // The cash put in has a number of its own series; the close's documents that of their Z report.
    expect(entries.slice(3).map((e) => (e.payload as { number: string }).number)).toEqual(['M000001', 'Z1-bank', 'Z1-difference', 'Z1-stock']);
    const counts = await keyCounts(ledger.journalFile);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(7);
    const check = await hledgerCheck(ledger.journalFile);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    // The books' sales (net of VAT and returns) and VAT are the X report's, to the cent.
    const { execFileSync } = await import('node:child_process');
    const journal = ledger.journalFile;
    const minorOf = (query: string): number => {
      const csv = execFileSync('hledger', ['-f', journal, 'balance', query, '-N', '--depth', '2', '-O', 'csv'], { encoding: 'utf8' });
      const amount = /"(-?[\d,]+\.\d{2}) EUR"/.exec(csv.split('\n')[1] ?? '')?.[1] ?? 'none';
      return Number(amount.replace(/[,.]/g, ''));
    };
    const report = x?.report;
    expect(minorOf('income:sales')).toBe(-(report?.vat ?? []).reduce((s, v) => s + v.netMinor, 0));
    expect(minorOf('liabilities:vat')).toBe(-(report?.vat ?? []).reduce((s, v) => s + v.vatMinor, 0));
  });

  it('the ledger away: selling goes on; once it is back every document goes in, once', async () => {
    const port = await freePort();
    const journalFile = join(await mkdtemp(join(tmpdir(), 'till-hledger-')), 'till.journal');
    core = await startTestCore({ ledger: `hledger-web:http://127.0.0.1:${port}?journal=${encodeURIComponent(journalFile)}` });
    await core.ok('day.open', { floatMinor: 0 });
    for (let i = 0; i < 5; i++) await sale(core, '1001');
    const c = core;
    await waitFor(() => (c.db.prepare(`SELECT max(attempts) AS n, max(last_error) AS e FROM outbox WHERE lane = 'ledger'`).get() as { e: string | null }).e !== null, 'a failed try');
    expect(pending(c)).toBe(5);
    // The ledger comes up where the till was told it is.
    ledger = await startHledgerWebOn(port, journalFile);
    await waitFor(() => pending(c) === 0, 'the backlog drained', 30_000);
    const counts = await keyCounts(ledger.journalFile);
    expect(counts.size).toBe(5);
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1]);
    expect((await hledgerCheck(ledger.journalFile)).code).toBe(0);
  });
});

describe('documents the ledger will not take', () => {
  it('are set aside with their reason, the rest go on; the sync screen lists them and a retry looks them up first', async () => {
    ledger = await startHledgerWeb(ACCOUNTS, 'EUR');
    core = await startTestCore({ ledger: `hledger-web:${ledger.baseUrl}?journal=${encodeURIComponent(ledger.journalFile)}` });
    // An account name hledger would misread (two spaces end an account name): never sent.
    await core.ok('settings.update', { roundingAccount: 'income:rounding  typo' });
    await core.ok('day.open', { floatMinor: 0 });
    const rounded = await sale(core, '1001'); // 1.19 paid 1.20 in cash: a rounding line
    await core.ok('settings.update', { roundingAccount: 'income:rounding' });
    await sale(core, '1201'); // 2.29 paid 2.30
    const c = core;
    await waitFor(() => pending(c) === 0, 'the lane went on past the refused one', 20_000);
    const status = await c.ok('ledger.status', {});
    expect(status).toMatchObject({ pending: 0, inDoubt: 0, lastError: null });
    expect(status.connector).toContain('hledger-web');
    expect(status.parked).toHaveLength(1);
    expect(status.parked[0]).toMatchObject({ type: 'sale', number: rounded.number });
    expect(status.parked[0]?.error).toMatch(/account/i);
    expect((await keyCounts(ledger.journalFile)).size).toBe(1);
    // The status bar warns without anyone opening the settings.
    expect((await c.ok('devices.status', {})).ledger).toMatchObject({ state: 'warning', message: { key: 'ledger.parked', details: { count: 1 } } });
    // Tried again by a person: still refused, still once at most, still listed.
    const entryId = status.parked[0]?.entryId ?? '';
    await c.ok('ledger.syncNow', { retry: [entryId] });
    await waitFor(async () => (await c.ok('ledger.status', {})).parked.length === 1 && pending(c) === 0, 'set aside again');
    expect((await keyCounts(ledger.journalFile)).size).toBe(1);
    expect((await hledgerCheck(ledger.journalFile)).code).toBe(0);
  });
});

/** hledger-web on a given port (the test's "ledger was down, now it is back"), on a new journal. */
async function startHledgerWebOn(port: number, journalFile: string): Promise<HledgerWeb> {
  const dir = dirname(journalFile);
  await writeNewJournal(journalFile, ACCOUNTS, 'EUR');
  const child = spawn('hledger-web', ['-f', journalFile, '--serve-api', '--host=127.0.0.1', `--port=${port}`], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${baseUrl}/version`).catch(() => null))?.ok ?? false, 'hledger-web up', 15_000);
  return {
    baseUrl,
    port,
    journalFile,
    log: () => '',
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
