import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from '../support/core.js';
import { DEFAULT_SHOP } from '../../electron/app/core.js';
import { defaultSettings } from '../../electron/usecases/settings-defaults.js';

interface DemoArticle {
  code: string;
  name: string;
  unit: string;
  priceMinor: number;
  vatRateBp: number;
  barcodes: string[];
}

/** GS1 mod-10 check digit (weights 3,1,3,… from the right over the data digits). */
function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

describe('the demo catalogue a fresh till starts with', () => {
  const articles = JSON.parse(readFileSync(join(APP_ROOT, 'assets', 'demo-catalogue.json'), 'utf8')) as DemoArticle[];

  it('the check-digit rule itself accepts known-good GS1 codes and rejects a wrong digit', () => {
    expect(validEan13('5901234123457')).toBe(true);
    expect(validEan13('4006381333931')).toBe(true);
    expect(validEan13('4006381333932')).toBe(false);
  });

  it('has a few dozen articles with scannable EAN-13 barcodes, each unique', () => {
    expect(articles.length).toBeGreaterThanOrEqual(30);
    const barcodes = articles.flatMap((a) => a.barcodes);
    expect(barcodes.filter((b) => !validEan13(b))).toEqual([]);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(new Set(articles.map((a) => a.code)).size).toBe(articles.length);
  });

  it("covers Estonia's VAT rates (24 % standard since 2025-07-01, 13 %, 9 %, 0 %), units pcs and kg, and Baltic letters", () => {
    expect(new Set(articles.map((a) => a.vatRateBp))).toEqual(new Set([2400, 1300, 900, 0]));
    expect(new Set(articles.map((a) => a.unit))).toEqual(new Set(['pcs', 'kg']));
    const names = articles.map((a) => a.name).join(' ');
    for (const letter of ['Õ', 'Š', 'Ž', 'Ą', 'ä', 'ö', 'ü']) expect(names).toContain(letter);
  });

  it('has a PTU letter (the Polish fiscal printer) for every rate it sells at', () => {
    const { ptuMap } = defaultSettings({ ...DEFAULT_SHOP });
    expect([...new Set(articles.map((a) => String(a.vatRateBp)))].filter((rate) => ptuMap[rate] === undefined)).toEqual([]);
  });
});
