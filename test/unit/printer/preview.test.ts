import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../native/printer/escpos.js';
import { decodeEscPos } from '../../../native/printer/escpos-decode.js';
import { previewLines } from '../../../native/printer/preview.js';
import { PRINTER_PROFILES, codeTableMap } from '../../../native/printer/profiles.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';
import { ET_LABELS, localeLabels, sampleReceipt } from './fixtures.js';

const receipts: [string, PrintableReceipt][] = [
  ['plain cash sale', sampleReceipt()],
  [
    'customer, discount, serial, salesperson, split with rounding, pro-forma copy',
    sampleReceipt({
      customer: { name: 'Tamme Ehitus OÜ', code: 'K-0042', vatNo: 'EE100000002', address: 'Tamme 5, 50001 Tartu' },
      rows: [
        { name: 'Puur Bosch', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 500, sumMinor: 450, vatRateBp: 2400, discountBp: 1000, discountMinor: 50, serialNo: 'SN-1', salesperson: 'Jüri Õun' },
        { name: 'Saag', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 773, sumMinor: 773, vatRateBp: 2400, discountBp: 0, discountMinor: 0, serialNo: '', salesperson: null },
      ],
      vat: [{ rateBp: 2400, netMinor: 986, vatMinor: 237, grossMinor: 1223 }],
      totalMinor: 1223,
      roundingMinor: 2,
      payableMinor: 1225,
      payments: [
        { method: 'card', amountMinor: 1000, tenderedMinor: 1000, changeMinor: 0, reference: 'Auth 123456 **** 4242' },
        { method: 'cash', amountMinor: 225, tenderedMinor: 225, changeMinor: 0, reference: null },
      ],
      changeMinor: 0,
      proForma: true,
      number: null,
      copy: true,
    }),
  ],
  ['Ukrainian names the Baltic page lacks', sampleReceipt({ rows: [{ name: 'Ґудзик їжак', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 100, sumMinor: 100, vatRateBp: 2000 }] })],
];

describe('previewLines (F8)', () => {
  it.each(receipts.flatMap(([name, doc]) => Object.keys(PRINTER_PROFILES).map((id) => [name, id, doc] as const)))(
    'equals the decoded paper line by line: %s on %s',
    (_name, id, doc) => {
      const profile = PRINTER_PROFILES[id]!;
      for (const labels of [ET_LABELS, localeLabels('en'), localeLabels('et')]) {
        const paper = decodeEscPos(encodeReceipt(doc, labels, profile), codeTableMap(profile)).documents;
        expect(paper).toHaveLength(1);
        expect(previewLines(doc, labels, profile)).toEqual(paper[0]!.lines);
      }
    },
  );

  it('shows what the paper shows, including the Latin a Baltic page prints for Cyrillic', () => {
    const lines = previewLines(receipts[2]![1], ET_LABELS, PRINTER_PROFILES['epson-wpc1257']!);
    expect(lines[0]).toBe('Õunapuu Pood OÜ');
    expect(lines).toContain('Gudzyk yizhak');
    expect(lines).toContainEqual(expect.stringMatching(/^KOKKU EUR +12,50$/));
    expect(previewLines(receipts[2]![1], ET_LABELS, PRINTER_PROFILES['epson-wpc1251']!)).toContain('Ґудзик їжак');
  });

  it('follows the paper width of the profile', () => {
    const doc = receipts[1]![1];
    for (const profile of [PRINTER_PROFILES['epson-wpc1257']!, PRINTER_PROFILES['xprinter-wpc1257']!]) {
      const total = previewLines(doc, ET_LABELS, profile).find((l) => l.startsWith('TASUDA'));
      expect(total).toHaveLength(profile.columns);
    }
  });
});
