import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/devices/ledger/connector.js';
import { FileExportConnector, type FileExportOptions } from '../../../electron/devices/ledger/file-export.js';
import { moneyText, quantityText, rateText, type RetailSalesReport } from '../../../electron/devices/ledger/file-export-report.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { cashIn, creditNote, deliver, ledgerDoc, splitSale, writeOff } from '../../support/ledger-documents.js';

// The file export against a real folder: what a ledger that loads files would read, checked by
// parsing it back, and exactly-once through duplicates, a crash before the commit, broken files
// and folders that cannot be written.

const DAY = '2025-01-03';
const NOW = new Date('2025-01-03T18:00:00.000Z');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'till-file-export-'));
});

afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const connector = (options: Partial<FileExportOptions> = {}): FileExportConnector => new FileExportConnector({ dir, now: () => NOW, timeoutMs: 2_000, ...options });

/** 0 − n, not −n: a mirrored 0 stays 0 (JSON has no −0, so a read-back would differ). */
const neg = (n: number): number => 0 - n;

type Line = LedgerDocument['lines'][number];
const line = (code: string, name: string, barcode: string, quantityMilli: number, unitPriceMinor: number, discountMinor: number, sumMinor: number, vatRateBp = 2400, unit = 'pcs'): Line => ({
  code,
  name,
  barcode,
  quantityMilli,
  unit,
  unitPriceMinor,
  discountMinor,
  sumMinor,
  vatRateBp,
});

const TRICKY = 'Coffee; "Arabica"\nbeans 500 g';

/** The sample sale with its facts: 20.00 + 5.53 at 24 %, card 20.00, cash 5.55 (rounded up 0.02). */
const sale = (number = 'K000042', date = DAY): LedgerDocument => ({
  ...splitSale(number, date),
  lines: [line('1001', TRICKY, '4740000000011', 2000, 1000, 0, 2000), line('1002', 'Milk 1 l', '', 1000, 600, 47, 553)],
  payments: [
    { method: 'card', amountMinor: 2000 },
    { method: 'cash', amountMinor: 555 },
  ],
  vat: [{ rateBp: 2400, netMinor: 2059, vatMinor: 494, grossMinor: 2553 }],
});

/** The sample credit note with the sale's facts mirrored (negative quantities, money going back). */
const credit = (of: LedgerDocument): LedgerDocument => ({
  ...creditNote(of),
  lines: of.lines.map((l) => ({ ...l, quantityMilli: neg(l.quantityMilli), discountMinor: neg(l.discountMinor), sumMinor: neg(l.sumMinor) })),
  payments: of.payments.map((p) => ({ ...p, amountMinor: neg(p.amountMinor) })),
  vat: of.vat.map((v) => ({ rateBp: v.rateBp, netMinor: neg(v.netMinor), vatMinor: neg(v.vatMinor), grossMinor: neg(v.grossMinor) })),
});

const writtenOff = (): LedgerDocument => ({ ...writeOff(), lines: [line('1301', 'Glass "Nordic"; 6 pcs', '4740000001301', 2000, 0, 0, 0)] });

/** A book at 9 % and tea at 24 % for a named customer, 21.87 paid 21.85 in cash (rounded down 0.02). */
const sale2 = (): LedgerDocument => ({
  ...ledgerDoc('sale', 'K000043', DAY, 'Sale K000043 Acme', [
    ['assets:cash', 'EUR', 2185],
    ['income:rounding', 'EUR', 2, 'cash rounding'],
    ['income:sales:vat 24', 'EUR', -481],
    ['liabilities:vat:24', 'EUR', -116],
    ['income:sales:vat 9', 'EUR', -1459],
    ['liabilities:vat:9', 'EUR', -131],
  ]),
  lines: [line('2001', 'Book', '9789949000000', 1000, 1590, 0, 1590, 900), line('1003', 'Tea', '', 3000, 199, 0, 597)],
  payments: [{ method: 'cash', amountMinor: 2185 }],
  vat: [
    { rateBp: 2400, netMinor: 481, vatMinor: 116, grossMinor: 597 },
    { rateBp: 900, netMinor: 1459, vatMinor: 131, grossMinor: 1590 },
  ],
  customer: { code: 'C-17', name: 'Acme', regNo: '', vatNo: '' },
});

