import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files; numbers must run 1, 2, 3 … with no gap or duplicate. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = FILE.exec(f);
      if (!m) throw new Error(`Migration file name must look like 0001_name.sql: ${f}`);
      return { version: Number(m[1]), name: m[2] ?? '', sql: readFileSync(join(dir, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n without gaps: found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

export class DatabaseFromTheFutureError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(`This database was written by a newer version of the till (schema ${found}; this version knows ${known}). Update the till.`);
  }
}

/**
 * Brings the schema to the newest version. Each migration runs in its own transaction together
 * with `PRAGMA user_version = N`, so a crash leaves the database at a whole version.
 * Returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.length;
  if (current > newest) throw new DatabaseFromTheFutureError(current, newest);
  const applied: number[] = [];
  // A migration may rebuild a table others refer to (SQLite cannot alter a CHECK): foreign keys
  // are off while it runs, as SQLite's own procedure asks, and every reference is checked before
  // its transaction commits instead.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations.slice(current)) {
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) throw new Error(`migration ${m.version} leaves ${broken[0]?.table} referring to missing ${broken[0]?.parent} rows`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
      applied.push(m.version);
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return applied;
}
