import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

describe('receipt.setHeader checks the customer’s VAT number and e-mail address', () => {
  it('refuses a bad one with a code naming the field, and changes nothing (not even the other fields sent with it)', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});

    expect(await core.call('receipt.setHeader', { receiptId: r.id, customerName: 'Kask OÜ', vatNo: 'EE10093155' })).toEqual({
      ok: false,
      error: {
        code: 'vat_no.bad_format',
        message: expect.any(String),
        details: { field: 'vatNo', value: 'EE10093155', country: 'EE', example: 'EE101471606' },
      },
    });
    expect(await core.call('receipt.setHeader', { receiptId: r.id, vatNo: 'EE100931559' })).toMatchObject({
      ok: false,
      error: { code: 'vat_no.check_digit', details: { field: 'vatNo' } },
    });
    expect(await core.call('receipt.setHeader', { receiptId: r.id, email: 'mari@tamm,ee' })).toMatchObject({
      ok: false,
      error: { code: 'email.invalid', details: { field: 'email', value: 'mari@tamm,ee' } },
    });
    expect(await core.ok('receipt.get', { receiptId: r.id })).toMatchObject({ status: 'new', customerName: '', vatNo: '', email: '' });
  });

  it('stores a good one tidied; empty clears it', async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    r = await core.ok('receipt.setHeader', { receiptId: r.id, vatNo: ' pl 526-025-09-95 ', email: ' arved@kask.ee ' });
    expect(r).toMatchObject({ vatNo: 'PL5260250995', email: 'arved@kask.ee', status: 'modified' });
    r = await core.ok('receipt.setHeader', { receiptId: r.id, vatNo: '', email: '' });
    expect(r).toMatchObject({ vatNo: '', email: '' });
  });
});
