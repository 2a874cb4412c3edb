import { describe, expect, it } from 'vitest';
import { balanced, cashTransaction, goodsTransaction, saleTransaction, tillAccounts } from '../../../electron/domain/ledger-posting.js';

describe('documents as balanced transactions', () => {
  it('a split sale 12.23 (card 10.00, cash 2.23 paid 2.25): the money in, sales and VAT per rate out, the rounding to its account', () => {
    const postings = saleTransaction({
      currency: 'EUR',
      vat: [
        { rateBp: 2400, netMinor: 823, vatMinor: 198 },
        { rateBp: 900, netMinor: 185, vatMinor: 17 },
      ],
      tenders: [
        { method: 'card', amountMinor: 1000 },
        { method: 'cash', amountMinor: 225 },
      ],
      roundingMinor: 2,
      roundingAccount: 'income:rounding',
    });
    expect(postings.map((p) => [p.account, p.amount])).toEqual([
      ['assets:card-clearing', 1000],
      ['assets:cash', 225],
      ['income:sales:vat 24', -823],
      ['liabilities:vat:24', -198],
      ['income:sales:vat 9', -185],
      ['liabilities:vat:9', -17],
      ['income:rounding', -2],
    ]);
    expect(balanced(postings)).toBe(true);
  });

  it('a credit note is the sale with every sign turned; a 13.5 % rate keeps its half', () => {
    const postings = saleTransaction({
      currency: 'EUR',
      vat: [{ rateBp: 1350, netMinor: -1000, vatMinor: -135 }],
      tenders: [{ method: 'cash', amountMinor: -1135 }],
      roundingMinor: 0,
      roundingAccount: 'income:rounding',
    });
    expect(postings.map((p) => [p.account, p.amount])).toEqual([
      ['assets:cash', -1135],
      ['income:sales:vat 13.5', 1000],
      ['liabilities:vat:13.5', 135],
    ]);
    expect(balanced(postings)).toBe(true);
  });

  it('facts that do not add up are not balanced (the uploader never sends them)', () => {
    expect(balanced(saleTransaction({ currency: 'EUR', vat: [{ rateBp: 2400, netMinor: 1000, vatMinor: 218 }], tenders: [{ method: 'cash', amountMinor: 1220 }], roundingMinor: 0, roundingAccount: 'income:rounding' }))).toBe(false);
  });

  it('cash out to the bank leaves the drawer; goods written off leave the warehouse, each commodity balanced', () => {
    expect(cashTransaction('EUR', 'assets:cash-in-transit:bank', -2000, 'bag 1').map((p) => [p.account, p.amount])).toEqual([
      ['assets:cash', -2000],
      ['assets:cash-in-transit:bank', 2000],
    ]);
    const goods = goodsTransaction('MAIN', 'expenses:stock-written-off', [{ code: '1205', quantityMilli: 2000 }, { code: '1301', quantityMilli: 250 }]);
    expect(goods.map((p) => [p.account, p.commodity, p.amount])).toEqual([
      ['assets:inventory:main', '1205', -2000],
      ['expenses:stock-written-off', '1205', 2000],
      ['assets:inventory:main', '1301', -250],
      ['expenses:stock-written-off', '1301', 250],
    ]);
    expect(balanced(goods)).toBe(true);
  });

  it('the accounts a till declares hold every one it posts to, once', () => {
    const accounts = tillAccounts({ ratesBp: [2400, 900], roundingAccount: 'income:rounding', warehouses: ['MAIN'] });
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(accounts).toEqual(expect.arrayContaining(['income:sales:vat 24', 'liabilities:vat:9', 'income:rounding', 'assets:inventory:main', 'expenses:cash-difference']));
  });
});
