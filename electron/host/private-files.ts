import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * The data directory holds the shop's sales and the browser-mode access token: only the till's
 * own user may read it. Modes are given where files are created, so a umask of 022 cannot widen
 * them (a umask only ever removes bits).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the data directory (and missing parents) for the till's user only. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** A name beside `file` no other process picks, for writing before an atomic rename or link. */
export function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Writes `text` to a new private file (failing if it exists), flushed to disk. */
export function writeNewPrivateFile(file: string, text: string): void {
  const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` with `text` in one step (write beside it, then rename), so a reader — or a
 * power cut — sees the old content or the new, never half of it.
 */
export function replacePrivateFile(file: string, text: string): void {
  const temp = tempNameFor(file);
  try {
    writeNewPrivateFile(temp, text);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
