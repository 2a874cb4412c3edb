import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, outboxOf, sequentialIds, startTestCore, tempDir, type TestCore } from '../../support/core.js';

let core: TestCore;
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await core.close();
  dirs.splice(0).forEach((d) => d.remove());
});

async function sell(code = '1001'): Promise<string> {
  const r = await core.ok('receipt.new', {});
  await core.ok('receipt.addArticle', { receiptId: r.id, code });
  const paid = await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 10_000 });
  await core.ok('receipt.confirm', { receiptId: paid.id });
  return r.id;
}

const preview = async (id: string) => (await core.ok('receipt.preview', { receiptId: id })).lines;

describe("the shop's identity, the till and the time zone are settings", () => {
  it('a till without the demo prints no made-up shop; what is set on the settings screen is printed from the next receipt on, and an earlier receipt keeps its paper', async () => {
    core = await startTestCore({ demoCatalogue: false, shop: { timeZone: 'UTC' } });
    core.db.exec(`INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES ('a1', '1001', 'Leib', 'pcs', 250, 2400)`);
    expect(await core.ok('app.info', {})).toMatchObject({ shopName: '', tillName: '', timeZone: 'UTC' });
    const before = await sell();
    expect((await preview(before)).join('\n')).not.toMatch(/Demo Pood|Kassa 1/);

    await core.ok('settings.update', {
      shopName: 'Nurgapood OÜ',
      shopAddress: 'Pikk 1, Tartu',
      shopRegNo: '10000000',
      shopVatNo: 'EE100000000',
      tillName: 'Kassa 3',
      receiptHeader: ['Avatud iga päev 8–22'],
      receiptFooter: ['Tule jälle!'],
      timeZone: 'Europe/Tallinn',
    });
    expect(await core.ok('app.info', {})).toMatchObject({ shopName: 'Nurgapood OÜ', tillName: 'Kassa 3', timeZone: 'Europe/Tallinn' });
    const after = await sell();
    const paper = await preview(after);
    expect(paper.slice(0, 3)).toEqual(['Nurgapood OÜ', 'Pikk 1, Tartu', 'Avatud iga päev 8–22']);
    expect(paper).toContain('Reg. nr 10000000');
    expect(paper).toContain('KMKR nr EE100000000');
    expect(paper).toContainEqual(expect.stringMatching(/^Kassa +Kassa 3$/));
    expect(paper).toContain('Tule jälle!');
    // The clock stands at 10:00 UTC: 12:00 in Tallinn in November.
    expect(paper).toContainEqual(expect.stringMatching(/^Aeg +22\.11\.2026 12:00$/));
    // The first receipt's paper was kept as it was printed.
    expect((await preview(before)).join('\n')).not.toContain('Nurgapood');
    expect((await preview(before))).toContainEqual(expect.stringMatching(/^Aeg +22\.11\.2026 10:00$/));
  });

  it('a time zone the till does not know is refused next to its field and changes nothing', async () => {
    core = await startTestCore();
    const wire = await core.call('settings.update', { timeZone: 'Europe/Atlantis' });
    expect(wire).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'timeZone' } } });
    expect((await core.ok('settings.get', {})).timeZone).toBe('Europe/Tallinn');
  });

  it('the shop day follows the time zone: a card payment is cancelled only on its own day there', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { timeZone: 'Pacific/Kiritimati' }); // UTC+14: 10:00 UTC is 00:00 the next day
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    const paid = await core.ok('receipt.pay', { receiptId: r.id, method: 'card', amountMinor: 119 });
    core.clock.advance(9 * 60 * 60 * 1000); // 19:00 UTC: still the same day in Kiritimati, the next one in Tallinn
    const removed = await core.ok('receipt.removePayment', { receiptId: r.id, paymentId: paid.payments[0]!.id });
    expect(removed.payments).toEqual([]);
  });

  it('a till upgraded from an earlier version keeps printing the shop it printed', async () => {
    const dir = tempDir('till-shop-upgrade-');
    dirs.push(dir);
    copyFileSync(join(APP_ROOT, 'test', 'fixtures', 'landed-v4', 'till.sqlite'), join(dir.path, 'till.sqlite'));
    // Ids of its own: the fixture's were made by a counter too.
    core = await startTestCore({ dataDir: dir.path, printer: { kind: 'none' }, ids: sequentialIds('new') });
    const settings = await core.ok('settings.get', {});
    expect(settings).toMatchObject({
      shopName: 'Demo Pood OÜ',
      shopAddress: 'Tartu mnt 1, 10115 Tallinn',
      receiptHeader: ['Reg. 12345678 · KMKR EE123456789'],
      tillName: 'Kassa 1',
      timeZone: 'Europe/Tallinn',
    });
    const expected = JSON.parse(readFileSync(join(APP_ROOT, 'test', 'fixtures', 'landed-v4', 'expected.json'), 'utf8')) as {
      printedAfterStart: string[];
    };
    const oldHeader = expected.printedAfterStart[0]!.split('\n').slice(0, 3);
    const id = await sell('1002');
    const [paper] = outboxOf<{ shopName: string }>(core.db, 'print.receipt', id);
    expect(paper!.payload.shopName).toBe('Demo Pood OÜ');
    expect((await preview(id)).slice(0, 3)).toEqual(oldHeader);
  });
});

describe('a confirmed receipt is closed from every side', () => {
  it("a draft's row or payment cannot be moved into a confirmed receipt", async () => {
    core = await startTestCore();
    const confirmed = await sell();
    const draft = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: draft.id, code: '1002' });
    await core.ok('receipt.pay', { receiptId: draft.id, method: 'cash', amountMinor: 100 });
    expect(() => core.db.prepare(`UPDATE receipt_rows SET receipt_id = ? WHERE receipt_id = ?`).run(confirmed, draft.id)).toThrow(/receipt is confirmed/);
    expect(() => core.db.prepare(`UPDATE payments SET receipt_id = ? WHERE receipt_id = ?`).run(confirmed, draft.id)).toThrow(/receipt is confirmed/);
    expect(() => core.db.prepare(`DELETE FROM outbox WHERE document_id = ?`).run(confirmed)).toThrow(/receipt is confirmed/);
    const view = await core.ok('receipt.get', { receiptId: confirmed });
    expect(view.rows).toHaveLength(1);
  });
});
