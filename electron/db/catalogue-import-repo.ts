import type { Unit } from '../domain/types.js';
import type { Db } from './open.js';

/** An article found by one of its barcodes, as the import compares it. */
export interface ArticleByBarcode {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

/**
 * Looks articles up by barcode, one prepared statement for the whole file (a preview of 100 000
 * rows asks 100 000 times; the barcode is the table's primary key).
 */
export function articleByBarcode(db: Db): (barcode: string) => ArticleByBarcode | null {
  const stmt = db.prepare(
    `SELECT a.id, a.code, a.name, a.unit, a.price_minor AS priceMinor, a.vat_rate_bp AS vatRateBp
       FROM article_barcodes b JOIN articles a ON a.id = b.article_id
      WHERE b.barcode = ?`,
  );
  return (barcode) => (stmt.get(barcode) as ArticleByBarcode | undefined) ?? null;
}

/** Is an article code taken (new articles are coded by their barcode)? */
export function codeTaken(db: Db): (code: string) => boolean {
  const stmt = db.prepare(`SELECT 1 FROM articles WHERE code = ?`);
  return (code) => stmt.get(code) !== undefined;
}

export interface NewArticle {
  id: string;
  code: string;
  barcode: string;
  name: string;
  unit: Unit;
  priceMinor: number;
  vatRateBp: number;
}

/**
 * The writes of one import, prepared once. Callers run them inside one transaction: the article
 * search reads these same tables (no index or cache beside them to keep in step).
 */
export function importWriter(db: Db): {
  insert(article: NewArticle): void;
  update(id: string, fields: { name: string; unit: Unit; priceMinor: number; vatRateBp: number }): void;
} {
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES (@id, @code, @name, @unit, @priceMinor, @vatRateBp)`,
  );
  const insertBarcode = db.prepare(`INSERT INTO article_barcodes (barcode, article_id) VALUES (?, ?)`);
  const updateArticle = db.prepare(
    `UPDATE articles SET name = @name, unit = @unit, price_minor = @priceMinor, vat_rate_bp = @vatRateBp WHERE id = @id`,
  );
  return {
    insert(a) {
      insertArticle.run({ id: a.id, code: a.code, name: a.name, unit: a.unit, priceMinor: a.priceMinor, vatRateBp: a.vatRateBp });
      insertBarcode.run(a.barcode, a.id);
    },
    update(id, f) {
      const changed = updateArticle.run({ id, ...f }).changes;
      // The article was matched at preview; gone since, the import no longer says what it said.
      if (changed !== 1) throw new Error(`article ${id} is gone`);
    },
  };
}
