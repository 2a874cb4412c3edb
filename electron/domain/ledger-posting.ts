import { sumMinor } from './money.js';

/**
 * Documents as balanced double-entry transactions, from their frozen facts (integer minor units;
 * debit positive, credit negative). A sale: each payment method's money in, the sales per VAT rate
 * (net) and the VAT per rate out, the cash rounding to its own account. A credit note is the same
 * with every sign turned (its facts are negative). Cash moved during the day or at its close
 * moves between the drawer and where it went; the count's difference goes to its own account.
 */

export interface Posting {
  account: string;
  commodity: string;
  amount: number;
  comment: string;
}

/** The accounts of a shop's books; the rounding account is a setting. */
export const ACCOUNTS = {
  cash: 'assets:cash',
  card: 'assets:card-clearing',
  transfer: 'assets:bank',
  prepayment: 'liabilities:prepayments',
  sales: (rateBp: number) => `income:sales:vat ${rateText(rateBp)}`,
  vat: (rateBp: number) => `liabilities:vat:${rateText(rateBp)}`,
  /** Where cash taken out goes (or put in comes from). */
  bank: 'assets:cash-in-transit:bank',
  collection: 'assets:cash-in-transit:collection',
  safe: 'assets:safe',
  change: 'assets:safe',
  out: 'expenses:cash-paid-out',
  difference: 'expenses:cash-difference',
  stock: (warehouse: string) => `assets:inventory:${warehouse.toLowerCase()}`,
  writeOff: 'expenses:stock-written-off',
  stockDifference: 'expenses:stock-difference',
} as const;

/** 2400 → "24", 1350 → "13.5", 0 → "0": the rate as accounts name it. */
function rateText(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const rest = rateBp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

export interface SaleFacts {
  currency: string;
  vat: readonly { rateBp: number; netMinor: number; vatMinor: number }[];
  tenders: readonly { method: string; amountMinor: number }[];
  roundingMinor: number;
  roundingAccount: string;
}

const methodAccount = (method: string): string => (ACCOUNTS as Record<string, unknown>)[method] as string | undefined ?? `assets:${method}`;

/** A sale or credit note (facts that do not balance are refused by the uploader, never sent: the books would not load). */
export function saleTransaction(f: SaleFacts): Posting[] {
  const postings: Posting[] = [
    ...f.tenders.filter((t) => t.amountMinor !== 0).map((t) => ({ account: methodAccount(t.method), commodity: f.currency, amount: t.amountMinor, comment: '' })),
    ...f.vat.flatMap((v) => [
      { account: ACCOUNTS.sales(v.rateBp), commodity: f.currency, amount: -v.netMinor, comment: '' },
      ...(v.vatMinor !== 0 ? [{ account: ACCOUNTS.vat(v.rateBp), commodity: f.currency, amount: -v.vatMinor, comment: '' }] : []),
    ]),
    ...(f.roundingMinor !== 0 ? [{ account: f.roundingAccount, commodity: f.currency, amount: -f.roundingMinor, comment: 'cash rounding' }] : []),
  ];
  return postings;
}

/** Cash between the drawer and where it went (or came from): `amount` positive into the drawer. */
export function cashTransaction(currency: string, otherAccount: string, intoDrawerMinor: number, comment: string): Posting[] {
  return [
    { account: ACCOUNTS.cash, commodity: currency, amount: intoDrawerMinor, comment },
    { account: otherAccount, commodity: currency, amount: -intoDrawerMinor, comment: '' },
  ];
}

/** Goods moved without a value (its cost is the ledger's to know): out of the warehouse into `account`. */
export function goodsTransaction(warehouse: string, account: string, lines: readonly { code: string; quantityMilli: number }[]): Posting[] {
  return lines
    .filter((l) => l.quantityMilli !== 0)
    .flatMap((l) => [
      { account: ACCOUNTS.stock(warehouse), commodity: l.code, amount: -l.quantityMilli, comment: '' },
      { account, commodity: l.code, amount: l.quantityMilli, comment: '' },
    ]);
}

/** Every commodity sums to exactly zero. */
export function balanced(postings: readonly Posting[]): boolean {
  const by = new Map<string, number[]>();
  for (const p of postings) by.set(p.commodity, [...(by.get(p.commodity) ?? []), p.amount]);
  return postings.length >= 2 && [...by.values()].every((amounts) => sumMinor(amounts) === 0);
}

/** Every account the till posts to, for a ledger that wants its accounts declared up front. */
export function tillAccounts(o: { ratesBp: readonly number[]; roundingAccount: string; warehouses: readonly string[] }): string[] {
  return [
    ACCOUNTS.cash,
    ACCOUNTS.card,
    ACCOUNTS.transfer,
    ACCOUNTS.prepayment,
    ...o.ratesBp.flatMap((r) => [ACCOUNTS.sales(r), ACCOUNTS.vat(r)]),
    o.roundingAccount,
    ACCOUNTS.bank,
    ACCOUNTS.collection,
    ACCOUNTS.safe,
    ACCOUNTS.out,
    ACCOUNTS.difference,
    ...o.warehouses.map((w) => ACCOUNTS.stock(w)),
    ACCOUNTS.writeOff,
    ACCOUNTS.stockDifference,
  ].filter((a, i, all) => all.indexOf(a) === i);
}
