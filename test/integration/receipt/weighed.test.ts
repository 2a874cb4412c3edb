import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptView } from '../../../electron/contract/api.js';
import { encodeWeightBarcode, gs1CheckDigit } from '../../../electron/domain/barcode.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { customerByCode } from './support.js';

let core: TestCore;
afterEach(async () => {
  await core.close();
});

// Labels as the default layouts print them (23 = PLU + grams, 24 = PLU + cents); worked by hand.
const APPLES_1250_G = '2301301012500'; // 1301 Õunad Eesti, 1.79/kg
const APPLES_3_58 = '2401301003581';
const CHOCOLATE_250_G = '2301205002508'; // 1205 is sold in pieces
const SMOKED_FISH_1_05 = '2401403001058'; // 1403 Suitsuräim, 10.99/kg
const CHOCOLATE_2_50 = '2401205002505';

async function scan(code: string): Promise<ReceiptView> {
  const r = await core.ok('receipt.new', {});
  return core.ok('receipt.addArticle', { receiptId: r.id, code });
}

describe('scale labels on the receipt', () => {
  it('a weight label for 1.250 kg of apples adds one row of 1.250 kg at the article price: 2.24', async () => {
    core = await startTestCore();
    const r = await scan(APPLES_1250_G);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ code: '1301', name: 'Õunad Eesti', unit: 'kg', quantityMilli: 1250, unitPriceMinor: 179, discountBp: 0, sumMinor: 224 });
    expect(r).toMatchObject({ status: 'modified', totalMinor: 224 });
  });

  it('a price label keeps its price to the cent: derived weight, or one unit at the label price', async () => {
    core = await startTestCore();
    // 3.58 / 1.79 = 2.000 kg exactly.
    expect((await scan(APPLES_3_58)).rows[0]).toMatchObject({ code: '1301', quantityMilli: 2000, unitPriceMinor: 179, sumMinor: 358 });
    // 1.05 / 10.99 = 0.0955… kg: 0.096 kg would be 1.06 and 0.095 kg 1.04, so 1 kg at 1.05.
    expect((await scan(SMOKED_FISH_1_05)).rows[0]).toMatchObject({ code: '1403', quantityMilli: 1000, unitPriceMinor: 105, sumMinor: 105 });
    // A piece article: one piece at the label price.
    expect((await scan(CHOCOLATE_2_50)).rows[0]).toMatchObject({ code: '1205', quantityMilli: 1000, unitPriceMinor: 250, sumMinor: 250 });
  });

  it('a wrong check digit says "scan again" and adds no row', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    for (const code of ['2301301012501', '4740010012019', '036000291453', '96385075']) {
      expect(await core.call('receipt.addArticle', { receiptId: r.id, code })).toMatchObject({
        ok: false,
        error: { code: 'barcode.invalid_check_digit', details: { code } },
      });
    }
    expect((await core.ok('receipt.get', { receiptId: r.id })).rows).toEqual([]);
  });

  it("an article's own barcode wins over a label that reads the same", async () => {
    core = await startTestCore();
    core.db.prepare(`INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES ('own', '9001', 'Kook (oma kood)', 'pcs', 450, 2200)`).run();
    core.db.prepare(`INSERT INTO article_barcodes (barcode, article_id) VALUES (?, 'own')`).run(APPLES_1250_G);
    expect((await scan(APPLES_1250_G)).rows[0]).toMatchObject({ code: '9001', quantityMilli: 1000, sumMinor: 450 });
  });

  it("the customer's price formula applies to a weight label, not to a price label", async () => {
    core = await startTestCore();
    let r = await core.ok('receipt.new', {});
    const staff = await customerByCode(core, 'C001'); // Staff −10 %
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: staff.id });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES_1250_G });
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES_3_58 });
    // 1.25 × 1.79 × 0.9 = 2.01375 → 2.01, 0.23 off; the label's 3.58 is final.
    expect(r.rows.map((x) => [x.quantityMilli, x.unitPriceMinor, x.discountBp, x.sumMinor, x.discountMinor])).toEqual([
      [1250, 179, 1000, 201, 23],
      [2000, 179, 0, 358, 0],
    ]);
    expect(r.totalMinor).toBe(559);
  });

  it('a customer picked after a price label leaves the label price alone', async () => {
    core = await startTestCore();
    let r = await scan(SMOKED_FISH_1_05);
    r = await core.ok('receipt.addArticle', { receiptId: r.id, code: APPLES_1250_G });
    const staff = await customerByCode(core, 'C001'); // Staff −10 %
    r = await core.ok('receipt.setCustomer', { receiptId: r.id, customerId: staff.id });
    expect(r.rows.map((x) => [x.unitPriceMinor, x.discountBp, x.sumMinor])).toEqual([
      [105, 0, 105], // the label's 1.05 stays
      [179, 1000, 201], // the weight label is re-priced like any row
    ]);
  });

  it('refuses labels it cannot sell: unknown PLU, grams on a piece article, 0 g', async () => {
    core = await startTestCore();
    const r = await core.ok('receipt.new', {});
    const refused = async (code: string) => {
      const wire = await core.call('receipt.addArticle', { receiptId: r.id, code });
      return wire.ok ? null : wire.error;
    };
    expect(await refused('2309999010006')).toMatchObject({ code: 'article.not_found', details: { code: '2309999010006' } });
    expect(await refused(CHOCOLATE_250_G)).toMatchObject({ code: 'article.not_found', details: { code: CHOCOLATE_250_G } });
    expect(await refused('2301301000002')).toMatchObject({ code: 'quantity.invalid' });
    // A label prefix the shop has not set up is just an unknown code.
    expect(await refused('2201301012503')).toMatchObject({ code: 'article.not_found' });
    expect((await core.ok('receipt.get', { receiptId: r.id })).rows).toEqual([]);
  });

  it("reads the shop's own layouts from the settings, price/measure verifier included", async () => {
    core = await startTestCore();
    const layout = { prefix: '27', itemDigits: 5, kind: 'price', verifier: true } as const;
    await core.ok('settings.update', { weightBarcodes: [layout] });
    const label = encodeWeightBarcode(layout, '01302', 745); // bananas, 7.45
    expect((await scan(label)).rows[0]).toMatchObject({ code: '1302', quantityMilli: 5000, unitPriceMinor: 149, sumMinor: 745 });
    // Same value, verifier digit off by one and the EAN check digit made right again: a misread.
    const data = `${label.slice(0, 7)}${(Number(label[7]) + 1) % 10}${label.slice(8, 12)}`;
    const r = await core.ok('receipt.new', {});
    expect(await core.call('receipt.addArticle', { receiptId: r.id, code: `${data}${gs1CheckDigit(data)}` })).toMatchObject({
      ok: false,
      error: { code: 'barcode.invalid_check_digit' },
    });
    // The default 23 layout is gone with the new settings.
    expect(await core.call('receipt.addArticle', { receiptId: r.id, code: APPLES_1250_G })).toMatchObject({ ok: false, error: { code: 'article.not_found' } });
  });

  it('a weighed sale confirms and takes the weight out of stock', async () => {
    core = await startTestCore();
    const r = await scan(APPLES_1250_G); // 15.5 kg of apples in MAIN
    expect(r.rows[0]).toMatchObject({ stockMilli: 15_500 });
    await core.ok('receipt.pay', { receiptId: r.id, method: 'cash', amountMinor: 500 });
    await core.ok('receipt.confirm', { receiptId: r.id });
    const [hit] = await core.ok('article.search', { query: '1301', limit: 1 });
    expect(hit).toMatchObject({ code: '1301', stockMilli: 14_250 });
  });
});
