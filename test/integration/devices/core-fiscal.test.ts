import { afterEach, describe, expect, it } from 'vitest';
import { fiscalSimOf, outboxOf, startTestCore, type TestCore } from '../../support/core.js';
import { waitFor } from '../../support/wait.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

const fiscalSim = () => fiscalSimOf(core);

/** A Polish till: no cash rounding (PLN), the POSNET simulator as the fiscal printer. */
async function polishTill() {
  core = await startTestCore();
  await core.ok('settings.update', { cashRounding: 'none', fiscalConnection: 'posnet:sim?link=memory' });
  await waitFor(async () => (await core.ok('devices.status', {})).fiscal.state !== 'none', 'the fiscal printer');
}

async function sell(code: string, name?: string) {
  let r = await core.ok('receipt.new', {});
  r = await core.ok('receipt.addArticle', { receiptId: r.id, code });
  if (name) r = await core.ok('receipt.updateRow', { receiptId: r.id, rowId: r.rows[0]?.id ?? '', name });
  await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: r.totalMinor });
  return core.call('receipt.confirm', { receiptId: r.id });
}

describe('a fiscal printer (POSNET) set on the settings screen registers every confirmed receipt', () => {
  it('the confirmed sale reaches the fiscal printer once, with its lines and payment', async () => {
    await polishTill();
    const wire = await sell('1001');
    expect(wire.ok).toBe(true);
    await waitFor(() => fiscalSim().receipts().length === 1, 'the fiscal receipt');
    expect(fiscalSim().receipts()[0]).toMatchObject({ lines: [expect.objectContaining({ name: 'Piim 2,5% 1 l' })] });
    await waitFor(
      () => outboxOf(core.db, 'fiscal.receipt')[0]?.status === 'done',
      'the fiscal job marked done',
    );
  });

  it('the tax ladder: a rate lowered for a fiscal name may not be raised again; the till refuses before taking a number', async () => {
    await polishTill();
    expect((await sell('1001', 'Mleko 2%')).ok).toBe(true); // 24 %
    expect((await sell('1601', 'MLEKO 2 %')).ok).toBe(true); // the same fiscal name, lowered to 9 %
    const refused = await sell('1001', 'mleko 2%'); // back up to 24 %
    expect(refused).toMatchObject({ ok: false, error: { code: 'fiscal.tax_ladder', details: { name: 'mleko 2%' } } });
    const numbers = core.db.prepare(`SELECT number FROM receipts WHERE status = 'confirmed' ORDER BY number`).all();
    expect(numbers).toEqual([{ number: 1 }, { number: 2 }]);
    // A distinct fiscal name is the way out.
    expect((await sell('1001', 'Mleko 2% butelka')).ok).toBe(true);
  });

  it('a bad fiscal connection is refused with a message and changes nothing', async () => {
    core = await startTestCore();
    expect(await core.call('settings.update', { fiscalConnection: 'posnet:usb' })).toMatchObject({ ok: false, error: { code: 'device.bad_connection' } });
    expect((await core.ok('settings.get', {})).fiscalConnection).toBe('');
    expect((await core.ok('devices.status', {})).fiscal.state).toBe('none');
  });
});
