import type { ReceiptView } from '../../../electron/contract/api.js';
import type { TestCore } from '../../support/core.js';

/** A draft with one row of article 1001 (Piim) re-priced to `priceMinor`, to reach any total. */
export async function receiptOf(core: TestCore, priceMinor: number): Promise<ReceiptView> {
  const r = await core.ok('receipt.new', {});
  const withRow = await core.ok('receipt.addArticle', { receiptId: r.id, code: '1001' });
  const rowId = withRow.rows[0]?.id ?? '';
  return core.ok('receipt.updateRow', { receiptId: r.id, rowId, unitPriceMinor: priceMinor });
}

export const customerByCode = async (core: TestCore, code: string) => {
  const [c] = await core.ok('customer.search', { query: code, by: 'any' });
  if (!c || c.code !== code) throw new Error(`no demo customer ${code}`);
  return c;
};
