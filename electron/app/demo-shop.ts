import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Ids } from '../usecases/ports.js';

const Named = z.object({ code: z.string().min(1).max(32), name: z.string().min(1) });
const DemoShop = z.object({
  /** The demo shop's name, address, numbers, till and time zone, as settings. */
  identity: z.record(z.string(), z.string()),
  series: z.array(Named.extend({ prefix: z.string().min(1).max(8) })),
  warehouses: z.array(Named),
  objects: z.array(Named),
  salespeople: z.array(Named),
  priceLists: z.array(Named.extend({ items: z.array(z.object({ article: z.string(), priceMinor: z.number().int().nonnegative() })) })),
  priceFormulas: z.array(Named.extend({ discountBp: z.number().int().min(0).max(10_000), priceList: z.string().nullable() })),
  customers: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      idCode: z.string(),
      phone: z.string(),
      email: z.string(),
      address: z.string(),
      vatNo: z.string(),
      priceFormula: z.string().nullable(),
    }),
  ),
  stock: z.array(z.object({ warehouse: z.string(), article: z.string(), quantity: z.number().int() })),
  images: z.record(z.string(), z.string()),
  zeroPricePolicies: z.record(z.string(), z.enum(['none', 'warn', 'forbid'])),
  /** Articles counted at every close (a chocolate bar and a book: small, easily taken). */
  countAtClose: z.array(z.string()).default([]),
});

/**
 * The demo shop around the demo catalogue: its name and numbers, customers with price formulas, a
 * second number series and warehouse, objects, salespeople, some stock and pictures. Loaded once, into a till that has
 * no customers yet, so a newcomer can try every field of the receipt.
 */
export function seedDemoShop(db: Db, file: string, ids: Ids): boolean {
  const customers = (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  if (customers > 0) return false;
  const shop = DemoShop.parse(JSON.parse(readFileSync(file, 'utf8')));
  const articleId = (code: string): string | undefined =>
    (db.prepare('SELECT id FROM articles WHERE code = ?').get(code) as { id: string } | undefined)?.id;

  db.transaction(() => {
    const setting = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(shop.identity)) setting.run(key, JSON.stringify(value));
    setting.run('closeCountArticles', JSON.stringify(shop.countAtClose));
    for (const s of shop.series) db.prepare('INSERT OR IGNORE INTO number_series (code, prefix, next_number, name) VALUES (?, ?, 1, ?)').run(s.code, s.prefix, s.name);
    for (const w of shop.warehouses) db.prepare('INSERT OR IGNORE INTO warehouses (code, name) VALUES (?, ?)').run(w.code, w.name);
    for (const o of shop.objects) db.prepare('INSERT OR IGNORE INTO objects (code, name) VALUES (?, ?)').run(o.code, o.name);
    for (const p of shop.salespeople) db.prepare('INSERT OR IGNORE INTO salespeople (code, name) VALUES (?, ?)').run(p.code, p.name);
    for (const list of shop.priceLists) {
      db.prepare('INSERT OR IGNORE INTO price_lists (code, name) VALUES (?, ?)').run(list.code, list.name);
      for (const item of list.items) {
        const id = articleId(item.article);
        if (id) db.prepare('INSERT OR IGNORE INTO price_list_items (price_list_code, article_id, price_minor) VALUES (?, ?, ?)').run(list.code, id, item.priceMinor);
      }
    }
    for (const f of shop.priceFormulas) {
      db.prepare('INSERT OR IGNORE INTO price_formulas (code, name, discount_bp, price_list_code) VALUES (?, ?, ?, ?)').run(f.code, f.name, f.discountBp, f.priceList);
    }
    for (const c of shop.customers) {
      db.prepare(
        `INSERT OR IGNORE INTO customers (id, code, name, id_code, phone, email, address, vat_no, price_formula_code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(ids.next(), c.code, c.name, c.idCode, c.phone, c.email, c.address, c.vatNo, c.priceFormula);
    }
    for (const s of shop.stock) {
      const id = articleId(s.article);
      if (id) db.prepare('INSERT OR IGNORE INTO stock (warehouse_code, article_id, quantity_milli) VALUES (?, ?, ?)').run(s.warehouse, id, s.quantity);
    }
    for (const [code, url] of Object.entries(shop.images)) db.prepare('UPDATE articles SET image_url = ? WHERE code = ?').run(url, code);
    for (const [code, policy] of Object.entries(shop.zeroPricePolicies)) {
      db.prepare('UPDATE articles SET zero_price_policy = ? WHERE code = ?').run(policy, code);
    }
  }).immediate();
  return true;
}
