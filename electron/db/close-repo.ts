import type { Db } from './open.js';
import type { CountItem, InventoryRow } from '../domain/close-inventory.js';
import type { DayFigures } from '../domain/day-close.js';

/** What the close counts and writes beside the cash: the stock count and the totals per cashier. */

/** The listed articles (by code) of a warehouse, with what its stock says now; unknown codes are left out. */
export function countItems(db: Db, warehouseCode: string, codes: readonly string[]): CountItem[] {
  if (codes.length === 0) return [];
  const find = db.prepare(
    `SELECT a.id AS articleId, a.code, a.name, a.unit,
            coalesce((SELECT s.quantity_milli FROM stock s WHERE s.warehouse_code = ? AND s.article_id = a.id), 0) AS expectedMilli
       FROM articles a WHERE a.code = ?`,
  );
  const seen = new Set<string>();
  const items: CountItem[] = [];
  for (const code of codes) {
    const item = find.get(warehouseCode, code) as CountItem | undefined;
    if (item && !seen.has(item.articleId)) {
      seen.add(item.articleId);
      items.push(item);
    }
  }
  return items;
}

/** The close's inventory document; the stock becomes what was counted. Call inside the closing transaction. */
export function insertInventory(db: Db, inv: { id: string; dayId: string; warehouseCode: string; now: string; rows: readonly InventoryRow[] }): void {
  db.prepare(`INSERT INTO inventories (id, day_id, warehouse_code, created_at) VALUES (?, ?, ?, ?)`).run(inv.id, inv.dayId, inv.warehouseCode, inv.now);
  const row = db.prepare(
    `INSERT INTO inventory_rows (inventory_id, line_no, article_id, code, name, unit, expected_milli, counted_milli, counted, difference_milli)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const stock = db.prepare(
    `INSERT INTO stock (warehouse_code, article_id, quantity_milli) VALUES (?, ?, ?)
     ON CONFLICT (warehouse_code, article_id) DO UPDATE SET quantity_milli = excluded.quantity_milli`,
  );
  inv.rows.forEach((r, i) => {
    row.run(inv.id, i + 1, r.articleId, r.code, r.name, r.unit, r.expectedMilli, r.countedMilli, r.counted ? 1 : 0, r.differenceMilli);
    stock.run(inv.warehouseCode, r.articleId, r.countedMilli);
  });
}

/** A closed day's inventory, as it was written. */
export function inventoryOf(db: Db, dayId: string): InventoryRow[] {
  const rows = db
    .prepare(
      `SELECT r.article_id AS articleId, r.code, r.name, r.unit, r.expected_milli AS expectedMilli, r.counted_milli AS countedMilli,
              r.counted, r.difference_milli AS differenceMilli
         FROM inventories i JOIN inventory_rows r ON r.inventory_id = i.id WHERE i.day_id = ? ORDER BY r.line_no`,
    )
    .all(dayId) as (Omit<InventoryRow, 'counted'> & { counted: number })[];
  return rows.map((r) => ({ ...r, counted: r.counted === 1 }));
}

/** The day's documents by type, payments by method and cash movements by kind: everyone's (cashier null) or one cashier's. */
export function daySummary(db: Db, dayId: string, cashier: string | null) {
  const documents = db
    .prepare(
      `SELECT doc_type AS type, count(*) AS count, sum(total_minor) AS totalMinor FROM receipts
        WHERE day_id = @dayId AND status = 'confirmed' AND doc_type IN ('receipt', 'credit_note') AND (@cashier IS NULL OR cashier = @cashier)
        GROUP BY doc_type ORDER BY doc_type DESC`,
    )
    .all({ dayId, cashier }) as { type: 'receipt' | 'credit_note'; count: number; totalMinor: number }[];
  const tenders = db
    .prepare(
      `SELECT t.method, sum(t.amount_minor) AS amountMinor FROM receipts r JOIN document_tenders t ON t.document_id = r.id
        WHERE r.day_id = @dayId AND r.status = 'confirmed' AND r.doc_type IN ('receipt', 'credit_note') AND (@cashier IS NULL OR r.cashier = @cashier)
        GROUP BY t.method ORDER BY CASE t.method WHEN 'cash' THEN 1 WHEN 'card' THEN 2 WHEN 'transfer' THEN 3 ELSE 4 END`,
    )
    .all({ dayId, cashier }) as { method: string; amountMinor: number }[];
  const movements = db
    .prepare(
      `SELECT kind, count(*) AS count, sum(amount_minor) AS amountMinor FROM cash_movements
        WHERE day_id = @dayId AND (@cashier IS NULL OR cashier = @cashier) GROUP BY kind ORDER BY kind`,
    )
    .all({ dayId, cashier }) as { kind: 'cash_in' | 'cash_out' | 'difference'; count: number; amountMinor: number }[];
  return { cashier, documents, tenders, movements };
}

/** The day's documents per cashier who confirmed them (documents from before cashiers were recorded: ''). */
export function cashierFigures(db: Db, dayId: string): DayFigures['cashiers'] {
  return db
    .prepare(
      `SELECT coalesce(cashier, '') AS name, count(*) AS count, sum(total_minor) AS totalMinor FROM receipts
        WHERE day_id = ? AND status = 'confirmed' AND doc_type IN ('receipt', 'credit_note')
        GROUP BY coalesce(cashier, '') ORDER BY coalesce(cashier, '')`,
    )
    .all(dayId) as DayFigures['cashiers'];
}
