import { readFile } from 'node:fs/promises';
import type { LedgerDocument } from '../../usecases/ledger-document.js';

/**
 * What a journal declares (`account …`, `commodity …` directives). A journal that declares its
 * accounts is kept strict (`hledger check -s`): an entry naming an account or commodity it does
 * not declare would leave it failing that check, and hledger-web cannot add the directive. So such
 * an entry is refused before it is sent, naming what to declare. A journal that declares no
 * accounts (or no commodities) is not kept strict, and nothing is refused for that.
 */
export interface Declarations {
  accounts: ReadonlySet<string>;
  commodities: ReadonlySet<string>;
}

export async function readDeclarations(file: string): Promise<Declarations> {
  const accounts = new Set<string>();
  const commodities = new Set<string>();
  for (const line of (await readFile(file, 'utf8')).split(/\r?\n/)) {
    // An account name ends at two spaces, a tab or a comment.
    const account = /^account\s+(.+?)(?:\s{2,}|\t|\s;|$)/.exec(line);
    if (account?.[1]) accounts.add(account[1].trim());
    const commodity = /^commodity\s+(.+?)(?:\s{2,}|\t|\s;|$)/.exec(line);
    if (commodity?.[1]) {
      const symbol = symbolOf(commodity[1].trim());
      if (symbol) commodities.add(symbol);
    }
  }
  return { accounts, commodities };
}

/** `1,000.00 EUR`, `EUR 1.00`, `1. "1301"`, `€1.000,00`, `EUR` → the symbol. */
function symbolOf(text: string): string | null {
  const quoted = /"([^"]+)"/.exec(text);
  if (quoted?.[1]) return quoted[1];
  const bare = /[^\d\s.,+-]+/u.exec(text);
  return bare?.[0] ?? null;
}

/** What the document names that the journal does not declare (empty: nothing). */
export function undeclared(doc: LedgerDocument, declared: Declarations): string[] {
  const missing = new Set<string>();
  for (const p of doc.postings) {
    if (declared.accounts.size > 0 && !declared.accounts.has(p.account)) missing.add(`account ${p.account}`);
    if (declared.commodities.size > 0 && !declared.commodities.has(p.commodity)) missing.add(`commodity ${/^\p{L}+$/u.test(p.commodity) ? p.commodity : `"${p.commodity}"`}`);
  }
  return [...missing];
}
