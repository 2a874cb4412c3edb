import { describe, expect, it } from 'vitest';
import { formatPtuMap, formatWeightLayouts, parsePtuMap, parseWeightLayouts } from '../../../renderer/src/features/settings/formats';

describe('settings typed as one line of text', () => {
  it('scale label layouts round-trip and refuse what the core would refuse', () => {
    const layouts = parseWeightLayouts('23:5:weight, 24:5:price, 28:4:price:v');
    expect(layouts).toEqual([
      { prefix: '23', itemDigits: 5, kind: 'weight', verifier: false },
      { prefix: '24', itemDigits: 5, kind: 'price', verifier: false },
      { prefix: '28', itemDigits: 4, kind: 'price', verifier: true },
    ]);
    expect(formatWeightLayouts(layouts ?? [])).toBe('23:5:weight, 24:5:price, 28:4:price:v');
    expect(parseWeightLayouts('')).toEqual([]);
    for (const bad of ['19:5:weight', '23:7:weight', '23:5:volume', '23:6:weight:v:x', '23:5:weight, 23:4:price', '23:6:price:v']) {
      expect(parseWeightLayouts(bad)).toBeNull();
    }
  });

  it('PTU letters per VAT rate round-trip, letters upper-cased, rates as basis points', () => {
    expect(parsePtuMap('2300=A, 800 = b,0=D')).toEqual({ '2300': 'A', '800': 'B', '0': 'D' });
    expect(formatPtuMap({ '0': 'D', '2300': 'A', '800': 'B' })).toBe('2300=A, 800=B, 0=D');
    expect(parsePtuMap('23%=A')).toBeNull();
    expect(parsePtuMap('2300=H')).toBeNull();
  });
});
