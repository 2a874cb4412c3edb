import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
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

/** The shop's sales are for the till's own user only: directory 0700, database files 0600. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** A file name SQLite would treat as a real file (not ':memory:', not a temporary database). */
const isOnDisk = (file: string) => file !== ':memory:' && file !== '' && !file.startsWith('file:');

/** Makes the file private if it exists; an older till (or a copied backup) may have left it 0644. */
function makePrivate(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    // EPERM: another user's file the till may only use, not change; its owner decides who reads it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}

/**
 * Opens the till's database with the durability the till promises: WAL so readers never block
 * the writer, synchronous=FULL so a committed sale survives a power cut, foreign keys enforced.
 */
export function openDatabase(options: OpenOptions): Db {
  const onDisk = isOnDisk(options.file);
  if (onDisk) {
    mkdirSync(dirname(options.file), { recursive: true, mode: PRIVATE_DIR_MODE });
    // SQLite would create the file 0644 minus the umask, and gives -wal and -shm the mode of the
    // database file: created (empty, which SQLite takes as a new database) and kept 0600 here,
    // all three stay private whatever the umask.
    closeSync(openSync(options.file, 'a', PRIVATE_FILE_MODE));
    for (const file of [options.file, `${options.file}-wal`, `${options.file}-shm`]) makePrivate(file);
  }
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
