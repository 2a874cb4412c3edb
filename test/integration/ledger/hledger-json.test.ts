import { describe, expect, it } from 'vitest';
import { hledgerProblem, toHledgerTransaction, hasKeyTag, balanceByCommodity } from '../../../electron/devices/ledger/hledger-json.js';
import { journalPreamble, ledgerAccounts, ledgerGoods, quoteCommodity } from '../../../electron/devices/ledger/hledger-journal.js';
import { retryAfterMs } from '../../../electron/devices/ledger/hledger-web.js';
import { HledgerWebConnector } from '../../../electron/devices/ledger/hledger-web.js';
import { LedgerError } from '../../../electron/devices/ledger/connector.js';
import { cashIn, creditNote, ledgerDoc, splitSale, writeOff } from '../../support/ledger-documents.js';

// The pure half: the JSON hledger-web 1.25 gets, the checks before sending, the journal's head.
describe('hledger-web 1.25 Transaction JSON', () => {
  it('carries date, code, description, the key tag and exact integer amounts', () => {
    const sale = splitSale();
    const tx = toHledgerTransaction(sale);
    expect(tx).toMatchObject({
      tdate: '2025-01-03',
      tcode: 'K000042',
      tdescription: 'Sale K000042 (card+cash)',
      tcomment: 'pos-id:shop:till1:sale:K000042',
      ttags: [['pos-id', 'shop:till1:sale:K000042']],
      tstatus: 'Cleared',
      tindex: 0,
    });
    expect(tx.tsourcepos).toHaveLength(2);
    expect(tx.tpostings.map((p) => [p.paccount, p.pamount[0]!.aquantity.decimalMantissa, p.pamount[0]!.aquantity.decimalPlaces])).toEqual([
      ['assets:card-clearing', 2000, 2],
      ['assets:cash', 555, 2],
      ['income:rounding', -2, 2],
      ['income:sales', -2059, 2],
      ['liabilities:vat:payable', -494, 2],
    ]);
    expect(tx.tpostings[2]!.pcomment).toBe('cash part 5.53 rounded to 5.55');
    expect(tx.tpostings[0]!.pamount[0]).toMatchObject({ acommodity: 'EUR', astyle: { ascommodityside: 'R', ascommodityspaced: true, asprecision: 2 } });
  });

  it('moves goods in thousandths under the article code', () => {
    const tx = toHledgerTransaction(writeOff());
    expect(tx.tpostings[0]!.pamount[0]).toEqual({
      acommodity: '1301',
      aquantity: { decimalMantissa: 2000, decimalPlaces: 3 },
      astyle: { ascommodityside: 'R', ascommodityspaced: true, asprecision: 3 },
    });
  });

  it('keeps description, code and comments on one journal line', () => {
    const tx = toHledgerTransaction({ ...cashIn(), number: 'M(3)\n' });
    expect(tx.tdescription).toBe('Cash in, float from the safe');
    expect(tx.tcode).toBe('M3');
  });

  it('finds the key only as the exact tag value', () => {
    const tx = { ttags: [['pos-id', 'shop:till1:sale:K1']] };
    expect(hasKeyTag(tx, 'shop:till1:sale:K1')).toBe(true);
    expect(hasKeyTag(tx, 'shop:till1:sale:K')).toBe(false);
    expect(hasKeyTag({ ttags: [['pos-id', 'shop:till1:sale:k1']] }, 'shop:till1:sale:K1')).toBe(false);
    expect(hasKeyTag(null, 'x')).toBe(false);
  });
});

