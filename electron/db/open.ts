import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to the SQLite file, or ':memory:'. */
  file: string;
  /**
   * better-sqlite3 is not N-API: Electron needs its own build (see README). The Electron shell
   * passes that binary here; under plain Node the default build is used.
   */
  nativeBinding?: string;
}

/**
 * Opens the till's database with the durability the till promises: WAL so readers never block
 * the writer, synchronous=FULL so a committed sale survives a power cut, foreign keys enforced.
 */
export function openDatabase(options: OpenOptions): Db {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') {
    db.close();
    throw new Error(`The database ${options.file} is damaged (quick_check: ${String(check)}). Restore it from a backup.`);
  }
  return db;
}
