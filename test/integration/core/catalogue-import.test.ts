import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCatalogueCsv } from '../../../electron/devices/files/catalogue-csv.js';
import { gs1CheckDigit } from '../../../electron/domain/barcode.js';
import type { ImportPreviewView } from '../../../electron/contract/api.js';
import { startTestCore, type TestCore } from '../../support/core.js';

/**
 * Product cards imported from CSV files made here, hostile on purpose, over the real core and its
 * demo catalogue (Piim 2,5% 1 l 4740010010014 at 1.19, Keefir 1 l 4740010010021 at 1.45, 24 %).
 */

const HEADER = 'name;attributeName;groupName;measurementUnitName;priceWithoutVat;priceWithVat;vatRate;barcode';
const ean13 = (data12: string) => `${data12}${gs1CheckDigit(data12)}`;

/** The net price (four decimals, decimal comma) that a gross price and rate come from: integers only. */
function net(grossMinor: number, rateBp: number): string {
  const net4 = (BigInt(grossMinor) * 1_000_000n * 2n + (10_000n + BigInt(rateBp))) / ((10_000n + BigInt(rateBp)) * 2n);
  const text = net4.toString().padStart(5, '0');
  return `${text.slice(0, -4)},${text.slice(-4)}`;
}
/** "1,49" from 149. */
const money = (minor: number) => `${Math.trunc(minor / 100)},${String(minor % 100).padStart(2, '0')}`;
/** One `;` row of a 24 % article in pieces. */
const row = (name: string, grossMinor: number, barcode: string, rate = '24') =>
  `${name};;Group;tk;${net(grossMinor, Number(rate) * 100)};${money(grossMinor)};${rate};${barcode}`;

let core: TestCore;
beforeEach(async () => {
  core = await startTestCore();
});
afterEach(async () => {
  await core.close();
});

