/**
 * The till the soak kills: a small node script that starts the core exactly as `npm start` does
 * (electron/app/core.ts: the database, the printer module, the outbox worker, the use cases) on
 * a data directory and a network printer, sells a few receipts through the core's dispatch, waits
 * until everything is printed and then waits to be killed. It says on stdout what it did:
 *   ready | sold <number> | idle
 * Usage: till-child <appRoot> <dataDir> <printerPort> <seed> <sales>
 */
import { join } from 'node:path';
import { startCore } from '../../electron/app/core.js';
import type { Channel, Input, Output } from '../../electron/contract/api.js';
import { random } from './random.js';

const [appRoot, dataDir, printerPort, seedText, salesText] = process.argv.slice(2);
if (!appRoot || !dataDir || !printerPort || !seedText || !salesText) {
  console.error('usage: till-child <appRoot> <dataDir> <printerPort> <seed> <sales>');
  process.exit(2);
}
const rnd = random(Number(seedText));

const core = await startCore({
  databaseFile: join(dataDir, 'till.sqlite'),
  appRoot,
  printer: { kind: 'escpos', transport: 'tcp', host: '127.0.0.1', port: Number(printerPort) },
  terminal: { kind: 'none' },
  hidScanners: false,
  // The printer answers at once: retry a passing fault (paper out) soon, as the soak has many.
  printRetryMs: 100,
});

async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const wire = await core.dispatch(channel, input);
  if (!wire.ok) throw new Error(`${channel}: ${wire.error.code} ${wire.error.message}`);
  return wire.value as Output<C>;
}

// The shop: transfers allowed (sales without a kick), the number as a QR code, the logo on top.
await call('settings.update', { transferEnabled: true, receiptQr: true, receiptLogo: true });
const articles = (await call('article.search', { query: '', limit: 200 })).filter((a) => a.priceMinor > 0 && a.unit === 'pcs');
console.log('ready');

for (let s = 0; s < Number(salesText); s++) {
  const r = await call('receipt.new', {});
  const picked = new Set<string>();
  const rows = 1 + Math.floor(rnd() * 4);
  while (picked.size < Math.min(rows, articles.length)) picked.add(articles[Math.floor(rnd() * articles.length)]!.code);
  let view = r;
  for (const code of picked) view = await call('receipt.addArticle', { receiptId: r.id, code });
  const cash = rnd() < 0.7;
  // Cash is handed over rounded up to the next euro now and then, so some receipts give change.
  const tendered = rnd() < 0.5 ? view.cashDueMinor : Math.ceil(view.cashDueMinor / 100) * 100;
  await call('receipt.pay', { receiptId: r.id, method: cash ? 'cash' : 'transfer', amountMinor: cash ? tendered : view.dueMinor });
  const confirmed = await call('receipt.confirm', { receiptId: r.id });
  console.log(`sold ${confirmed.number}`);
}

while ((await call('printer.status', {})).pendingJobs > 0) await new Promise((r) => setTimeout(r, 10));
console.log('idle');
// Killed by the harness; never stops by itself.
setInterval(() => undefined, 60_000);