describe('checks before sending', () => {
  it('passes the documents the till makes', () => {
    for (const doc of [splitSale(), creditNote(splitSale()), cashIn(), writeOff()]) expect(hledgerProblem(doc)).toBeNull();
  });

  it('refuses a transaction off by one cent, per commodity', () => {
    const off = ledgerDoc('sale', 'K1', '2025-01-03', 'off', [
      ['assets:cash', 'EUR', 1220],
      ['income:sales', 'EUR', -1000],
      ['liabilities:vat:payable', 'EUR', -218],
    ]);
    expect(hledgerProblem(off)).toMatch(/EUR sums to 2/);
    // Balanced in money, but goods leave without arriving anywhere.
    const goods = ledgerDoc('write_off', 'W1', '2025-01-03', 'w', [
      ['expenses:write-off', '1301', 2000],
      ['assets:stock', '1301', -1000],
      ['assets:cash', 'EUR', 0],
      ['income:sales', 'EUR', 0],
    ]);
    expect(hledgerProblem(goods)).toMatch(/1301 sums to 1000/);
  });

  it('sums large amounts exactly', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const sums = balanceByCommodity([
      { account: 'a', commodity: 'EUR', amount: big, comment: '' },
      { account: 'a', commodity: 'EUR', amount: big, comment: '' },
      { account: 'b', commodity: 'EUR', amount: -big, comment: '' },
      { account: 'b', commodity: 'EUR', amount: -big + 1, comment: '' },
    ]);
    expect(sums.get('EUR')).toBe(1n);
  });

  it.each([
    ['assets:cash  drawer', /two spaces/],
    ['assets:\tcash', /tab/],
    [' assets:cash', /starts or ends with a space/],
    ['(assets:cash)', /bracket/],
    ['a'.repeat(201), /longer than 200/],
    ['income;sales', /semicolon/],
  ])('refuses the account name %j', (account, why) => {
    // Built past the schema (which caps names at 200 too): the connector must not rely on it.
    const base = cashIn();
    const doc = { ...base, postings: [{ ...base.postings[0]!, account }, base.postings[1]!] };
    expect(hledgerProblem(doc)).toMatch(why);
  });

  it('refuses a date that is no day, and a key a tag cannot carry', () => {
    expect(hledgerProblem({ ...cashIn(), date: '2025-02-30' })).toMatch(/calendar day/);
    expect(hledgerProblem({ ...cashIn(), key: 'shop:till1:cash_in:M,3' })).toMatch(/comma/);
  });

  it('post() refuses an unbalanced document as permanent without any request', async () => {
    let requests = 0;
    const connector = new HledgerWebConnector({
      baseUrl: 'http://127.0.0.1:9',
      journalFile: '/nonexistent/pos.journal',
      fetch: async () => {
        requests++;
        return new Response(null, { status: 201 });
      },
    });
    const off = { ...cashIn(), postings: [cashIn().postings[0]!, { ...cashIn().postings[1]!, amount: -4999 }] };
    const err = await connector.post(off).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).errorClass).toBe('permanent');
    expect(requests).toBe(0);
  });

  it('will not talk to hledger-web off loopback (it has no authentication)', () => {
    expect(() => new HledgerWebConnector({ baseUrl: 'http://10.0.0.5:5000', journalFile: '/srv/pos.journal' })).toThrow(/loopback/);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates as ms', () => {
    const now = Date.parse('2025-01-03T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 03 Jan 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 03 Jan 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('journal preamble', () => {
  it('declares the currency, the goods and every account the documents use', () => {
    const docs = [splitSale(), creditNote(splitSale()), cashIn(), writeOff()];
    expect(ledgerAccounts(docs)).toEqual(['assets:card-clearing', 'assets:cash', 'assets:safe', 'assets:stock', 'expenses:write-off', 'income:rounding', 'income:sales', 'liabilities:vat:payable']);
    expect(ledgerGoods(docs)).toEqual(['1301']);
    const text = journalPreamble(ledgerAccounts(docs), 'EUR', ledgerGoods(docs));
    expect(text).toContain('commodity 1,000.00 EUR\n');
    expect(text).toContain('commodity 1,000.000 "1301"\n');
    expect(text).toContain('account liabilities:vat:payable\n');
    expect(quoteCommodity('KG')).toBe('KG');
    expect(() => journalPreamble(['bad  name'], 'EUR')).toThrow(/two spaces/);
  });
});
