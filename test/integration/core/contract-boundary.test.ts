import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

describe('the dispatcher validates at the boundary and answers with values, never throws', () => {
  it('unknown channels and malformed inputs are refused with codes before any use case runs', async () => {
    core = await startTestCore();
    const receipts = () => (core.db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;
    expect(await core.dispatch('receipt.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.dispatch('receipt.addArticle', { receiptId: 'x', code: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { field: 'code' } },
    });
    expect(await core.dispatch('receipt.pay', { receiptId: 'x', method: 'cash', amountMinor: 12.5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.dispatch('receipt.pay', { receiptId: 'x', method: 'cash', amountMinor: '1250' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.dispatch('receipt.get', null)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(receipts()).toBe(0);
  });

  it('an unexpected failure becomes `internal` without leaking details', async () => {
    const logged: string[] = [];
    core = await startTestCore({ log: (m) => logged.push(m) });
    core.db.exec('DROP TRIGGER outbox_done_stays_done; DROP TRIGGER outbox_confirmed_no_delete; DROP TABLE outbox;');
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 119 });
    const wire = await core.call('receipt.confirm', { receiptId: r.id });
    expect(wire).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
    expect(logged.join('\n')).toMatch(/receipt.confirm failed: .*outbox/);
    // The confirm was one transaction: without its print job nothing of it stays.
    // (The payment saved it: View.)
    expect(await core.ok('receipt.get', { receiptId: r.id })).toMatchObject({ status: 'view', number: null });
  });

  it('app.info tells the renderer its language, currency and shop', async () => {
    core = await startTestCore({ uiLocale: 'et' });
    expect(await core.ok('app.info', {})).toMatchObject({ locale: 'et', currency: 'EUR', shopName: 'Demo Pood OÜ', tillName: 'Kassa 1' });
  });
});
