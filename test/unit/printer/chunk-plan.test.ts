/**
 * The chunk plan a receipt is printed by: the worker confirms chunk after chunk and resumes at the
 * first unconfirmed one, so the chunks must add up to the receipt, and any chunk must print right
 * after the resume prefix (ESC @ + code table) as it would have in sequence.
 */
import { describe, expect, it } from 'vitest';
import { commandCompletion, concatChunks, continuedChunk, encodeReceipt, planDrawerKick, planReceipt, planTestPage, resumePrefix } from '../../../native/printer/escpos.js';
import { EscPosStreamDecoder, decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { PRINTER_PROFILES, codeTableMap } from '../../../native/printer/profiles.js';
import type { MonoBitmap } from '../../../native/printer/pbm.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

const EPSON = PRINTER_PROFILES['epson-wpc1257']!;
const logo: MonoBitmap = { width: 16, height: 4, rowBytes: 2, data: new Uint8Array(8).fill(0x3c) };

const busy = sampleReceipt({
  customer: { name: 'Tamme Ehitus OÜ', code: 'K-1', vatNo: 'EE100000002', address: 'Tamme 5, Tartu' },
  rows: [
    ...sampleReceipt().rows,
    { name: 'Puur', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 500, sumMinor: 450, vatRateBp: 2200, discountBp: 1000, discountMinor: 50, serialNo: 'SN-1', salesperson: 'Jüri' },
  ],
  qr: 'K1-000042',
  logo: true,
  openDrawer: true,
  copy: true,
});

describe('planReceipt', () => {
  it('names the chunks in paper order: header, customer, each row, VAT, total, payments, footer, QR, cut, drawer', () => {
    expect(planReceipt(busy, ET_LABELS, EPSON, { logo }).map((c) => c.name)).toEqual([
      'header', 'customer', 'row 1', 'row 2', 'row 3', 'row 4', 'vat', 'total', 'payments', 'footer', 'qr', 'cut', 'drawer',
    ]);
    expect(planReceipt(sampleReceipt(), ET_LABELS, EPSON).map((c) => c.name)).toEqual([
      'header', 'row 1', 'row 2', 'row 3', 'vat', 'total', 'payments', 'footer', 'cut',
    ]);
  });

  it('adds up to encodeReceipt, byte for byte', () => {
    for (const doc of [sampleReceipt(), busy]) {
      expect(concatChunks(planReceipt(doc, ET_LABELS, EPSON, { logo }))).toEqual(encodeReceipt(doc, ET_LABELS, EPSON, { logo }));
    }
  });

  it('only the first chunk initialises the printer', () => {
    const chunks = planReceipt(busy, ET_LABELS, EPSON, { logo });
    expect([...chunks[0]!.bytes.subarray(0, 5)]).toEqual([...resumePrefix(EPSON)]);
    for (const c of chunks.slice(1)) expect(decodeEscPos(c.bytes, codeTableMap(EPSON)).documents.flatMap((d) => d.commands)).not.toContain('ESC @');
  });

  it.each(Object.keys(PRINTER_PROFILES))('resuming at any chunk prints the rest exactly as in one go (%s)', (id) => {
    const profile = PRINTER_PROFILES[id]!;
    const chunks = planReceipt(busy, ET_LABELS, profile, { logo });
    const whole = decodeEscPos(concatChunks(chunks), codeTableMap(profile)).documents[0]!;
    let seen = 0;
    for (let from = 1; from < chunks.length - 2; from++) {
      // Before: chunks 0..from-1 on paper. Then the printer is away; resume with the prefix.
      const decoder = new EscPosStreamDecoder(codeTableMap(profile));
      decoder.push(concatChunks(chunks.slice(0, from)));
      const done = decoder.push(concatChunks([{ name: 'resume', bytes: resumePrefix(profile) }, ...chunks.slice(from)]));
      expect(done).toHaveLength(1);
      expect(done[0]!.lines).toEqual(whole.lines);
      expect(done[0]!.styles).toEqual(whole.styles);
      expect(done[0]!.drawerKicks).toBe(1);
      seen++;
    }
    expect(seen).toBeGreaterThan(8);
  });

  it('every row is in exactly one chunk', () => {
    const chunks = planReceipt(busy, ET_LABELS, EPSON);
    for (const row of busy.rows) {
      const holding = chunks.filter((c) => decodeEscPos(concatChunks([{ name: 'p', bytes: resumePrefix(EPSON) }, c]), codeTableMap(EPSON)).documents.some((d) => d.lines.includes(row.name)));
      expect(holding.map((c) => c.name)).toHaveLength(1);
    }
  });
});

describe('planTestPage and planDrawerKick', () => {
  it('a test page names the profile and code page, shows the language samples and a QR', () => {
    const page = { shopName: 'Demo Pood OÜ', locale: 'et', at: '2026-11-22T10:00:00Z', timeZone: 'Europe/Tallinn' };
    const chunks = planTestPage(page, { testPage: 'Testlehekülg', printer: 'Printer', codePage: 'Koodileht' }, EPSON);
    expect(chunks.map((c) => c.name)).toEqual(['header', 'profile', 'samples', 'qr', 'cut']);
    const [doc] = decodeEscPos(concatChunks(chunks), codeTableMap(EPSON)).documents;
    expect(doc).toMatchObject({ cut: true, qr: 'TEST epson-wpc1257', drawerKicks: 0 });
    expect(doc!.lines.slice(0, 3)).toEqual(['Testlehekülg', 'Demo Pood OÜ', '22.11.2026 12:00']);
    expect(doc!.text).toContain('Koodileht: WPC1257 (ESC t 51)');
    expect(doc!.text).toContain('epson-wpc1257');
    const samples = doc!.lines.filter((l) => /^(et|lv|lt|pl|ru|uk|kk) /.test(l));
    expect(samples[0]).toBe('et Õun Äädikas Öö Ülo Šokk Žürii'); // the shop's language first
    expect(samples.find((l) => l.startsWith('ru'))).toBe('ru Sieesh eshche etikh miagkikh bulok'); // Cyrillic on a Baltic page
    expect(doc!.text).not.toContain('?');
    // English labels when the locale has none.
    expect(decodeEscPos(concatChunks(planTestPage(page, {}, EPSON)), codeTableMap(EPSON)).documents[0]!.lines[0]).toBe('Test page');
  });

  it('a test page on a Cyrillic printer prints the Cyrillic samples as they are', () => {
    const profile = PRINTER_PROFILES['epson-wpc1251']!;
    const page = { shopName: 'Магазин', locale: 'uk', at: '2026-11-22T10:00:00Z' };
    const [doc] = decodeEscPos(concatChunks(planTestPage(page, {}, profile)), codeTableMap(profile)).documents;
    expect(doc!.lines.find((l) => l.startsWith('uk '))).toBe('uk Ґанок, їжак, єнот, щука, м’ясо');
    expect(doc!.text).toContain('WPC1251 (ESC t 46)');
  });

  it('a drawer job is the kick alone', () => {
    expect(planDrawerKick()).toEqual([{ name: 'drawer', bytes: Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa) }]);
  });
});

