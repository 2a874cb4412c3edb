import type { SettingsView, WeightBarcodeLayout } from '../../../../electron/contract/api';

/**
 * The two structured settings, edited as one line of text each, so a shop can type them on the
 * settings screen without a table editor:
 *   scale labels  "23:5:weight, 24:5:price, 28:4:price:v"  (prefix : item digits : kind [: v = verifier digit])
 *   PTU letters   "2300=A, 800=B, 0=D"                      (VAT rate in basis points = letter)
 * Parsing returns null for anything malformed; the core validates again.
 */

export function formatWeightLayouts(layouts: WeightBarcodeLayout[]): string {
  return layouts.map((l) => `${l.prefix}:${l.itemDigits}:${l.kind}${l.verifier ? ':v' : ''}`).join(', ');
}

const LAYOUT = /^(2\d):([3-6]):(weight|price)(:v)?$/;

export function parseWeightLayouts(text: string): WeightBarcodeLayout[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const layouts: WeightBarcodeLayout[] = [];
  for (const part of parts) {
    const m = LAYOUT.exec(part.replace(/\s+/g, ''));
    if (!m) return null;
    const layout = { prefix: m[1] ?? '', itemDigits: Number(m[2]), kind: m[3] as 'weight' | 'price', verifier: m[4] !== undefined };
    if (10 - layout.itemDigits - (layout.verifier ? 1 : 0) < 4) return null;
    if (layouts.some((l) => l.prefix === layout.prefix)) return null;
    layouts.push(layout);
  }
  return layouts.length <= 10 ? layouts : null;
}

export function formatPtuMap(map: SettingsView['ptuMap']): string {
  return Object.entries(map)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([rate, letter]) => `${rate}=${letter}`)
    .join(', ');
}

export function parsePtuMap(text: string): SettingsView['ptuMap'] | null {
  const map: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(\d{1,5})\s*=\s*([A-Ga-g])$/.exec(part);
    if (!m?.[1] || !m[2]) return null;
    map[String(Number(m[1]))] = m[2].toUpperCase();
  }
  return map;
}
