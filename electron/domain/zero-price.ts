/**
 * Zero-price policy (a Directo setting): a row sold for 0 is usually a forgotten price.
 * 'none' = no warning, 'warn' = warn on save, 'forbid' = confirming is refused ("Enter the selling
 * price!"). An article may override the system setting with any of the same three values.
 */
export type ZeroPricePolicy = 'none' | 'warn' | 'forbid';

/** The price the policy looks at: a row discounted by 100 % sells for nothing as well. */
export function policyPrice(row: { unitPriceMinor: number; discountBp: number }): number {
  return row.discountBp >= 10_000 ? 0 : row.unitPriceMinor;
}

/**
 * A row whose unit price is 0: the article's own policy wins over the system's (even when the
 * article says 'none' and the system 'forbid' — free samples); a non-zero price is always 'ok'.
 */
export function zeroPriceOutcome(
  unitPriceMinor: number,
  systemPolicy: ZeroPricePolicy,
  articlePolicy: ZeroPricePolicy | null,
): 'ok' | 'warn' | 'forbid' {
  if (unitPriceMinor !== 0) return 'ok';
  const policy = articlePolicy ?? systemPolicy;
  return policy === 'none' ? 'ok' : policy;
}

/** Line numbers to warn about and to block, each in line order whatever the order of `rows`. */
export function zeroPriceCheck(
  rows: readonly { lineNo: number; unitPriceMinor: number; articlePolicy: ZeroPricePolicy | null }[],
  systemPolicy: ZeroPricePolicy,
): { warn: number[]; forbid: number[] } {
  const warn: number[] = [];
  const forbid: number[] = [];
  for (const row of [...rows].sort((a, b) => a.lineNo - b.lineNo)) {
    const outcome = zeroPriceOutcome(row.unitPriceMinor, systemPolicy, row.articlePolicy);
    if (outcome === 'warn') warn.push(row.lineNo);
    if (outcome === 'forbid') forbid.push(row.lineNo);
  }
  return { warn, forbid };
}
