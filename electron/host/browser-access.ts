import { chmodSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, replacePrivateFile } from './private-files.js';

/**
 * Browser mode's access link — the address and its token — survives a restart: a shop bookmarks
 * it, a kiosk browser reloads it after the till came back. The token (and the port it was served
 * on, reused when the port is not given) lives in the data directory, readable by the till's user
 * only; `--new-token` makes a new one, and every page opened with the old one is refused.
 */
export const ACCESS_FILE = 'browser-access.json';

export interface BrowserAccess {
  token: string;
  /** The port of the last start, tried first when no port is given. */
  port: number | null;
}

export interface LoadAccessOptions {
  /** Rotate: forget the kept token and make a new one. */
  newToken: boolean;
  log?: (message: string) => void;
}

/** 24 random bytes, base64url: what a kept token must still look like to be used again. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,}$/;
const newToken = () => randomBytes(24).toString('base64url');

function readAccess(file: string): BrowserAccess | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const v = JSON.parse(text) as { token?: unknown; port?: unknown };
    if (typeof v.token !== 'string' || !TOKEN_SHAPE.test(v.token)) return 'unreadable';
    const port = typeof v.port === 'number' && Number.isInteger(v.port) && v.port > 0 && v.port <= 65535 ? v.port : null;
    return { token: v.token, port };
  } catch {
    return 'unreadable';
  }
}

/** The kept access (made and kept now if there is none, or if a new token was asked for). */
export function loadBrowserAccess(dataDir: string, options: LoadAccessOptions): BrowserAccess {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, ACCESS_FILE);
  const kept = readAccess(file);
  if (typeof kept === 'object' && !options.newToken) {
    // A file an older version (or a copy) left readable by others is made private again.
    chmodSync(file, PRIVATE_FILE_MODE);
    return kept;
  }
  if (options.newToken) options.log?.('A new access token was made: links with the old one no longer open the till.');
  else if (kept === 'unreadable') options.log?.(`The access file ${file} was unreadable; a new access token was made.`);
  const access: BrowserAccess = { token: newToken(), port: typeof kept === 'object' ? kept.port : null };
  saveBrowserAccess(dataDir, access);
  return access;
}

/** Keeps the access for the next start (the port once the host listens). */
export function saveBrowserAccess(dataDir: string, access: BrowserAccess): void {
  replacePrivateFile(join(dataDir, ACCESS_FILE), `${JSON.stringify(access)}\n`);
}
