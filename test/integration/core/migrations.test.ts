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
