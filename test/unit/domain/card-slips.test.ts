import { describe, expect, it } from 'vitest';
import { readCardSlips, slipsToPrint, type CardSlip } from '../../../electron/domain/card-slips.js';

const customer: CardSlip = { copy: 'customer', lines: ['VISA ****4242', 'CUSTOMER COPY'] };
const merchant: CardSlip = { copy: 'merchant', lines: ['VISA ****4242', 'MERCHANT COPY', 'Signature ______'] };

describe('card slips: which copies print', () => {
  it.each([
    ['none', [customer, merchant], []],
    ['customer', [customer, merchant], [customer.lines]],
    ['both', [customer, merchant], [customer.lines, merchant.lines]],
    // The terminal sent the merchant's first: the customer's still comes first on paper.
    ['both', [merchant, customer], [customer.lines, merchant.lines]],
    // A terminal that sent only the customer's copy: nothing is invented for the merchant.
    ['both', [customer], [customer.lines]],
  ] as const)('%s of %j', (setting, slips, printed) => {
    expect(slipsToPrint(slips, setting)).toEqual(printed);
  });

  it('a slip whose copy is unknown prints once, whatever the setting (it may hold both copies)', () => {
    const unknown: CardSlip = { copy: 'unknown', lines: ['CARD', 'APPROVED'] };
    expect(slipsToPrint([unknown], 'customer')).toEqual([unknown.lines]);
    expect(slipsToPrint([unknown], 'both')).toEqual([unknown.lines]);
    expect(slipsToPrint([unknown], 'none')).toEqual([]);
  });
});

describe('card slips as stored', () => {
  it('reads slips kept apart', () => {
    expect(readCardSlips(JSON.parse(JSON.stringify([customer, merchant])))).toEqual([customer, merchant]);
  });

  it('reads an old row, one list of every line the terminal printed, as one slip', () => {
    const old = ['VISA ****4242', 'CUSTOMER COPY', 'VISA ****4242', 'MERCHANT COPY'];
    expect(readCardSlips(old)).toEqual([{ copy: 'unknown', lines: old }]);
    expect(slipsToPrint(readCardSlips(old), 'both')).toEqual([old]);
  });

  it('reads nothing as no slips, drops empty ones, and refuses what is neither shape', () => {
    expect(readCardSlips(null)).toEqual([]);
    expect(readCardSlips([])).toEqual([]);
    expect(readCardSlips([{ copy: 'customer', lines: [] }])).toEqual([]);
    expect(() => readCardSlips([{ copy: 'kitchen', lines: ['x'] }])).toThrow(/neither/);
    expect(() => readCardSlips('VISA')).toThrow(/neither/);
  });
});
