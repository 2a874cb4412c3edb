/**
 * `npm run bench`: the till's speed goals, measured on a real SQLite file with synchronous=FULL.
 *   - F12 → commit: the confirm use case (number, immutable receipt, print job) in one transaction.
 *   - scan → row: addArticle against a catalogue of 100 000 articles.
 *   - F12 → commit over browser mode: the same confirm as a POST on loopback HTTP, as the screen sends it.
 *   - article index: a name fragment typed into Ctrl+Enter's search, over the same catalogue.
 *   - customer pick: re-pricing a 20-row receipt by the customer's price formula.
 *   - X and Z report of a 50 000-receipt day (test/bench/day-report.ts).
 * Printing is off so the numbers are the core's own. Prints p50/p95/max in milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { startTestCore, tempDir } from '../support/core.js';
import { startHttpHost } from '../../electron/host/http-host.js';
import { benchDayReport } from './day-report.js';
import { benchLedgerShapes } from './ledger-shapes.js';
import { benchLedgerUpload } from './ledger-upload.js';

const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 300);
const CATALOGUE = Number(process.env.BENCH_CATALOGUE ?? 100_000);

function stats(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  console.log(
    `${label.padEnd(28)} n=${String(samples.length).padStart(4)}  p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${at(1).toFixed(2)} ms`,
  );
}

const dir = tempDir('till-bench-');
const core = await startTestCore({ dataDir: dir.path, checkOutputs: false });
try {
  // A large catalogue, as a supermarket would have.
  const insert = core.db.prepare('INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?)');
  const barcode = core.db.prepare('INSERT INTO article_barcodes (barcode, article_id) VALUES (?, ?)');
  core.db.transaction(() => {
    for (let i = 0; i < CATALOGUE; i++) {
      const id = `bench-${i}`;
      insert.run(id, `B${i}`, `Bench article ${i}`, 'pcs', 100 + (i % 5000), 2200);
      barcode.run(String(2_000_000_000_000 + i), id);
    }
  })();

  const scan: number[] = [];
  const confirm: number[] = [];
  for (let n = 0; n < RECEIPTS; n++) {
    let r = await core.ok('receipt.new', {});
    for (let k = 0; k < 3; k++) {
      const code = String(2_000_000_000_000 + ((n * 7919 + k * 104729) % CATALOGUE));
      const t0 = performance.now();
      r = await core.ok('receipt.addArticle', { receiptId: r.id, code });
      scan.push(performance.now() - t0);
    }
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.totalMinor });
    const t0 = performance.now();
    await core.ok('receipt.confirm', { receiptId: r.id });
    confirm.push(performance.now() - t0);
  }
  const host = await startHttpHost({ dispatch: core.dispatch, events: core.events, staticDir: dir.path, port: 0, token: 'bench' });
  const post = async (channel: string, input: unknown) => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-token': 'bench' },
      body: JSON.stringify(input),
    });
    return ((await res.json()) as { value: { id: string; totalMinor: number } }).value;
  };
  const confirmHttp: number[] = [];
  for (let n = 0; n < Math.min(RECEIPTS, 200); n++) {
    const r = await post('receipt.new', {});
    const withRow = await post('receipt.addArticle', { receiptId: r.id, code: String(2_000_000_000_000 + n) });
    await post('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: withRow.totalMinor });
    const t0 = performance.now();
    await post('receipt.confirm', { receiptId: r.id });
    confirmHttp.push(performance.now() - t0);
  }
  await host.close();

  const index: number[] = [];
  for (let n = 0; n < 100; n++) {
    const t0 = performance.now();
    await core.ok('article.search', { query: `article ${(n * 37) % 1000}`, limit: 50 });
    index.push(performance.now() - t0);
  }

  const [staff] = await core.ok('customer.search', { query: 'C001', by: 'any' });
  const repricing: number[] = [];
  for (let n = 0; n < 50; n++) {
    let r = await core.ok('receipt.new', {});
    for (let k = 0; k < 20; k++) r = await core.ok('receipt.addArticle', { receiptId: r.id, code: String(2_000_000_000_000 + n * 20 + k) });
    const t0 = performance.now();
    await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: staff?.id ?? null });
    repricing.push(performance.now() - t0);
  }

  console.log(`catalogue ${CATALOGUE} articles, ${RECEIPTS} receipts of 3 rows, SQLite WAL synchronous=FULL`);
  stats('scan → row (addArticle)', scan);
  stats('F12 → commit (confirm)', confirm);
  stats('F12 → commit over HTTP', confirmHttp);
  stats('article index search', index);
  stats('customer pick, 20 rows', repricing);
} finally {
  await core.close();
  dir.remove();
}
await benchDayReport(stats);
await benchLedgerUpload(stats, (line) => console.log(line));
await benchLedgerShapes((line) => console.log(line));
