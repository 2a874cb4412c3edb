import { LedgerError, type LedgerConnector } from '../../electron/devices/ledger/connector.js';
import { LedgerDocument, ledgerKey, type LedgerDocumentType } from '../../electron/usecases/ledger-document.js';

/** Documents as the till freezes them, built by hand. Money in integer cents, goods in thousandths. */
type P = [account: string, commodity: string, amount: number, comment?: string];

export function ledgerDoc(type: LedgerDocumentType, number: string, date: string, description: string, postings: P[], till = 'till1'): LedgerDocument {
  return LedgerDocument.parse({
    key: ledgerKey('shop', till, type, number),
    type,
    number,
    date,
    at: `${date}T10:00:00.000Z`,
    description,
    currency: 'EUR',
    till,
    dayId: null,
    postings: postings.map(([account, commodity, amount, comment]) => ({ account, commodity, amount, comment: comment ?? '' })),
  });
}

/** Card 20.00 + cash 5.53 rounded to 5.55 for 25.53 incl. 24 % VAT (2059 net + 494 VAT). */
export const splitSale = (number = 'K000042', date = '2025-01-03'): LedgerDocument =>
  ledgerDoc('sale', number, date, `Sale ${number} (card+cash)`, [
    ['assets:card-clearing', 'EUR', 2000],
    ['assets:cash', 'EUR', 555],
    ['income:rounding', 'EUR', -2, 'cash part 5.53 rounded to 5.55'],
    ['income:sales', 'EUR', -2059],
    ['liabilities:vat:payable', 'EUR', -494],
  ]);

/** The sale returned in full: every sign mirrored, the cash refund rounded the same way. */
export const creditNote = (sale: LedgerDocument, number = 'C000007'): LedgerDocument => ({
  ...ledgerDoc(
    'credit_note',
    number,
    sale.date,
    `Credit note ${number} for ${sale.number}`,
    sale.postings.map((p) => [p.account, p.commodity, -p.amount, p.comment]),
  ),
  creditOf: sale.key,
});

/** A description with a semicolon and a line break: both would change the journal if written as they are. */
export const cashIn = (number = 'M000003', date = '2025-01-03'): LedgerDocument =>
  ledgerDoc('cash_in', number, date, 'Cash in; float\nfrom the safe', [
    ['assets:cash', 'EUR', 5000],
    ['assets:safe', 'EUR', -5000],
  ]);

/** 2 pieces of article 1301 written off, moved as goods without a value. */
export const writeOff = (number = 'W000001', date = '2025-01-03'): LedgerDocument =>
  ledgerDoc('write_off', number, date, `Write-off ${number}: broken in the shop`, [
    ['expenses:write-off', '1301', 2000, '2 pcs'],
    ['assets:stock', '1301', -2000],
  ]);

export const ACCOUNTS = ['assets:card-clearing', 'assets:cash', 'assets:safe', 'assets:stock', 'expenses:write-off', 'income:rounding', 'income:sales', 'liabilities:vat:payable'];

/** What happened while a document was delivered, for assertions. */
export type Delivery = { result: 'posted' | 'duplicate' | 'found'; steps: string[] };

/**
 * Delivers one document the way the uploader does: post; on `unknown` look the key up and post
 * again only when it is absent; on `temporary` wait (Retry-After when given) and post again;
 * `permanent` is thrown to the caller.
 */
export async function deliver(connector: LedgerConnector, doc: LedgerDocument, maxAttempts = 10): Promise<Delivery> {
  const steps: string[] = [];
  let lookFirst = false;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      if (lookFirst) {
        const present = await connector.find(doc);
        steps.push(`find:${present}`);
        if (present) return { result: 'found', steps };
        lookFirst = false;
      }
      const result = await connector.post(doc);
      steps.push(result);
      return { result, steps };
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      steps.push(err.retryAfterMs === undefined ? err.errorClass : `${err.errorClass}:${err.retryAfterMs}`);
      if (err.errorClass === 'permanent') throw err;
      // After `unknown`, every later try starts with a lookup until one has answered.
      if (err.errorClass === 'unknown') lookFirst = true;
      await new Promise((r) => setTimeout(r, Math.min(err.retryAfterMs ?? 50, 2_000)));
    }
  }
  throw new Error(`${doc.key} not delivered after ${maxAttempts} attempts: ${steps.join(' ')}`);
}
