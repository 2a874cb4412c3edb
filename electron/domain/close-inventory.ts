/**
 * The stock count at close: the location's articles that must be counted, each with what the
 * stock says now. What is counted becomes the stock; an article nobody counted is taken as none
 * left (the screen warns before the close). Quantities are integer thousandths.
 */

export interface CountItem {
  articleId: string;
  code: string;
  name: string;
  unit: string;
  /** What the stock says now (thousandths; can be negative when more was sold than booked in). */
  expectedMilli: number;
}

export interface InventoryRow extends CountItem {
  countedMilli: number;
  /** false: nobody counted it, so it counts as zero. */
  counted: boolean;
  /** counted − expected. */
  differenceMilli: number;
}

export type InventoryRefusal = { reason: 'not_on_list' | 'negative' | 'not_whole' | 'twice'; articleId: string };

/** The inventory of a close: every listed article, counted or set to zero; a count of anything else is refused. */
export function countInventory(
  items: readonly CountItem[],
  counts: readonly { articleId: string; countedMilli: number }[],
): { ok: true; rows: InventoryRow[]; uncounted: number } | ({ ok: false } & InventoryRefusal) {
  const listed = new Set(items.map((i) => i.articleId));
  const units = new Map(items.map((i) => [i.articleId, i.unit]));
  const counted = new Map<string, number>();
  for (const c of counts) {
    if (!listed.has(c.articleId)) return { ok: false, reason: 'not_on_list', articleId: c.articleId };
    if (counted.has(c.articleId)) return { ok: false, reason: 'twice', articleId: c.articleId };
    if (!Number.isSafeInteger(c.countedMilli)) return { ok: false, reason: 'not_whole', articleId: c.articleId };
    if (c.countedMilli < 0) return { ok: false, reason: 'negative', articleId: c.articleId };
    // Pieces are counted whole; weighed goods to the gram.
    if (units.get(c.articleId) === 'pcs' && c.countedMilli % 1000 !== 0) return { ok: false, reason: 'not_whole', articleId: c.articleId };
    counted.set(c.articleId, c.countedMilli);
  }
  const rows = items.map((item): InventoryRow => {
    const countedMilli = counted.get(item.articleId);
    const value = countedMilli ?? 0;
    return { ...item, countedMilli: value, counted: countedMilli !== undefined, differenceMilli: value - item.expectedMilli };
  });
  return { ok: true, rows, uncounted: rows.filter((r) => !r.counted).length };
}
