import { SettingsView } from '../contract/api.js';
import type { Db } from './open.js';

/**
 * Settings are stored one key per row, each value as JSON. A key that is missing (or that an
 * older version wrote in a shape no longer valid) falls back to the built-in default, so adding
 * a setting never needs a migration and a bad value never stops the till.
 */
export function readSettings(db: Db, defaults: SettingsView): SettingsView {
  const stored = db.prepare(`SELECT key, value FROM settings`).all() as { key: string; value: string }[];
  const merged: Record<string, unknown> = { ...defaults };
  for (const { key, value } of stored) {
    if (!Object.hasOwn(defaults, key)) continue;
    try {
      const field = SettingsView.shape[key as keyof SettingsView].safeParse(JSON.parse(value));
      if (field.success) merged[key] = field.data;
    } catch {
      // Unreadable JSON: the default stands.
    }
  }
  return SettingsView.parse(merged);
}

export function writeSettings(db: Db, changes: Partial<SettingsView>): void {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value));
  }
}