const cashOut = (): LedgerDocument => ledgerDoc('cash_out', 'M000004', DAY, 'cash out bank', [['assets:cash', 'EUR', -12000], ['assets:cash-in-transit:bank', 'EUR', 12000]]);
const shortage = (): LedgerDocument => ledgerDoc('cash_difference', 'D000001', DAY, 'cash difference', [['assets:cash', 'EUR', -3], ['expenses:cash-difference', 'EUR', 3]]);

const dayFile = (name: string, date = DAY): string => join(dir, date, name);
const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;
const keysOf = async (date = DAY): Promise<string[]> => (await readJson<LedgerDocument[]>(dayFile('documents.json', date))).map((d) => d.key);

/** A CSV as a spreadsheet or csv-parse reads it; checks the BOM and that every record ends in CRLF. */
async function readCsv(file: string): Promise<string[][]> {
  const raw = await readFile(file);
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = raw.toString('utf8');
  const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
  // No field here holds CRLF, so each CRLF ends one record.
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.split('\r\n').length - 1).toBe(rows.length);
  return rows;
}

const errorOf = async (work: Promise<unknown>): Promise<LedgerError> => {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LedgerError);
  return err as LedgerError;
};

describe('file export connector', () => {
  it('writes the four sample documents and reads them back: JSON as given, CSV rows per line', async () => {
    const c = connector();
    const s = sale();
    const docs = [s, credit(s), cashIn(), writtenOff()];
    for (const doc of docs) expect(await c.post(doc)).toBe('posted');

    expect(await readJson(dayFile('documents.json'))).toEqual(docs);
    const head = (doc: LedgerDocument, customer = ''): string[] => [doc.key, doc.type, doc.number, DAY, `${DAY}T10:00:00.000Z`, customer];
    expect(await readCsv(dayFile('documents.csv'))).toEqual([
      ['key', 'type', 'number', 'date', 'at', 'customer_code', 'line_no', 'article_code', 'name', 'barcode', 'quantity', 'unit', 'unit_price', 'discount', 'sum', 'vat_rate', 'amount', 'currency'],
      [...head(docs[0]!), '1', '1001', TRICKY, '4740000000011', '2.000', 'pcs', '10.00', '0.00', '20.00', '24', '', 'EUR'],
      [...head(docs[0]!), '2', '1002', 'Milk 1 l', '', '1.000', 'pcs', '6.00', '0.47', '5.53', '24', '', 'EUR'],
      [...head(docs[1]!), '1', '1001', TRICKY, '4740000000011', '-2.000', 'pcs', '10.00', '0.00', '-20.00', '24', '', 'EUR'],
      [...head(docs[1]!), '2', '1002', 'Milk 1 l', '', '-1.000', 'pcs', '6.00', '-0.47', '-5.53', '24', '', 'EUR'],
      [...head(docs[2]!), '', '', 'Cash in; float\nfrom the safe', '', '', '', '', '', '', '', '50.00', 'EUR'],
      [...head(docs[3]!), '1', '1301', 'Glass "Nordic"; 6 pcs', '4740000001301', '2.000', 'pcs', '0.00', '0.00', '0.00', '24', '', 'EUR'],
    ]);
    // The quoting as written: the delimiter, quotes and the line break inside one quoted field.
    expect(await readFile(dayFile('documents.csv'), 'utf8')).toContain(';"Coffee; ""Arabica""\nbeans 500 g";');

    for (const doc of docs) expect(await c.find(doc)).toBe(true);
    expect(await c.find(sale('K000099'))).toBe(false);
    expect(await c.find(sale('K000042', '2025-01-04'))).toBe(false);
    expect(c.name).toBe(`file export ${dir}`);
    expect(await c.health()).toEqual({ ok: true, detail: `${c.name}: the folder is writable` });
    expect((await readdir(dir)).sort()).toEqual([DAY]);
    expect((await readdir(join(dir, DAY))).sort()).toEqual(['documents.csv', 'documents.json', 'retail-sales.csv', 'retail-sales.json']);
  });

  it("writes the day's retail-sales report: VAT per rate, payments per method, returns apart, rounding, cash", async () => {
    const c = connector();
    const s = sale();
    for (const doc of [s, credit(s), cashIn(), writtenOff(), sale2(), cashOut(), shortage()]) expect(await c.post(doc)).toBe('posted');

    const f = (sales: string, returns: string, net: string) => ({ sales, returns, net });
    const report = await readJson<RetailSalesReport>(dayFile('retail-sales.json'));
    expect(report).toEqual({
      date: DAY,
      generatedAt: NOW.toISOString(),
      documentCount: 7,
      currencies: [
        {
          currency: 'EUR',
          salesCount: 2,
          creditNoteCount: 1,
          vat: [
            // 24 %: 20.59 + 4.81 net sold, the first sale returned whole.
            { rate: '24', rateBp: 2400, net: f('25.40', '20.59', '4.81'), vat: f('6.10', '4.94', '1.16'), gross: f('31.50', '25.53', '5.97') },
            { rate: '9', rateBp: 900, net: f('14.59', '0.00', '14.59'), vat: f('1.31', '0.00', '1.31'), gross: f('15.90', '0.00', '15.90') },
          ],
          vatTotal: { net: f('39.99', '20.59', '19.40'), vat: f('7.41', '4.94', '2.47'), gross: f('47.40', '25.53', '21.87') },
          payments: [
            { method: 'card', received: '20.00', paidBack: '20.00', net: '0.00' },
            { method: 'cash', received: '27.40', paidBack: '5.55', net: '21.85' },
          ],
          // Sales: +0.02 and −0.02; the refund paid back 0.02 more than its gross.
          rounding: f('0.00', '0.02', '-0.02'),
          goods: [
            { code: '1001', barcode: '4740000000011', name: TRICKY, unit: 'pcs', rate: '24', quantity: f('2.000', '2.000', '0.000'), sum: f('20.00', '20.00', '0.00') },
            { code: '1002', barcode: '', name: 'Milk 1 l', unit: 'pcs', rate: '24', quantity: f('1.000', '1.000', '0.000'), sum: f('5.53', '5.53', '0.00') },
            { code: '2001', barcode: '9789949000000', name: 'Book', unit: 'pcs', rate: '9', quantity: f('1.000', '0.000', '1.000'), sum: f('15.90', '0.00', '15.90') },
            { code: '1003', barcode: '', name: 'Tea', unit: 'pcs', rate: '24', quantity: f('3.000', '0.000', '3.000'), sum: f('5.97', '0.00', '5.97') },
          ],
          cash: { in: '50.00', out: '120.00', difference: '-0.03' },
        },
      ],
    });

    const rows = await readCsv(dayFile('retail-sales.csv'));
    expect(rows[0]).toEqual(['date', 'currency', 'section', 'item', 'barcode', 'name', 'unit', 'vat_rate', 'figure', 'sales', 'returns', 'net']);
    const find = (section: string, item: string, figure: string): string[] | undefined => rows.find((r) => r[2] === section && r[3] === item && r[8] === figure);
    expect(find('count', 'documents', 'count')?.slice(9)).toEqual(['2', '1', '']);
    expect(find('vat', '24', 'gross')?.slice(9)).toEqual(['31.50', '25.53', '5.97']);
    expect(find('vat', 'total', 'vat')?.slice(9)).toEqual(['7.41', '4.94', '2.47']);
    expect(find('payment', 'cash', 'amount')?.slice(9)).toEqual(['27.40', '5.55', '21.85']);
    expect(find('rounding', 'total', 'amount')?.slice(9)).toEqual(['0.00', '0.02', '-0.02']);
    expect(find('goods', '1001', 'quantity')).toEqual([DAY, 'EUR', 'goods', '1001', '4740000000011', TRICKY, 'pcs', '24', 'quantity', '2.000', '2.000', '0.000']);
    expect(find('cash', 'difference', 'amount')?.slice(9)).toEqual(['', '', '-0.03']);
    expect(rows).toHaveLength(1 + 1 + 9 + 2 + 1 + 8 + 3);
  });

  it('stores a document as given (fields left out, fields it does not know) and formats it with the defaults', async () => {
    const { lines: _lines, payments: _payments, vat: _vat, customer: _customer, creditOf: _creditOf, ...bare } = writeOff();
    const extra = { ...cashIn(), note: 'kept as given' };
    const c = connector();
    expect(await c.post(bare as LedgerDocument)).toBe('posted');
    expect(await c.post(extra)).toBe('posted');
    expect(await readJson(dayFile('documents.json'))).toEqual([bare, extra]);
    const rows = await readCsv(dayFile('documents.csv'));
    expect(rows.slice(1).map((r) => [r[1], r[6], r[8], r[16]])).toEqual([
      ['write_off', '', bare.description, ''],
      ['cash_in', '', 'Cash in; float\nfrom the safe', '50.00'],
    ]);
    expect(await c.find(bare as LedgerDocument)).toBe(true);
  });

  it('formats amounts from the integers digit by digit', () => {
    expect([moneyText(0), moneyText(-5), moneyText(123456), moneyText(Number.MAX_SAFE_INTEGER)]).toEqual(['0.00', '-0.05', '1234.56', '90071992547409.91']);
    expect([quantityText(-250), quantityText(1000)]).toEqual(['-0.250', '1.000']);
    expect([rateText(2400), rateText(1350), rateText(550), rateText(10000), rateText(0)]).toEqual(['24', '13.5', '5.5', '100', '0']);
    expect(() => moneyText(12.5)).toThrow(RangeError);
  });

  it('groups a day with two currencies per currency', async () => {
    const c = connector();
    const usd: LedgerDocument = { ...sale('K000050'), currency: 'USD', postings: sale('K000050').postings.map((p) => ({ ...p, commodity: 'USD' })) };
    for (const doc of [sale(), usd, cashIn()]) await c.post(doc);
    const report = await readJson<RetailSalesReport>(dayFile('retail-sales.json'));
    expect(report.currencies.map((x) => [x.currency, x.salesCount, x.vatTotal.gross.sales, x.cash.in])).toEqual([
      ['EUR', 1, '25.53', '50.00'],
      ['USD', 1, '25.53', '0.00'],
    ]);
    expect((await readCsv(dayFile('documents.csv'))).slice(1).map((r) => r[17])).toEqual(['EUR', 'EUR', 'USD', 'USD', 'EUR']);
  });

  it('answers duplicate for a document already there, also after a restart, and keeps one entry', async () => {
    const doc = sale();
    expect(await connector().post(doc)).toBe('posted');
    expect(await connector().post(doc)).toBe('duplicate');
    const c = connector();
    expect(await deliver(c, doc)).toEqual({ result: 'duplicate', steps: ['duplicate'] });
    expect(await c.find(doc)).toBe(true);
    expect(await keysOf()).toEqual([doc.key]);
    expect((await readCsv(dayFile('documents.csv'))).length).toBe(1 + doc.lines.length);
  });

  it('a crash before documents.json is replaced leaves the document unposted; the next try writes it once', async () => {
    const first = sale();
    await connector().post(first);
    const doc = cashIn();
    const crashing = connector({
      beforeCommit: () => {
        throw new Error('power lost');
      },
    });
    expect((await errorOf(crashing.post(doc))).errorClass).toBe('temporary');
    // The other files were already rewritten; the list, the commit point, was not.
    expect((await readCsv(dayFile('documents.csv'))).map((r) => r[0])).toContain(doc.key);
    expect(await keysOf()).toEqual([first.key]);
    // A temp list left by a crash during its own write (with the document in it) is not a commit.
    await writeFile(dayFile('.documents.json.tmp'), JSON.stringify([first, doc]));

    const restarted = connector();
    expect(await deliver(restarted, doc)).toEqual({ result: 'posted', steps: ['posted'] });
    expect(await restarted.find(doc)).toBe(true);
    expect(await keysOf()).toEqual([first.key, doc.key]);
    const csvKeys = (await readCsv(dayFile('documents.csv'))).slice(1).map((r) => r[0]);
    expect(csvKeys.filter((k) => k === doc.key)).toHaveLength(1);
    expect((await readJson<RetailSalesReport>(dayFile('retail-sales.json'))).documentCount).toBe(2);
    expect(await readdir(join(dir, DAY))).not.toContain('.documents.json.tmp');
  });

  it('answers unknown when the folder stops answering mid-write, and the lookup finds it once it is back', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const c = connector({ timeoutMs: 150, beforeCommit: () => held });
    const doc = sale();
    const posting = errorOf(c.post(doc));
    // Queued behind the hanging write: answered within its own time, never run beside it.
    const looking = errorOf(c.find(doc));
    expect((await posting).errorClass).toBe('unknown');
    expect((await looking).errorClass).toBe('temporary');
    release();
    await c.close();
    expect(await c.find(doc)).toBe(true);
    expect(await c.post(doc)).toBe('duplicate');
    expect(await keysOf()).toEqual([doc.key]);
  });

  it('calls a documents.json that does not parse permanent, names the file and leaves it as it is', async () => {
    const c = connector();
    await c.post(sale());
    const file = dayFile('documents.json');
    for (const broken of ['[{"key": "shop:till1:sale:K000042", ', '{"documents": []}', '[{"key": 42}]']) {
      await writeFile(file, broken);
      const onPost = await errorOf(c.post(cashIn()));
      expect(onPost.errorClass).toBe('permanent');
      expect(onPost.message).toContain(file);
      const onFind = await errorOf(c.find(cashIn()));
      expect(onFind.errorClass).toBe('permanent');
      expect(onFind.message).toContain(file);
      expect(await readFile(file, 'utf8')).toBe(broken);
    }
    // Another day is not affected.
    expect(await c.post(cashIn('M000009', '2025-01-04'))).toBe('posted');
  });

  it('refuses a document whose date is not a calendar day as permanent and writes nothing', async () => {
    const c = connector();
    const bad = sale('K000060', '2025-02-30');
    expect((await errorOf(c.post(bad))).errorClass).toBe('permanent');
    expect((await errorOf(c.post({ ...sale(), date: '../escape' }))).errorClass).toBe('permanent');
    expect(await readdir(dir)).toEqual([]);
  });

  it('calls a folder that cannot be made (a file in its place) temporary, with the path, and unhealthy', async () => {
    const blocked = join(dir, 'export');
    await writeFile(blocked, 'a file, not a folder');
    const c = new FileExportConnector({ dir: blocked, timeoutMs: 2_000 });
    const onPost = await errorOf(c.post(sale()));
    expect(onPost.errorClass).toBe('temporary');
    expect(onPost.message).toContain(join(blocked, DAY));
    expect(onPost.message).toMatch(/a file is in the way.*\((ENOTDIR|EEXIST)\)/);
    expect((await errorOf(c.find(sale()))).errorClass).toBe('temporary');
    const health = await c.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain(blocked);

    // The file moved away (a person fixed it): the same connector posts.
    await rm(blocked);
    expect(await deliver(c, sale())).toEqual({ result: 'posted', steps: ['posted'] });
  });

  it.skipIf(process.getuid?.() === 0)('calls a read-only folder temporary, with the path', async () => {
    const c = connector();
    await c.post(sale());
    await chmod(join(dir, DAY), 0o500);
    const err = await errorOf(c.post(cashIn()));
    expect(err.errorClass).toBe('temporary');
    expect(err.message).toContain(join(dir, DAY));
    expect(err.message).toContain('(EACCES)');
    await chmod(join(dir, DAY), 0o700);
    expect(await c.post(cashIn())).toBe('posted');
  });

  it('puts documents of two days into two folders', async () => {
    const c = connector();
    await c.post(sale('K000070', DAY));
    await c.post(cashIn('M000010', '2025-01-04'));
    await c.post(sale('K000071', '2025-01-04'));
    expect((await readdir(dir)).sort()).toEqual([DAY, '2025-01-04']);
    expect(await keysOf(DAY)).toEqual([sale('K000070').key]);
    expect(await keysOf('2025-01-04')).toEqual([cashIn('M000010').key, sale('K000071').key]);
    expect((await readJson<RetailSalesReport>(dayFile('retail-sales.json', '2025-01-04'))).currencies[0]!.salesCount).toBe(1);
  });

  it('keeps 200 documents of one day, posted all at once, in order and each once', async () => {
    const c = connector({ timeoutMs: 60_000 });
    const docs = Array.from({ length: 200 }, (_, i) => sale(`K3${String(i).padStart(5, '0')}`));
    expect(await Promise.all(docs.map((d) => c.post(d)))).toEqual(docs.map(() => 'posted'));
    expect(await keysOf()).toEqual(docs.map((d) => d.key));
    expect((await readCsv(dayFile('documents.csv'))).length).toBe(1 + 200 * 2);
    const report = (await readJson<RetailSalesReport>(dayFile('retail-sales.json'))).currencies[0]!;
    expect([report.salesCount, report.vatTotal.gross.sales, report.rounding.sales]).toEqual([200, '5106.00', '4.00']);
  });
});
