import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasKeyTag } from '../../../electron/devices/ledger/hledger-json.js';
import { HledgerWebConnector } from '../../../electron/devices/ledger/hledger-web.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { ACCOUNTS, cashIn, creditNote, deliver, splitSale, writeOff } from '../../support/ledger-documents.js';
import { hledgerCheck, keyCounts, printedTransactions, startHledgerWeb, type HledgerWeb } from '../../support/ledger-hledger.js';
import { startLedgerProxy, type LedgerProxy } from '../../support/ledger-proxy.js';

// A till offline for a month comes back with 30 days of documents: all of them go in, in order,
// each once, with a few lost answers on the way; the journal still passes the strict check.
// (Five a day keeps the suite quick: hledger-web re-reads its whole journal after every add, so a
// bigger backlog only takes longer — the throughput goes to the benchmark.)

const DAYS = 30;
const PER_DAY = 5;
let web: HledgerWeb;
let proxy: LedgerProxy;

beforeAll(async () => {
  web = await startHledgerWeb(ACCOUNTS, 'EUR', ['1301']);
  proxy = await startLedgerProxy(web.baseUrl, 3_000);
});

afterAll(async () => {
  await proxy?.close();
  await web?.stop();
});

/** One day's documents: mostly sales, with credit notes, cash movements and write-offs among them. */
function day(dayIndex: number): LedgerDocument[] {
  const date = new Date(Date.UTC(2025, 0, 1 + dayIndex)).toISOString().slice(0, 10);
  const docs: LedgerDocument[] = [];
  for (let i = 0; i < PER_DAY; i++) {
    const n = String(dayIndex * PER_DAY + i).padStart(6, '0');
    if (i % 10 === 9) docs.push(creditNote(splitSale(`K${n}`, date), `C${n}`));
    else if (i % 25 === 7) docs.push(cashIn(`M${n}`, date));
    else if (i % 25 === 13) docs.push(writeOff(`W${n}`, date));
    else docs.push(splitSale(`K${n}`, date));
  }
  return docs;
}

it(
  `posts a ${DAYS}-day backlog of ${DAYS * PER_DAY} documents, each exactly once`,
  async () => {
    const c = new HledgerWebConnector({ baseUrl: proxy.baseUrl, journalFile: web.journalFile, timeoutMs: 2_000 });
    const docs = Array.from({ length: DAYS }, (_, d) => day(d)).flat();
    // Lost answers after the ledger committed (and connections dropped before it), every 30 documents.
    for (let i = 0; i < docs.length; i++) proxy.inject(i % 30 === 15 ? 'drop-after' : i % 30 === 25 ? 'drop-before' : 'pass');

    const started = performance.now();
    const results = { posted: 0, found: 0, duplicate: 0 };
    for (const doc of docs) results[(await deliver(c, doc)).result]++;
    const seconds = (performance.now() - started) / 1000;
    console.log(`hledger-web backlog: ${docs.length} documents in ${seconds.toFixed(1)} s = ${(docs.length / seconds).toFixed(1)} documents/s`);

    expect(results.found).toBe(5); // the five drop-after faults: committed, then found
    expect(results.posted).toBe(docs.length - 5);
    const check = await hledgerCheck(web.journalFile);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);
    const counts = await keyCounts(web.journalFile);
    expect(counts.size).toBe(docs.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // hledger itself reads every document back, in the order they were posted.
    const printed = await printedTransactions(web.journalFile);
    expect(printed).toHaveLength(docs.length);
    expect(docs.every((doc, i) => hasKeyTag(printed[i], doc.key))).toBe(true);
  },
  120_000,
);
