import type { LedgerDocument, LedgerPosting } from '../../usecases/ledger-document.js';

/**
 * hledger-web 1.25's Transaction JSON, built from a LedgerDocument, and the checks a document must
 * pass before it is sent. Pure: no I/O, so it is tested without a server.
 *
 * hledger-web appends whatever it is given: an unbalanced transaction or a malformed account name
 * goes into the journal, after which neither hledger nor hledger-web can load the file until a
 * person edits it. So everything that could break the journal is refused here, never sent.
 */

/** The tag that carries the document's key; lookups search for it. */
export const KEY_TAG = 'pos-id';

/** 1.25's JSON shape is version-specific (later versions renamed Amount's price fields). */
export const SUPPORTED_VERSION = /^1\.25(\.|$)/;

/** A currency is three capital letters; anything else is an article's code (goods without value). */
export const isMoney = (commodity: string): boolean => /^[A-Z]{3}$/.test(commodity);

/** Money in minor units (2 places), goods in thousandths (3 places). */
export const placesOf = (commodity: string): number => (isMoney(commodity) ? 2 : 3);

export type HledgerAmount = {
  acommodity: string;
  aquantity: { decimalMantissa: number; decimalPlaces: number };
  astyle: { ascommodityside: 'R'; ascommodityspaced: true; asprecision: number };
};

export type HledgerPosting = {
  paccount: string;
  pamount: HledgerAmount[];
  pcomment: string;
  pstatus: 'Unmarked';
  ptags: [string, string][];
  ptype: 'RegularPosting';
};

export type HledgerTransaction = {
  tdate: string;
  tdate2: null;
  tstatus: 'Cleared';
  tcode: string;
  tdescription: string;
  tcomment: string;
  ttags: [string, string][];
  tprecedingcomment: string;
  tindex: 0;
  tsourcepos: [SourcePos, SourcePos];
  tpostings: HledgerPosting[];
};

type SourcePos = { sourceName: string; sourceLine: number; sourceColumn: number };

/**
 * Why a document cannot go into an hledger journal, or null when it can. Each rule guards against
 * a journal that hledger would no longer parse, or a key that a lookup could not find again.
 */
export function hledgerProblem(doc: LedgerDocument): string | null {
  if (!isRealDate(doc.date)) return `date ${doc.date} is not a calendar day`;
  // A tag value ends at a comma or the line's end; a key with either could never be found again.
  if (!/^[^\s,;]+$/.test(doc.key)) return `key "${doc.key}" has a space, comma or semicolon (it could not be looked up)`;
  if (doc.postings.length < 2) return 'fewer than two postings';
  for (const p of doc.postings) {
    const bad = accountProblem(p.account) ?? commodityProblem(p.commodity);
    if (bad) return bad;
    if (!Number.isSafeInteger(p.amount)) return `amount ${p.amount} on ${p.account} is not an integer of minor units`;
  }
  const sums = balanceByCommodity(doc.postings);
  for (const [commodity, sum] of sums) {
    if (sum !== 0n) return `postings do not balance: ${commodity} sums to ${sum} (${isMoney(commodity) ? 'minor units' : 'thousandths'})`;
  }
  return null;
}

/** Per commodity, the postings' sum in integer units (BigInt: a long list of large amounts cannot lose a unit). */
export function balanceByCommodity(postings: readonly LedgerPosting[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const p of postings) sums.set(p.commodity, (sums.get(p.commodity) ?? 0n) + BigInt(p.amount));
  return sums;
}

/**
 * hledger ends an account name at two spaces or a tab, reads brackets around it as a virtual
 * posting and a newline as the next line: any of these would change what the journal says.
 */
export function accountProblem(account: string): string | null {
  if (account.trim() === '') return 'an account name is empty';
  if (account.length > 200) return `account name longer than 200 characters: ${account.slice(0, 40)}…`;
  if (account !== account.trim()) return `account "${account}" starts or ends with a space`;
  if (/ {2}|[\t\r\n]/.test(account)) return `account "${account}" has two spaces in a row, a tab or a line break`;
  if (/^[([]|[)\]]$/.test(account)) return `account "${account}" starts or ends with a bracket (a virtual posting to hledger)`;
  if (account.includes(';')) return `account "${account}" has a semicolon (a comment to hledger)`;
  return null;
}

/** hledger quotes a commodity symbol with digits or signs in it; a double quote or line break cannot be quoted. */
export function commodityProblem(commodity: string): string | null {
  if (commodity === '' || /["\r\n\t]/.test(commodity)) return `commodity "${commodity}" cannot be written in a journal`;
  return null;
}

/** The transaction as hledger-web 1.25's PUT /add takes it. Call hledgerProblem first. */
export function toHledgerTransaction(doc: LedgerDocument): HledgerTransaction {
  const pos: SourcePos = { sourceName: '', sourceLine: 1, sourceColumn: 1 };
  return {
    tdate: doc.date,
    tdate2: null,
    tstatus: 'Cleared',
    // The code is written inside parentheses: a closing one would end it early.
    tcode: oneLine(doc.number).replace(/[()]/g, ''),
    // In a journal, a semicolon after the description starts the comment (and would swallow ours).
    tdescription: oneLine(doc.description).replace(/;/g, ','),
    tcomment: `${KEY_TAG}:${doc.key}`,
    ttags: [[KEY_TAG, doc.key]],
    tprecedingcomment: '',
    tindex: 0,
    tsourcepos: [pos, pos],
    tpostings: doc.postings.map((p) => ({
      paccount: p.account,
      pamount: [amountOf(p.commodity, p.amount)],
      pcomment: oneLine(p.comment),
      pstatus: 'Unmarked',
      ptags: [],
      ptype: 'RegularPosting',
    })),
  };
}

function amountOf(commodity: string, units: number): HledgerAmount {
  const places = placesOf(commodity);
  // The mantissa is the integer itself: hledger reads it as an exact decimal, no float in between.
  return {
    acommodity: commodity,
    aquantity: { decimalMantissa: units, decimalPlaces: places },
    astyle: { ascommodityside: 'R', ascommodityspaced: true, asprecision: places },
  };
}

/** A line break in a description or comment would start a new journal line. */
const oneLine = (text: string): string => text.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();

function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Does an hledger JSON transaction carry this key in its tag? (Exact match: a regex query may match more.) */
export function hasKeyTag(tx: unknown, key: string): boolean {
  const tags = (tx as { ttags?: unknown } | null)?.ttags;
  return Array.isArray(tags) && tags.some((t) => Array.isArray(t) && t[0] === KEY_TAG && t[1] === key);
}
