import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/devices/ledger/connector.js';
import { HledgerWebConnector } from '../../../electron/devices/ledger/hledger-web.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { ACCOUNTS, cashIn, creditNote, deliver, ledgerDoc, splitSale, writeOff, type Delivery } from '../../support/ledger-documents.js';
import { freePort, hledgerCheck, keyCounts, startHledgerWeb, type HledgerWeb } from '../../support/ledger-hledger.js';
import { startLedgerProxy, type LedgerProxy, type ProxyFault } from '../../support/ledger-proxy.js';

// The connector against a real hledger-web 1.25, directly and through a proxy that loses,
// delays and falsifies answers. Every test ends with the journal's own verdict: `hledger check -s`
// and each document's key in it exactly once.

const TIMEOUT_MS = 1_500;
let web: HledgerWeb;
let proxy: LedgerProxy;

beforeEach(async () => {
  web = await startHledgerWeb(ACCOUNTS, 'EUR', ['1301']);
  proxy = await startLedgerProxy(web.baseUrl, TIMEOUT_MS * 2);
});

afterEach(async () => {
  await proxy.close();
  await web.stop();
});

const connector = (baseUrl = proxy.baseUrl): HledgerWebConnector => new HledgerWebConnector({ baseUrl, journalFile: web.journalFile, timeoutMs: TIMEOUT_MS });

/** The journal loads strictly and holds exactly these documents, each once. */
async function expectExactlyOnce(docs: LedgerDocument[]): Promise<void> {
  const check = await hledgerCheck(web.journalFile);
  expect(check.output).toBe('');
  expect(check.code).toBe(0);
  const counts = await keyCounts(web.journalFile);
  expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(docs.map((d) => [d.key, 1])));
}

describe('hledger-web connector', () => {
  it('posts a split sale, its credit note, a cash movement and a goods write-off', async () => {
    const c = connector();
    const sale = splitSale();
    const docs = [sale, creditNote(sale), cashIn(), writeOff()];
    for (const doc of docs) expect(await c.post(doc)).toBe('posted');
    await expectExactlyOnce(docs);

    const journal = await readFile(web.journalFile, 'utf8');
    expect(journal).toMatch(/\(K000042\) Sale K000042 \(card\+cash\)\s+; pos-id:shop:till1:sale:K000042/);
    expect(journal).toMatch(/income:rounding\s+-0\.02 EUR\s+; cash part 5\.53 rounded to 5\.55/);
    expect(journal).toMatch(/expenses:write-off\s+2\.000 "1301"/);
    expect(journal).toMatch(/Cash in, float from the safe\s+; pos-id:shop:till1:cash_in:M000003/);

    for (const doc of docs) expect(await c.find(doc)).toBe(true);
    expect(await c.find(splitSale('K000043'))).toBe(false);
    expect(await c.health()).toEqual({ ok: true, detail: `${c.name}: hledger-web 1.25` });
  });

  it('keeps one writer when posts are started together', async () => {
    const c = connector();
    const docs = Array.from({ length: 25 }, (_, i) => splitSale(`K2${String(i).padStart(5, '0')}`));
    expect(await Promise.all(docs.map((d) => c.post(d)))).toEqual(docs.map(() => 'posted'));
    await expectExactlyOnce(docs);
  });

  it('refuses an unbalanced document as permanent and never sends it', async () => {
    const c = connector();
    await c.post(cashIn());
    const before = await readFile(web.journalFile, 'utf8');
    const off = ledgerDoc('sale', 'K000050', '2025-01-03', 'off by two cents', [
      ['assets:cash', 'EUR', 1220],
      ['income:sales', 'EUR', -1000],
      ['liabilities:vat:payable', 'EUR', -218],
    ]);
    const err = await c.post(off).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).errorClass).toBe('permanent');
    expect(proxy.received()).toBe(1);
    expect(await readFile(web.journalFile, 'utf8')).toBe(before);
    await expectExactlyOnce([cashIn()]);
  });

  it('calls a refused connection temporary and an unhealthy ledger not ok', async () => {
    const c = connector(`http://127.0.0.1:${await freePort()}`);
    const err = await c.post(splitSale()).catch((e: unknown) => e);
    expect((err as LedgerError).errorClass).toBe('temporary');
    expect((await c.health()).ok).toBe(false);
  });

  it('calls a lookup on a journal hledger cannot read temporary', async () => {
    const c = new HledgerWebConnector({ baseUrl: web.baseUrl, journalFile: `${web.journalFile}.missing`, timeoutMs: TIMEOUT_MS });
    expect(((await c.find(splitSale()).catch((e: unknown) => e)) as LedgerError).errorClass).toBe('temporary');
  });
});

describe('faults between the till and hledger-web: each document exactly once', () => {
  // How the uploader's steps go for each fault: the first PUT meets the fault, later ones pass.
  const cases: [ProxyFault, Array<string | RegExp>, 'posted' | 'duplicate' | 'found'][] = [
    ['500-before', ['temporary', 'posted'], 'posted'],
    ['502-after', ['posted'], 'posted'],
    ['503-retry-after', ['temporary:1000', 'posted'], 'posted'],
    ['429-retry-date', [/^temporary:(\d{1,3}|1000)$/, 'posted'], 'posted'],
    ['drop-before', ['unknown', 'find:false', 'posted'], 'posted'],
    ['drop-after', ['unknown', 'find:true'], 'found'],
    ['garbage-body', ['posted'], 'posted'],
    ['409-after', ['duplicate'], 'duplicate'],
    ['delay-after', ['unknown', 'find:true'], 'found'],
  ];

  it.each(cases)('%s', async (fault, steps, result) => {
    const c = connector();
    const sale = splitSale();
    const docs = [sale, creditNote(sale), cashIn(), writeOff()];
    // The fault hits the second document, with one clean post before and after it.
    proxy.inject('pass', fault);
    const deliveries: Delivery[] = [];
    for (const doc of docs) deliveries.push(await deliver(c, doc));
    expect(deliveries[1]!.result).toBe(result);
    expect(deliveries[1]!.steps).toHaveLength(steps.length);
    steps.forEach((step, i) => (typeof step === 'string' ? expect(deliveries[1]!.steps[i]).toBe(step) : expect(deliveries[1]!.steps[i]).toMatch(step)));
    for (const i of [0, 2, 3]) expect(deliveries[i]!.steps).toEqual(['posted']);
    await expectExactlyOnce(docs);
  });

  it('409 for a document the ledger does not have is permanent, and nothing is written', async () => {
    const c = connector();
    proxy.inject('409-before');
    const err = await deliver(c, splitSale()).catch((e: unknown) => e);
    expect((err as LedgerError).errorClass).toBe('permanent');
    expect(proxy.forwarded()).toBe(0);
    await expectExactlyOnce([]);
  });

  it('survives every fault in a row on one document', async () => {
    const c = connector();
    proxy.inject('500-before', 'drop-before', '503-retry-after', 'delay-after');
    const d = await deliver(c, writeOff());
    expect(d.steps).toEqual(['temporary', 'unknown', 'find:false', 'temporary:1000', 'unknown', 'find:true']);
    expect(proxy.forwarded()).toBe(1);
    await expectExactlyOnce([writeOff()]);
  });
});
