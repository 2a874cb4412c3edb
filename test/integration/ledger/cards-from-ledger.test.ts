/**
 * Product cards from the ledger: the cards Directo keeps come through the same checks, colours
 * and one-transaction apply as a CSV file; the token is set apart and never shows in an answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';
import { startDirectoFake, type DirectoFake } from '../../support/directo-fake.js';

let core: TestCore | null = null;
let fake: DirectoFake | null = null;
afterEach(async () => {
  await core?.close();
  await fake?.close();
  core = null;
  fake = null;
});

describe('product cards from the ledger', () => {
  it('a ledger that keeps none says so, and nothing changes', async () => {
    core = await startTestCore();
    expect(await core.call('catalogue.importFromLedger', {})).toMatchObject({ ok: false, error: { code: 'catalogue.no_ledger_cards' } });
    expect(await core.ok('ledger.check', {})).toEqual({ ok: false, detail: 'none' });
  });

  it('Directo’s cards previewed red and yellow against the till’s, applied at once, searchable after', async () => {
    fake = await startDirectoFake();
    fake.setItems([
      // The demo milk, dearer in the books: changed.
      { code: '1001', name: 'Piim 2,5% 1 l', class: 'DAIRY', type: 'stock', unit: 'tk', price: '1.0000', vatprc: '24', barcode: '4740010010014' },
      // A card the till has not seen: new.
      { code: '1301', name: 'Rukkileib & Co', class: 'BAKERY', type: 'stock', unit: 'tk', price: '7.2500', vatprc: '24', barcode: '4740000000018' },
    ]);
    core = await startTestCore({ ledger: `directo:${fake.url}` });
    const c = core;
    // Without its token the ledger is not asked at all.
    expect((await c.ok('ledger.status', {})).needsSecret).toBe(true);
    expect(await c.call('catalogue.importFromLedger', {})).toMatchObject({ ok: false, error: { code: 'catalogue.no_ledger_cards' } });

    // A wrong token: refused with a reason that does not repeat it — by the connection check too.
    await c.ok('ledger.setSecret', { secret: 'not-the-token-77' });
    const check = await c.ok('ledger.check', {});
    expect(check.ok).toBe(false);
    expect(check.detail).not.toContain('not-the-token-77');
    const refused = await c.call('catalogue.importFromLedger', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'ledger.cards_failed' } });
    expect(JSON.stringify(refused)).not.toContain('not-the-token-77');

    await c.ok('ledger.setSecret', { secret: fake.token });
    expect((await c.ok('ledger.check', {})).ok).toBe(true);
    const preview = await c.ok('catalogue.importFromLedger', {});
    expect(preview).toMatchObject({ source: 'ledger', counts: { red: 1, yellow: 1, green: 0, rejected: 0 } });
    expect(preview.fileName).toContain('Directo');
    expect(preview.rows.map((r) => [r.status, r.barcode, r.priceMinor])).toEqual([
      ['yellow', '4740010010014', 124],
      ['red', '4740000000018', 899],
    ]);
    expect(await c.ok('catalogue.importApply', { importId: preview.importId })).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const hits = await c.ok('article.search', { query: '4740000000018', limit: 5 });
    expect(hits.map((h) => [h.name, h.priceMinor])).toEqual([['Rukkileib & Co', 899]]);
    expect(JSON.stringify(await c.ok('ledger.status', {}))).not.toContain(fake.token);
  });
});