/** Uploads the bytes in slices as the screen does, then previews them. */
async function preview(bytes: Uint8Array, fileName = 'b1.csv'): Promise<ImportPreviewView> {
  const wire = await previewWire(bytes, fileName);
  if (!wire.ok) throw new Error(`preview failed: ${wire.error.code} ${wire.error.message}`);
  return wire.value;
}
async function previewWire(bytes: Uint8Array, fileName = 'b1.csv') {
  let uploadId: string | undefined;
  for (let at = 0; at === 0 || at < bytes.length; at += 36_000) {
    const base64 = Buffer.from(bytes.subarray(at, at + 36_000)).toString('base64');
    uploadId = (await core.ok('catalogue.importUpload', uploadId === undefined ? { base64 } : { uploadId, base64 })).uploadId;
  }
  return core.call('catalogue.importPreview', { uploadId: uploadId ?? '', fileName });
}
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const articleCount = () => (core.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
const priceOf = (barcode: string) =>
  (core.db.prepare('SELECT a.price_minor AS p FROM articles a JOIN article_barcodes b ON b.article_id = a.id WHERE b.barcode = ?').get(barcode) as
    | { p: number }
    | undefined)?.p ?? null;

const NEW_BARCODE = ean13('475999000001');
const HOSTILE = [
  HEADER,
  row('Piim 2,5% 1 l', 119, '4740010010014'),
  row('Keefir 1 l', 155, '4740010010021'),
  // A quoted name with the separator, a doubled quote and a newline in it: one record over two lines.
  `"Šokolaad ""Õnn""; ž\ną ė";;Maiustused;tk;${net(249, 2400)};${money(249)};24%;${NEW_BARCODE}`,
  row('Duplicate', 249, NEW_BARCODE),
  row('Bad check digit', 100, '4740010010015'),
  `No VAT;;G;tk;1,00;1,00;;${ean13('475999000002')}`,
  `Off its rate;;G;tk;1,00;1,30;24,0;${ean13('475999000003')}`,
  row('Weighed cheese', 899, ean13('475999000004')).replace(';tk;', ';kg;'),
].join('\r\n');

describe('catalogue import: preview', () => {
  it('reads a UTF-8 file with a BOM, ";", decimal commas and a quoted field with a newline', async () => {
    const result = await preview(utf8(`\uFEFF${HOSTILE}\r\n`));
    expect(result).toMatchObject({ encoding: 'utf-8', delimiter: ';', counts: { green: 1, yellow: 1, red: 2, rejected: 4 } });
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [3, 'yellow'],
      [4, 'red'],
      [10, 'red'],
      [2, 'green'],
    ]);
    expect(result.rows[0]?.diffs).toEqual([{ field: 'priceMinor', old: 145, new: 155 }]);
    expect(result.rows[1]).toMatchObject({ name: 'Šokolaad "Õnn"; ž\ną ė', priceMinor: 249, vatRateBp: 2400, unit: 'pcs' });
    expect(result.rows[2]).toMatchObject({ unit: 'kg', priceMinor: 899 });
    // The record over two lines starts on line 4, so the duplicate after it is on line 6.
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [6, 'barcode_duplicate'],
      [7, 'barcode_check_digit'],
      [8, 'vat_missing'],
      [9, 'price_vat_mismatch'],
    ]);
    expect(result.rejected[0]?.details).toEqual({ barcode: NEW_BARCODE, firstLine: 4 });
    // Nothing changes before apply.
    expect(priceOf('4740010010021')).toBe(145);
    expect(priceOf(NEW_BARCODE)).toBeNull();
  });

  it.each([
    ['Windows-1257', (text: string) => new Uint8Array(iconv.encode(text, 'win1257')), 'windows-1257'],
    ['UTF-8 without a BOM', utf8, 'utf-8'],
  ])('reads Baltic letters from a %s file with "," separators', async (_, encode, encoding) => {
    const name = 'Õunamahl šokolaadiga ž ą ė';
    const text = [HEADER.replaceAll(';', ','), `${name},,Joogid,vnt,"${net(199, 900)}","${money(199)}",9,${ean13('475999000010')}`].join('\n');
    const result = await preview(encode(text));
    expect(result).toMatchObject({ encoding, delimiter: ',', counts: { red: 1, rejected: 0 } });
    expect(result.rows[0]).toMatchObject({ name, priceMinor: 199, vatRateBp: 900 });
  });

  it('refuses a file without the B1 columns, naming them', async () => {
    const wire = await previewWire(utf8('name;price\nPiim;1,19\n'));
    expect(wire).toMatchObject({ ok: false, error: { code: 'catalogue.bad_header' } });
    if (!wire.ok) expect(wire.error.details?.columns).toContain('barcode');
  });

  it('refuses a file with an unclosed quote', async () => {
    const wire = await previewWire(utf8(`${HEADER}\n"Piim;;G;tk;1,00;1,24;24;${ean13('475999000020')}\n`));
    expect(wire).toMatchObject({ ok: false, error: { code: 'catalogue.bad_file' } });
  });

  it('reads 100 000 generated rows, reporting progress as it goes', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) lines.push(row(`Toode ${i} õšž`, 100 + (i % 5000), ean13(`476${String(i).padStart(9, '0')}`)));
    lines.push(row('Toode 0 again', 100, ean13('476000000000')));
    const bytes = utf8(lines.join('\n'));

    const seen: number[] = [];
    let records = 0;
    for await (const r of readCatalogueCsv(bytes, (p) => seen.push(p.bytes)).records) records += r.values.length === 8 ? 1 : 0;
    expect(records).toBe(100_002);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBe(bytes.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    const result = await preview(bytes);
    expect(result.counts).toEqual({ green: 0, yellow: 0, red: 100_000, rejected: 1 });
    expect(result.rows).toHaveLength(200);
    expect(result.rejected).toEqual([{ line: 100_002, code: 'barcode_duplicate', details: { barcode: ean13('476000000000'), firstLine: 2 } }]);

    const before = articleCount();
    expect(await core.ok('catalogue.importApply', { importId: result.importId })).toEqual({ inserted: 100_000, updated: 0, unchanged: 0 });
    expect(articleCount()).toBe(before + 100_000);
    const hits = await core.ok('article.search', { query: ean13('476000099999') });
    expect(hits.map((h) => h.name)).toEqual(['Toode 99999 õšž']);
  }, 120_000);
});

