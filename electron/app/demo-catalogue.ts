import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Ids } from '../usecases/ports.js';

const DemoArticle = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  unit: z.enum(['pcs', 'kg']),
  priceMinor: z.number().int().nonnegative(),
  vatRateBp: z.number().int().min(0).max(10_000),
  barcodes: z.array(z.string().min(1).max(64)),
});
const DemoCatalogue = z.array(DemoArticle);

/** Fills an empty catalogue with the demo articles, so a fresh install can sell at once. */
export function seedDemoCatalogue(db: Db, file: string, ids: Ids): number {
  const count = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  if (count > 0) return 0;
  const articles = DemoCatalogue.parse(JSON.parse(readFileSync(file, 'utf8')));
  const insertArticle = db.prepare(
    'INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertBarcode = db.prepare('INSERT INTO article_barcodes (barcode, article_id) VALUES (?, ?)');
  db.transaction(() => {
    for (const a of articles) {
      const id = ids.next();
      insertArticle.run(id, a.code, a.name, a.unit, a.priceMinor, a.vatRateBp);
      for (const barcode of a.barcodes) insertBarcode.run(barcode, id);
    }
  }).immediate();
  return articles.length;
}
