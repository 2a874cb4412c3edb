/**
 * A long article name wraps onto as many lines as it needs, at word boundaries, on every paper
 * width; nothing of it is lost, and the quantity × price line under it keeps its layout.
 */
import { describe, expect, it } from 'vitest';
import { encodeReceipt, printable } from '../../../native/printer/escpos.js';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { PRINTER_PROFILES, codeTableMap, type PrinterProfile } from '../../../native/printer/profiles.js';
import { ET_LABELS, sampleReceipt } from './fixtures.js';

const LONG = 'Õunamahl naturaalne selitamata 100% Põltsamaa talu 1 l klaaspudelis';
const profiles = ['epson-wpc1257', 'xprinter-wpc1257', 'epson-pc775', 'bixolon-wpc1250'].map((id) => PRINTER_PROFILES[id]!);

function paper(name: string, profile: PrinterProfile, unitPriceMinor = 249): string[] {
  const doc = sampleReceipt({ rows: [{ name, quantityMilli: 2000, unit: 'pcs', unitPriceMinor, sumMinor: 2 * unitPriceMinor, vatRateBp: 2200 }] });
  const { documents } = decodeEscPos(encodeReceipt(doc, ET_LABELS, profile), codeTableMap(profile));
  return documents[0]!.lines;
}

/** The lines of the row: its name lines up to the quantity line, and that line. */
function rowLines(lines: string[], columns: number): { name: string[]; quantity: string } {
  const q = lines.findIndex((l) => /^ {2}2 tk x /.test(l));
  const start = lines.lastIndexOf('-'.repeat(columns), q); // the rule above the rows
  return { name: lines.slice(start + 1, q), quantity: lines[q]! };
}

describe('long article names on paper', () => {
  it.each(profiles.map((p) => [p.id, p.columns, p] as const))('%s (%i columns): the whole name, wrapped at spaces', (_id, columns, profile) => {
    const lines = paper(LONG, profile);
    const { name, quantity } = rowLines(lines, columns);
    expect(name.length).toBeGreaterThan(1);
    for (const l of name) expect([...l].length).toBeLessThanOrEqual(columns);
    expect(name.join(' ')).toBe(printable(LONG, profile.encoding, 'et')); // Õ is O on a page without it
    // The quantity line is as it always was: quantity × unit price left, the sum flush right.
    expect(quantity).toHaveLength(columns);
    expect(quantity).toMatch(/^ {2}2 tk x 2,49 +4,98$/);
  });

  it('a name that fits stays on one line', () => {
    for (const profile of profiles) expect(rowLines(paper('Leib rukki 500 g', profile), profile.columns).name).toEqual(['Leib rukki 500 g']);
  });

  it('a word longer than the paper is split, never cut off', () => {
    const word = 'Kõrvaklappidejuhtmevaba'.repeat(2);
    const narrow = PRINTER_PROFILES['xprinter-wpc1257']!;
    const { name } = rowLines(paper(`${word} must`, narrow), 32);
    expect(name).toEqual([word.slice(0, 32), `${word.slice(32)} must`]);
  });

  it('at 32 columns a large sum still goes under the quantity rather than being cut', () => {
    const narrow = PRINTER_PROFILES['xprinter-wpc1257']!;
    const lines = paper(LONG, narrow, 999_999_999);
    const q = lines.findIndex((l) => /^ {2}2 tk x /.test(l));
    expect(lines[q]).toBe('  2 tk x 9 999 999,99');
    expect(lines[q + 1]).toBe('19 999 999,98'.padStart(32));
  });
});