describe('catalogue import: apply', () => {
  it('inserts the new articles, updates the changed ones, and the article search finds them at once', async () => {
    const result = await preview(utf8(HOSTILE));
    expect(await core.ok('catalogue.importApply', { importId: result.importId })).toEqual({ inserted: 2, updated: 1, unchanged: 1 });
    expect(priceOf('4740010010021')).toBe(155);
    expect((await core.ok('article.search', { query: 'Õnn' })).map((h) => [h.name, h.barcode, h.priceMinor])).toEqual([
      ['Šokolaad "Õnn"; ž\ną ė', NEW_BARCODE, 249],
    ]);
    // Sold by its barcode like any other article.
    const receipt = await core.ok('receipt.new', {});
    const sold = await core.ok('receipt.addArticle', { receiptId: receipt.id, code: NEW_BARCODE });
    expect(sold.rows.map((r) => r.unitPriceMinor)).toEqual([249]);
    // Applied once: the import is gone.
    expect(await core.call('catalogue.importApply', { importId: result.importId })).toMatchObject({ ok: false, error: { code: 'catalogue.import_not_found' } });
  });

  it('refuses, changing nothing, when a new article’s barcode appeared between preview and apply', async () => {
    const result = await preview(utf8(HOSTILE));
    const before = articleCount();
    core.db.prepare(`INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES ('x1', 'X1', 'Other', 'pcs', 1, 2400)`).run();
    core.db.prepare(`INSERT INTO article_barcodes (barcode, article_id) VALUES (?, 'x1')`).run(ean13('475999000004'));

    expect(await core.call('catalogue.importApply', { importId: result.importId })).toMatchObject({
      ok: false,
      error: { code: 'catalogue.import_stale', details: { line: 10 } },
    });
    // The yellow row and the new article before the conflicting one were rolled back too.
    expect(priceOf('4740010010021')).toBe(145);
    expect(priceOf(NEW_BARCODE)).toBeNull();
    expect(articleCount()).toBe(before + 1);
  });

  it('is all or nothing when the database refuses a write half-way', async () => {
    const result = await preview(utf8(HOSTILE));
    const before = articleCount();
    // The last new article (after the update and the other insert) is refused by the database.
    core.db.exec(`CREATE TRIGGER refuse_cheese BEFORE INSERT ON articles WHEN NEW.name = 'Weighed cheese' BEGIN SELECT RAISE(ABORT, 'refused'); END`);

    expect(await core.call('catalogue.importApply', { importId: result.importId })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(articleCount()).toBe(before);
    expect(priceOf('4740010010021')).toBe(145);
    expect(priceOf(NEW_BARCODE)).toBeNull();
    expect(await core.ok('article.search', { query: 'Õnn' })).toEqual([]);

    // Once the obstacle is gone, the same preview applies whole.
    core.db.exec('DROP TRIGGER refuse_cheese');
    expect(await core.ok('catalogue.importApply', { importId: result.importId })).toEqual({ inserted: 2, updated: 1, unchanged: 1 });
  });

  it('forgets a cancelled import', async () => {
    const result = await preview(utf8(HOSTILE));
    await core.ok('catalogue.importCancel', { importId: result.importId });
    expect(await core.call('catalogue.importApply', { importId: result.importId })).toMatchObject({ ok: false, error: { code: 'catalogue.import_not_found' } });
    expect(priceOf('4740010010021')).toBe(145);
  });
});