describe('resuming a chunk that was on its way', () => {
  const logo: MonoBitmap = { width: 64, height: 30, rowBytes: 8, data: new Uint8Array(8 * 30).fill(0xff) };
  const chunks = planReceipt(sampleReceipt({ logo: true }), ET_LABELS, EPSON, { logo });
  const header = chunks[0]!;

  it.each([10, 40, 200, header.bytes.length - 1])(
    'a header cut off after %i bytes (inside the logo): completion, then the continued line and the header print as sent',
    (cutAt) => {
      const decoder = new EscPosStreamDecoder(codeTableMap(EPSON));
      decoder.push(header.bytes.subarray(0, cutAt));
      decoder.push(concatChunks([{ name: 'completion', bytes: commandCompletion(header) }, continuedChunk('— järg —', EPSON, 'et'), header]));
      const lines = decoder.tape.flatMap((e) => (e.kind === 'line' ? [e.text] : []));
      expect(lines).toContain('— järg —');
      expect(lines.slice(lines.indexOf('— järg —') + 1, lines.indexOf('— järg —') + 2)).toEqual(['Õunapuu Pood OÜ']);
    },
  );

  it('without the completion, the picture swallows the continued line', () => {
    const decoder = new EscPosStreamDecoder(codeTableMap(EPSON));
    decoder.push(header.bytes.subarray(0, 40));
    decoder.push(concatChunks([continuedChunk('— järg —', EPSON, 'et'), header]));
    expect(decoder.tape).not.toContainEqual({ kind: 'line', text: '— järg —' });
  });

  it('is a few NULs for text, a kick or a cut, and as long as the longest command for a picture', () => {
    const byName = new Map(chunks.map((c) => [c.name, commandCompletion(c).length]));
    expect(byName.get('row 1')).toBeLessThanOrEqual(3);
    expect(byName.get('cut')).toBe(3);
    expect(commandCompletion(planDrawerKick()[0]!)).toEqual(new Uint8Array(4));
    expect(byName.get('header')).toBeGreaterThanOrEqual(8 * 24);
  });
});
