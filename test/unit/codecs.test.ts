import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatMoneyInput,
  formatQuantity,
  formatRate,
  parseMoneyInput,
  parseQuantityInput,
  readMoneyInput,
  readQuantityInput,
} from '../../electron/contract/codecs.js';

describe('parseMoneyInput', () => {
  it.each([
    ['20', 2000],
    ['20,5', 2050],
    ['20.50', 2050],
    [' 1 234,56 ', 123456],
    ['0,01', 1],
    ['7.', 700],
    ['-3,10', -310],
  ])('%j → %i', (text, minor) => expect(parseMoneyInput(text)).toBe(minor));
  it.each(['', 'abc', '1,234', '1.2.3', '12,345', '1e3', '0x10'])('%j is not an amount', (text) =>
    expect(parseMoneyInput(text)).toBeNull(),
  );
});

describe('a typed number too large to take is told apart from one that is not a number', () => {
  it.each([
    ['9999999', 1_000_000_000, { value: 999_999_900 }],
    ['99999999', 1_000_000_000, { problem: 'too_large' }],
    ['99999999999999', 1_000_000_000, { problem: 'too_large' }],
    ['-99999999', 1_000_000_000, { problem: 'too_large' }],
    ['1,234', 1_000_000_000, { problem: 'format' }],
    ['99999999999,123', 1_000_000_000, { problem: 'format' }],
  ])('money %j (max %i) → %j', (text, max, reading) => expect(readMoneyInput(text, max)).toEqual(reading));
  it.each([
    ['1000000', 1_000_000_000, { value: 1_000_000_000 }],
    ['9999999', 1_000_000_000, { problem: 'too_large' }],
    ['99999999', 1_000_000_000, { problem: 'too_large' }],
    ['1,2345', 1_000_000_000, { problem: 'format' }],
    ['kolm', 1_000_000_000, { problem: 'format' }],
  ])('quantity %j (max %i) → %j', (text, max, reading) => expect(readQuantityInput(text, max)).toEqual(reading));
});

describe('parseQuantityInput', () => {
  it.each([
    ['1', 1000],
    ['1,25', 1250],
    ['0.005', 5],
    ['2.', 2000],
  ])('%j → %i milli', (text, milli) => expect(parseQuantityInput(text)).toBe(milli));
  it.each(['', '1,2345', 'x', '1/2'])('%j is not a quantity', (text) => expect(parseQuantityInput(text)).toBeNull());
});

describe('formatting per locale, without floats', () => {
  it('money: en with point and comma grouping, et with comma decimals', () => {
    expect(formatMoney(123456, 'en')).toBe('1,234.56');
    expect(formatMoney(123456, 'et').replace(/\s/g, ' ')).toBe('1 234,56');
    expect(formatMoney(5, 'et')).toBe('0,05');
    expect(formatMoney(-250, 'en')).toBe('-2.50');
    expect(formatMoney(9_007_199_254_740_991, 'en')).toBe('90,071,992,547,409.91');
  });
  it('money input has no grouping', () => {
    expect(formatMoneyInput(123456, 'et')).toBe('1234,56');
    expect(formatMoneyInput(2000, 'en')).toBe('20.00');
  });
  it('quantities drop trailing zeros; rates print as percent numbers', () => {
    expect(formatQuantity(1000, 'en')).toBe('1');
    expect(formatQuantity(1250, 'et')).toBe('1,25');
    expect(formatQuantity(5, 'en')).toBe('0.005');
    expect(formatRate(2200, 'et')).toBe('22');
    expect(formatRate(950, 'et')).toBe('9,5');
  });
  it('round-trips every money input it formats', () => {
    for (const minor of [0, 1, 99, 100, 101, 123456, 99999999]) {
      for (const locale of ['en', 'et']) expect(parseMoneyInput(formatMoneyInput(minor, locale))).toBe(minor);
    }
  });
});
