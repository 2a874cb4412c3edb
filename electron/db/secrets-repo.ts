import type { Db } from './open.js';

/**
 * Secrets (a ledger's API key or token) live beside the settings, under keys no setting has, so
 * reading the settings — which go to the screen — never carries them. They are written and used,
 * never read back to the screen.
 */
const keyOf = (name: 'ledger') => `secret:${name}`;

export function readSecret(db: Db, name: 'ledger'): string | null {
  const row = db.prepare(`SELECT value FROM settings WHERE key = ?`).get(keyOf(name)) as { value: string } | undefined;
  if (!row) return null;
  try {
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

export function writeSecret(db: Db, name: 'ledger', value: string): void {
  if (value === '') {
    db.prepare(`DELETE FROM settings WHERE key = ?`).run(keyOf(name));
    return;
  }
  db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(keyOf(name), JSON.stringify(value));
}
