import type { ReceiptView } from '../../../electron/contract/api';
import type { RendererCore } from '../../support/renderer-core';

/** A sale made and confirmed through the core (not the screen): the codes, paid in full by `method`. */
export async function confirmedSale(
  core: RendererCore,
  codes: string[],
  { method = 'cash', customerCode }: { method?: 'cash' | 'card'; customerCode?: string } = {},
): Promise<ReceiptView> {
  let receipt = await core.ok('receipt.new', {});
  if (customerCode) receipt = await core.ok('receipt.setCustomer', { receiptId: receipt.id, customerId: core.customerId(customerCode) });
  for (const code of codes) receipt = await core.ok('receipt.addArticle', { receiptId: receipt.id, code });
  const amountMinor = method === 'cash' ? receipt.cashDueMinor : receipt.dueMinor;
  receipt = await core.ok('receipt.pay', { receiptId: receipt.id, method, amountMinor });
  return core.ok('receipt.confirm', { receiptId: receipt.id });
}
