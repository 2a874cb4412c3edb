import { writeFile } from 'node:fs/promises';
import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { accountProblem, commodityProblem, isMoney } from './hledger-json.js';

/**
 * The head of a new journal for the till. `hledger check -s` (strict) wants every account and
 * commodity declared, and hledger-web cannot add directives, so they are written once, up front.
 * The `commodity 1,000.00 EUR` directive also fixes how amounts are shown.
 */
export function journalPreamble(accounts: readonly string[], currency: string, goods: readonly string[] = []): string {
  if (!isMoney(currency)) throw new Error(`currency "${currency}" is not a three-letter code`);
  const lines = ['; The till’s journal: commodities and accounts declared for hledger check -s.', `commodity 1,000.00 ${currency}`];
  for (const code of sortedUnique(goods)) {
    const bad = commodityProblem(code);
    if (bad) throw new Error(bad);
    // Goods move in thousandths; hledger needs a symbol with digits or signs quoted.
    lines.push(`commodity 1,000.000 ${quoteCommodity(code)}`);
  }
  for (const account of sortedUnique(accounts)) {
    const bad = accountProblem(account);
    if (bad) throw new Error(bad);
    lines.push(`account ${account}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** hledger writes a symbol bare when it is letters only, else in double quotes. */
export const quoteCommodity = (code: string): string => (/^\p{L}+$/u.test(code) ? code : `"${code}"`);

/** Every account the documents post to. */
export const ledgerAccounts = (docs: readonly LedgerDocument[]): string[] => sortedUnique(docs.flatMap((d) => d.postings.map((p) => p.account)));

/** Every goods commodity (an article's code) the documents move. */
export const ledgerGoods = (docs: readonly LedgerDocument[]): string[] =>
  sortedUnique(docs.flatMap((d) => d.postings.map((p) => p.commodity)).filter((c) => !isMoney(c)));

/** Writes a new journal with its preamble; refuses to overwrite one (a journal is the books). */
export async function writeNewJournal(file: string, accounts: readonly string[], currency: string, goods: readonly string[] = []): Promise<void> {
  await writeFile(file, journalPreamble(accounts, currency, goods), { flag: 'wx', mode: 0o600 });
}

const sortedUnique = (items: readonly string[]): string[] => [...new Set(items)].sort();
