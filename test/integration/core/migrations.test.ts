import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../electron/db/open.js';
import { DatabaseFromTheFutureError, loadMigrations, migrate } from '../../../electron/db/migrate.js';
import { APP_ROOT, tempDir } from '../../support/core.js';

const dirs: { remove(): void }[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((d) => d.remove());
});
function freshDb(): Db {
  const dir = tempDir();
  dirs.push(dir);
  const db = openDatabase({ file: join(dir.path, 'till.sqlite') });
  dbs.push(db);
  return db;
}

describe('database and migrations', () => {
  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    const db = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('migrates an empty database to the newest version once, and a second run does nothing', () => {
    const db = freshDb();
    const migrations = loadMigrations(join(APP_ROOT, 'migrations'));
    expect(migrate(db, migrations)).toEqual(migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(migrate(db, migrations)).toEqual([]);
  });

  it('a till from #2 upgrades to the complete receipt: confirmed sales, drafts and payments survive, still immutable', () => {
    const db = freshDb();
    const all = loadMigrations(join(APP_ROOT, 'migrations'));
    migrate(db, all.slice(0, 1));
    db.exec(`
      INSERT INTO articles (id, code, name, unit, price_minor, vat_rate_bp) VALUES ('a1', '1001', 'Piim', 'pcs', 119, 2200);
      INSERT INTO receipts (id, status, series_code, number, currency, created_at, updated_at, confirmed_at, total_minor)
        VALUES ('r1', 'draft', 'K', NULL, 'EUR', 't', 't', NULL, NULL);
      INSERT INTO receipt_rows (id, receipt_id, line_no, article_id, code, name, unit, quantity_milli, unit_price_minor, vat_rate_bp)
        VALUES ('w1', 'r1', 1, 'a1', '1001', 'Piim', 'pcs', 1000, 119, 2200);
      INSERT INTO payments (id, receipt_id, method, amount_minor, tendered_minor, change_minor, created_at)
        VALUES ('p1', 'r1', 'cash', 119, 200, 81, 't');
      UPDATE receipts SET status = 'confirmed', number = 1, confirmed_at = 't', total_minor = 119 WHERE id = 'r1';
      INSERT INTO receipts (id, status, series_code, currency, created_at, updated_at) VALUES ('r2', 'draft', 'K', 'EUR', 't', 't');
    `);
    expect(migrate(db, all)).toEqual(all.slice(1).map((m) => m.version));
    expect(db.prepare('SELECT id, method, amount_minor AS a, change_minor AS c, rounding_minor AS r FROM payments').all()).toEqual([
      { id: 'p1', method: 'cash', a: 119, c: 81, r: 0 },
    ]);
    expect(db.prepare('SELECT id, status, dirty, warehouse_code AS w FROM receipts ORDER BY id').all()).toEqual([
      { id: 'r1', status: 'confirmed', dirty: 0, w: null },
      { id: 'r2', status: 'draft', dirty: 0, w: null },
    ]);
    expect(() => db.prepare(`DELETE FROM payments WHERE id = 'p1'`).run()).toThrow(/receipt is confirmed/);
    expect(() => db.prepare(`INSERT INTO payments (id, receipt_id, method, amount_minor, tendered_minor, change_minor, rounding_minor, created_at)
      VALUES ('p2', 'r2', 'card', 100, 100, 0, 3, 't')`).run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('refuses a database written by a newer till', () => {
    const db = freshDb();
    db.pragma('user_version = 99');
    expect(() => migrate(db, loadMigrations(join(APP_ROOT, 'migrations')))).toThrow(DatabaseFromTheFutureError);
  });

  it('a failing migration leaves the database at the last whole version', () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(join(dir.path, 'm'));
    copyFileSync(join(APP_ROOT, 'migrations', '0001_init.sql'), join(dir.path, 'm', '0001_init.sql'));
    writeFileSync(join(dir.path, 'm', '0002_broken.sql'), 'CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;');
    const db = freshDb();
    expect(() => migrate(db, loadMigrations(join(dir.path, 'm')))).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
  });

  it('refuses migration files with gaps or bad names', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir.path, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir.path, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir.path)).toThrow(/without gaps/);
    writeFileSync(join(dir.path, '2_b.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir.path)).toThrow(/0001_name.sql/);
  });

  it('barcode lookup uses the barcode index, not a scan of the catalogue', () => {
    const db = freshDb();
    migrate(db, loadMigrations(join(APP_ROOT, 'migrations')));
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT article_id FROM article_barcodes WHERE barcode = ?')
      .all('4740010010014') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (INDEX|PRIMARY KEY)|sqlite_autoindex/);
  });
});
