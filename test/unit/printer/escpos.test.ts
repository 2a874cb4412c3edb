import { describe, expect, it } from 'vitest';
import { encodeReceipt, encodeText, formatLocalTime, printable } from '../../../native/printer/escpos.js';
import { decodeEscPos, type DecodedDocument } from '../../../native/printer/escpos-decode.js';
import { PRINTER_PROFILES, codeTableMap, type PrinterProfile } from '../../../native/printer/profiles.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';

const EPSON = PRINTER_PROFILES['epson-wpc1257']!;
const XPRINTER = PRINTER_PROFILES['xprinter-wpc1257']!;

function printed(doc: PrintableReceipt, profile: PrinterProfile = EPSON): DecodedDocument {
  const { documents } = decodeEscPos(encodeReceipt(doc, ET_LABELS, profile), codeTableMap(profile));
  expect(documents).toHaveLength(1);
  return documents[0]!;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('preamble: init then code table', () => {
  // ESC @ resets the code table, so ESC t must follow it or every ä prints as PC437 garbage.
  it.each([
    ['epson-wpc1257', '1b40' + '1b7433'],
    ['epson-pc775', '1b40' + '1b7421'],
    ['epson-wpc1250', '1b40' + '1b742d'],
    ['epson-wpc1251', '1b40' + '1b742e'],
    ['bixolon-wpc1257', '1b40' + '1b741a'],
    ['xprinter-wpc1257', '1b40' + '1c2e' + '1b7419'], // clones also leave Chinese mode
  ])('%s starts with %s and never re-initialises', (id, expected) => {
    const profile = PRINTER_PROFILES[id]!;
    const bytes = encodeReceipt(sampleReceipt(), ET_LABELS, profile);
    expect(hex(bytes.subarray(0, expected.length / 2))).toBe(expected);
    const doc = printed(sampleReceipt(), profile);
    expect(doc.commands.filter((c) => c === 'ESC @')).toHaveLength(1);
    expect(doc.codeTables).toEqual([profile.codeTable]);
  });
});

describe('text encoding', () => {
  it('writes Baltic letters as their WPC1257 bytes', () => {
    expect(hex(encodeText('ÕŠŽĄĖŲ', 'win1257'))).toBe('d5d0dec0cbd8');
    expect(hex(encodeText('õšžąėų', 'win1257'))).toBe('f5f0fee0ebf8');
    expect(hex(encodeText('ÄÖÜäöü', 'win1257'))).toBe('c4d6dce4f6fc');
  });

  it('uses the PC775 byte for Õ on a PC775 printer', () => {
    expect(hex(encodeText('Õ', 'cp775'))).toBe('e5');
  });

  it('composes a decomposed Õ (O + combining tilde) into one printable byte', () => {
    expect(hex(encodeText('O\u0303una', 'win1257'))).toBe('d5756e61');
  });

  it('prints ? only for symbols no stand-in covers, one column each; a letter degrades to Latin', () => {
    expect(hex(encodeText('a😀中b', 'win1257'))).toBe('613f3f62');
    expect(hex(encodeText('aҐb', 'win1257'))).toBe('614762'); // Ґ → G
  });

  it('keeps typography the code page has, and prints an ASCII stand-in only where it lacks it', () => {
    expect(printable('PRO FORMA – ei ole', 'win1257')).toBe('PRO FORMA – ei ole');
    expect(printable('PRO FORMA – ei ole', 'cp775')).toBe('PRO FORMA - ei ole');
    expect(printable('−0,02 “x” … 5 €', 'cp437')).toBe('-0,02 "x" ... 5 EUR');
  });

  it('drops the accent of a letter the code page lacks when it has the base letter', () => {
    expect(printable('Ősz Ñandú', 'win1257')).toBe('Osz Nandu');
    expect(printable('Õunapuu Pood OÜ', 'cp437')).toBe('Ounapuu Pood OÜ');
    expect(printable('Łódź', 'win1252')).toBe('Lódz'); // Ł has no base letter to strip to: spelled L
  });

  it('turns the NBSP of et money grouping and control bytes into plain spaces', () => {
    // A raw 10 04 in a product name would be executed by the printer as a status request.
    expect(hex(encodeText('1\u00a0234\u0010\u0004', 'win1257'))).toBe('3120323334' + '2020');
  });
});

describe('receipt layout', () => {
  it('prints shop, rows with diacritics, VAT, total, payment and change in et format, then cuts', () => {
    const doc = printed(sampleReceipt());
    expect(doc.cut).toBe(true);
    expect(doc.commands.at(-1)).toBe('GS V 66 0');
    expect(doc.lines[0]).toBe('Õunapuu Pood OÜ');
    expect(doc.styles[0]).toMatchObject({ bold: true, align: 'center' });
    expect(doc.lines).toContain('Pärnu mnt 12, 10141 Tallinn');
    expect(doc.lines).toContain('Õunamahl 1 l');
    expect(doc.lines).toContain('Šokolaad tume 70%');
    expect(doc.lines).toContain('Žuvis (kilohind)');
    expect(doc.lines).toContainEqual(expect.stringMatching(/^ {2}2 tk x 1,99 +3,98$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^ {2}1,25 kg x 4,82 +6,03$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^22% +10,25 +2,25 +12,50$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Aeg +01\.07\.2025 12:05$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Tšeki nr +K1-000042$/));
    const total = doc.lines.findIndex((l) => l.startsWith('KOKKU EUR'));
    expect(doc.lines[total]).toMatch(/ 12,50$/);
    expect(doc.styles[total]?.bold).toBe(true);
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Sularaha +20,00$/));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Tagastus +7,50$/));
    expect(doc.lines.at(-1)).toBe('Aitäh ostu eest! Tulge jälle!');
  });

  it('right-aligns amounts to the last column of the profile', () => {
    for (const profile of [EPSON, XPRINTER]) {
      const doc = printed(sampleReceipt(), profile);
      const total = doc.lines.find((l) => l.startsWith('KOKKU'))!;
      expect(total).toHaveLength(profile.columns);
      expect(total.endsWith('12,50')).toBe(true);
    }
  });

  it('formats numbers by the receipt locale', () => {
    const doc = printed(sampleReceipt({ locale: 'en' }));
    expect(doc.lines).toContainEqual(expect.stringMatching(/^KOKKU EUR +12\.50$/));
    expect(doc.text).not.toContain('12,50');
  });

  it.each(Object.keys(PRINTER_PROFILES))('never prints a line wider than the paper (%s)', (id) => {
    const profile = PRINTER_PROFILES[id]!;
    const long = sampleReceipt({
      shopName: 'Väga-väga pika nimega kaubandusettevõte Õunapuu ja Pojad OÜ',
      rows: [
        { name: 'Ąžuolas Ėriena Ųž — väga pikk tootenimi mis ei mahu reale', quantityMilli: 123456, unit: 'kg', unitPriceMinor: 9999999, sumMinor: 1234567899, vatRateBp: 2200 },
      ],
      vat: [{ rateBp: 2200, netMinor: 1011940901, vatMinor: 222626998, grossMinor: 1234567899 }],
      totalMinor: 1234567899,
      payments: [{ method: 'cash', amountMinor: 1234567899, tenderedMinor: 1234570000, changeMinor: 2101 }],
      changeMinor: 2101,
      copy: true,
    });
    const doc = printed(long, profile);
    doc.lines.forEach((line, i) => {
      expect([...line].length * (doc.styles[i]?.widthTimes ?? 1), line).toBeLessThanOrEqual(profile.columns);
    });
    // Amounts are never cut, even when the VAT table has to stack on narrow paper.
    expect(doc.text).toContain('12 345 678,99');
    expect(doc.text).toContain('10 119 409,01');
  });

  it('marks a reprint with the copy label, large, and only a reprint', () => {
    const original = printed(sampleReceipt({ copy: false }));
    expect(original.text).not.toContain('KOOPIA');
    const copy = printed(sampleReceipt({ copy: true }));
    const at = copy.lines.indexOf('KOOPIA');
    expect(at).toBeGreaterThan(0);
    expect(copy.styles[at]).toMatchObject({ bold: true, widthTimes: 2 });
    // At the top too, so a torn-off top half cannot pass as an original.
    expect(at).toBeLessThan(copy.lines.findIndex((l) => l.startsWith('Tšeki nr')));
  });

  it('shows card amount and no change line for a card sale', () => {
    const doc = printed(
      sampleReceipt({ payments: [{ method: 'card', amountMinor: 1250, tenderedMinor: 1250, changeMinor: 0 }], changeMinor: 0 }),
    );
    expect(doc.lines).toContainEqual(expect.stringMatching(/^Kaart +12,50$/));
    expect(doc.text).not.toContain('Tagastus');
    expect(doc.text).not.toContain('Sularaha');
  });

  it('prints Ukrainian on a WPC1251 printer and transliterates it on a Baltic page', () => {
    const receipt = sampleReceipt({ rows: [{ name: 'Ґудзик їжак', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 100, sumMinor: 100, vatRateBp: 2000 }] });
    expect(printed(receipt, PRINTER_PROFILES['epson-wpc1251']!).lines).toContain('Ґудзик їжак');
    expect(printed(receipt, EPSON).lines).toContain('Gudzyk yizhak');
  });
});

describe('local time on paper', () => {
  it('uses the shop zone, across the daylight-saving switch', () => {
    expect(formatLocalTime('2025-03-30T00:30:00Z', 'Europe/Tallinn')).toBe('30.03.2025 02:30');
    expect(formatLocalTime('2025-03-30T01:30:00Z', 'Europe/Tallinn')).toBe('30.03.2025 04:30');
    expect(formatLocalTime('2025-12-31T22:30:00Z', 'Europe/Vilnius')).toBe('01.01.2026 00:30');
    expect(formatLocalTime('2025-12-31T22:30:00Z', 'Europe/Warsaw')).toBe('31.12.2025 23:30');
  });

  it('rejects an unreadable timestamp instead of printing a wrong date', () => {
    expect(() => formatLocalTime('yesterday', 'Europe/Tallinn')).toThrow(/confirmedAt/);
  });
});
