/**
 * Cash put into or taken out of the drawer during the day, on the receipt printer: the paper that
 * goes with the money (into the bag, into the safe), signed by whoever handed it over.
 */
import { formatMoney } from '../text/numbers.js';
import { ChunkWriter, writeCut, type PrintChunk } from './chunks.js';
import { formatLocalTime, preamble } from './escpos.js';
import type { PrinterProfile } from './profiles.js';
import { justify, printable, truncate, wrap } from './text.js';

export interface PrintableCashMovement {
  kind: 'cash_in' | 'cash_out';
  amountMinor: number;
  reason: string;
  shopName: string;
  tillName: string;
  cashier: string;
  at: string;
  timeZone: string;
  locale: string;
  currency: string;
}

const WORDS = {
  cash_in: 'CASH IN',
  cash_out: 'CASH OUT',
  amount: 'Amount',
  reason: 'Reason',
  till: 'Till',
  cashier: 'Cashier',
  at: 'Time',
  signature: 'Signature',
};
export type MovementWords = typeof WORDS;

export function planCashMovement(doc: PrintableCashMovement, given: Partial<MovementWords>, profile: PrinterProfile): PrintChunk[] {
  const words: MovementWords = { ...WORDS, ...given };
  const columns = profile.columns;
  const pr = (s: string): string => printable(s, profile.encoding, doc.locale);
  const line = (label: string, value: string) => justify(truncate(pr(label), columns - pr(value).length - 1), pr(value), columns);
  const out = new ChunkWriter(profile.encoding);
  out.begin('header').raw(preamble(profile));
  out.align('center').bold(true).size(1, 2);
  for (const l of wrap(pr(words[doc.kind]), columns)) out.line(l);
  out.size(1, 1).bold(false);
  for (const l of wrap(pr(doc.shopName), columns)) out.line(l);
  out.align('left').line('-'.repeat(columns));
  out.begin('movement');
  if (doc.tillName.trim()) out.line(line(words.till, doc.tillName));
  out.line(line(words.cashier, doc.cashier));
  out.line(line(words.at, formatLocalTime(doc.at, doc.timeZone)));
  out.bold(true).line(line(`${words.amount} ${doc.currency}`, formatMoney(doc.amountMinor, doc.locale))).bold(false);
  for (const l of wrap(pr(`${words.reason}: ${doc.reason}`), columns)) out.line(l);
  out.line('').line('').line(`${pr(words.signature)}: ${'_'.repeat(Math.max(4, columns - pr(words.signature).length - 2))}`);
  writeCut(out);
  return out.chunks();
}
