import type { ArticleHit, CustomerView, ReferenceLists } from '../contract/api.js';
import type { Db } from './open.js';

/** The short lists the receipt's drop-downs offer; small enough to send whole. */
export function referenceLists(db: Db): ReferenceLists {
  return {
    series: db.prepare(`SELECT code, name, prefix FROM number_series ORDER BY code`).all() as ReferenceLists['series'],
    warehouses: db.prepare(`SELECT code, name FROM warehouses ORDER BY code`).all() as ReferenceLists['warehouses'],
    objects: db.prepare(`SELECT code, name FROM objects ORDER BY code`).all() as ReferenceLists['objects'],
    salespeople: db.prepare(`SELECT code, name FROM salespeople ORDER BY name`).all() as ReferenceLists['salespeople'],
    priceFormulas: db
      .prepare(`SELECT code, name, discount_bp AS discountBp, price_list_code AS priceListCode FROM price_formulas ORDER BY code`)
      .all() as ReferenceLists['priceFormulas'],
  };
}

/** Salesperson names by code, for the printout (F12 reads only this, not every list). */
export function salespersonNames(db: Db): Map<string, string> {
  const rows = db.prepare(`SELECT code, name FROM salespeople`).all() as { code: string; name: string }[];
  return new Map(rows.map((p) => [p.code, p.name]));
}

export const exists = (db: Db, table: 'number_series' | 'warehouses' | 'objects' | 'salespeople', code: string): boolean =>
  db.prepare(`SELECT 1 FROM ${table} WHERE code = ?`).get(code) !== undefined;

/** LIKE with the user's text taken literally. */
const likeArg = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The article index: exact code or barcode first, then codes and names containing the text.
 * Stock is that of the given warehouse.
 */
export function searchArticles(db: Db, query: string, limit: number, warehouseCode: string): ArticleHit[] {
  return db
    .prepare(
      `SELECT a.id, a.code, a.name, a.unit, a.price_minor AS priceMinor, a.vat_rate_bp AS vatRateBp,
              a.image_url AS imageUrl,
              (SELECT min(b.barcode) FROM article_barcodes b WHERE b.article_id = a.id) AS barcode,
              (SELECT s.quantity_milli FROM stock s WHERE s.article_id = a.id AND s.warehouse_code = @warehouse) AS stockMilli
         FROM articles a
        WHERE a.active = 1
          AND (@query = '' OR a.code = @query OR a.name LIKE @like ESCAPE '\\' OR a.code LIKE @like ESCAPE '\\'
               OR a.id IN (SELECT article_id FROM article_barcodes WHERE barcode = @query OR barcode LIKE @like ESCAPE '\\'))
        ORDER BY (a.code = @query OR a.id IN (SELECT article_id FROM article_barcodes WHERE barcode = @query)) DESC,
                 (a.name LIKE @prefix ESCAPE '\\') DESC, a.name COLLATE NOCASE
        LIMIT @limit`,
    )
    .all({ query, like: likeArg(query), prefix: `${likeArg(query).slice(1)}`, limit, warehouse: warehouseCode }) as ArticleHit[];
}

const CUSTOMER_COLUMNS = `c.id, c.code, c.name, c.id_code AS idCode, c.phone, c.email, c.address, c.vat_no AS vatNo,
  c.price_formula_code AS priceFormulaCode, f.name AS priceFormulaName, coalesce(f.discount_bp, 0) AS discountBp`;

/** Phone numbers compare by their digits: "+372 5555 1234" finds "55551234". */
const digits = (text: string) => text.replace(/\D/g, '');

export function searchCustomers(db: Db, query: string, by: 'any' | 'phone' | 'idCode'): CustomerView[] {
  const from = `FROM customers c LEFT JOIN price_formulas f ON f.code = c.price_formula_code`;
  if (by === 'idCode') {
    return db.prepare(`SELECT ${CUSTOMER_COLUMNS} ${from} WHERE c.id_code = ? ORDER BY c.name`).all(query) as CustomerView[];
  }
  const phoneDigits = digits(query);
  const phoneMatch = `(length(@digits) >= 5 AND replace(replace(replace(replace(c.phone, ' ', ''), '+', ''), '-', ''), '(', '') LIKE '%' || @digits)`;
  if (by === 'phone') {
    return db.prepare(`SELECT ${CUSTOMER_COLUMNS} ${from} WHERE ${phoneMatch} ORDER BY c.name LIMIT 50`).all({ digits: phoneDigits }) as CustomerView[];
  }
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS} ${from}
        WHERE @query = '' OR c.code = @query OR c.id_code = @query OR c.name LIKE @like ESCAPE '\\'
              OR c.code LIKE @like ESCAPE '\\' OR ${phoneMatch}
        ORDER BY (c.code = @query OR c.id_code = @query) DESC, c.name COLLATE NOCASE LIMIT 50`,
    )
    .all({ query, like: likeArg(query), digits: phoneDigits }) as CustomerView[];
}

export function findCustomer(db: Db, id: string): CustomerView | null {
  const row = db
    .prepare(`SELECT ${CUSTOMER_COLUMNS} FROM customers c LEFT JOIN price_formulas f ON f.code = c.price_formula_code WHERE c.id = ?`)
    .get(id) as CustomerView | undefined;
  return row ?? null;
}

export interface FormulaRecord {
  discountBp: number;
  priceListCode: string | null;
}

export function findFormula(db: Db, code: string): FormulaRecord | null {
  const row = db
    .prepare(`SELECT discount_bp AS discountBp, price_list_code AS priceListCode FROM price_formulas WHERE code = ?`)
    .get(code) as FormulaRecord | undefined;
  return row ?? null;
}

export function listPrice(db: Db, priceListCode: string, articleId: string): number | null {
  const row = db
    .prepare(`SELECT price_minor AS p FROM price_list_items WHERE price_list_code = ? AND article_id = ?`)
    .get(priceListCode, articleId) as { p: number } | undefined;
  return row?.p ?? null;
}
