import { describe, expect, it } from 'vitest';
import { zeroPriceCheck, zeroPriceOutcome, type ZeroPricePolicy } from '../../../electron/domain/zero-price.js';

describe('zeroPriceOutcome: the article override wins over the system setting', () => {
  it.each([
    // system × article override (null = no override)
    { system: 'none', article: null, expected: 'ok' },
    { system: 'none', article: 'none', expected: 'ok' },
    { system: 'none', article: 'warn', expected: 'warn' },
    { system: 'none', article: 'forbid', expected: 'forbid' },
    { system: 'warn', article: null, expected: 'warn' },
    { system: 'warn', article: 'none', expected: 'ok' },
    { system: 'warn', article: 'warn', expected: 'warn' },
    { system: 'warn', article: 'forbid', expected: 'forbid' },
    { system: 'forbid', article: null, expected: 'forbid' },
    { system: 'forbid', article: 'none', expected: 'ok' },
    { system: 'forbid', article: 'warn', expected: 'warn' },
    { system: 'forbid', article: 'forbid', expected: 'forbid' },
  ] as { system: ZeroPricePolicy; article: ZeroPricePolicy | null; expected: string }[])(
    'system $system, article $article → $expected',
    ({ system, article, expected }) => {
      expect(zeroPriceOutcome(0, system, article)).toBe(expected);
      // A priced row is always fine, whatever the policies.
      expect(zeroPriceOutcome(1, system, article)).toBe('ok');
      expect(zeroPriceOutcome(-199, system, article)).toBe('ok');
    },
  );
});

describe('zeroPriceCheck', () => {
  it('lists the lines to warn about and to block, in line order', () => {
    const rows = [
      { lineNo: 4, unitPriceMinor: 0, articlePolicy: null },
      { lineNo: 1, unitPriceMinor: 0, articlePolicy: 'forbid' as const },
      { lineNo: 2, unitPriceMinor: 199, articlePolicy: 'forbid' as const },
      { lineNo: 3, unitPriceMinor: 0, articlePolicy: 'none' as const },
      { lineNo: 5, unitPriceMinor: 0, articlePolicy: 'warn' as const },
      { lineNo: 6, unitPriceMinor: 0, articlePolicy: null },
    ];
    expect(zeroPriceCheck(rows, 'warn')).toEqual({ warn: [4, 5, 6], forbid: [1] });
    expect(zeroPriceCheck(rows, 'forbid')).toEqual({ warn: [5], forbid: [1, 4, 6] });
    expect(zeroPriceCheck(rows, 'none')).toEqual({ warn: [5], forbid: [1] });
    expect(zeroPriceCheck([], 'forbid')).toEqual({ warn: [], forbid: [] });
  });
});
