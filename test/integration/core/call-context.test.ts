import { afterEach, describe, expect, it } from 'vitest';
import { outboxOf, startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

/** Counts the statements the core prepares that read the settings table, while `fn` runs. */
async function settingsReads(fn: () => Promise<unknown>): Promise<number> {
  const prepare = core.db.prepare.bind(core.db);
  let reads = 0;
  core.db.prepare = ((sql: string) => {
    if (/FROM settings/i.test(sql)) reads += 1;
    return prepare(sql);
  }) as typeof core.db.prepare;
  try {
    await fn();
  } finally {
    core.db.prepare = prepare;
  }
  return reads;
}

describe('every call has its context: the actor, the time, the settings read once', () => {
  it('F12 reads the settings once, however many rules it checks', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 200 });
    expect(await settingsReads(() => core.ok('receipt.confirm', { receiptId: r.id }))).toBe(1);
    // A call that needs no settings reads none.
    expect(await settingsReads(() => core.ok('reference.lists', {}))).toBe(0);
  });

  it('the cashier printed is the actor: the till, carrying the cashier name set on the settings screen', async () => {
    core = await startTestCore();
    await core.ok('settings.update', { cashierName: 'Kati Kask' });
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 200 });
    await core.ok('receipt.confirm', { receiptId: r.id });
    expect(outboxOf<{ cashier: string }>(core.db, 'print.receipt', r.id)[0]?.payload.cashier).toBe('Kati Kask');
  });

  it('a change on the settings screen acts on the next call', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' }); // 1.19
    expect((await core.ok('receipt.get', { receiptId: r.id })).cashDueMinor).toBe(120);
    await core.ok('settings.update', { cashRounding: 'none' });
    expect((await core.ok('receipt.get', { receiptId: r.id })).cashDueMinor).toBe(119);
  });

  it('the time of a call is when it started: what it records carries that time', async () => {
    core = await startTestCore();
    core.clock.advance(90_000);
    const r = await core.ok('receipt.new', {});
    expect(r.createdAt).toBe('2026-11-22T10:01:30.000Z');
  });
});
