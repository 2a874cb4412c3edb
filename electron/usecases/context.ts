import type { SettingsView } from '../contract/api.js';
import type { Db } from '../db/open.js';
import { readSettings } from '../db/settings-repo.js';
import type { Clock, ShopConfig } from './ports.js';
import { defaultSettings } from './settings-defaults.js';

/**
 * Who acts. Until staff sign in, every call is made by the till itself, carrying the cashier name
 * of the settings (printed on receipts); staff will be actors of their own.
 */
export interface Actor {
  kind: 'till';
  id: string;
  /** Printed as the cashier. */
  name: string;
}

/**
 * What every handler gets with its input: who acts, when the call started, the settings as they
 * were when it started (read once per call), and the language of what the core writes for people
 * (printouts).
 */
export interface CallContext {
  readonly actor: Actor;
  /** ISO-8601 instant the call started: the time of what the call records. */
  readonly now: string;
  readonly settings: SettingsView;
  readonly locale: string;
}

/**
 * A new context per call. Settings are read on first use and kept for the rest of the call, so a
 * change on the settings screen acts on the next call and never halfway through one.
 */
export function callContext(deps: { db: Db; clock: Clock; shop: ShopConfig }): CallContext {
  let settings: SettingsView | null = null;
  const read = (): SettingsView => (settings ??= readSettings(deps.db, defaultSettings(deps.shop)));
  const now = deps.clock.now().toISOString();
  return {
    now,
    locale: deps.shop.locale,
    get settings() {
      return read();
    },
    get actor(): Actor {
      return { kind: 'till', id: deps.shop.tillName, name: read().cashierName };
    },
  };
}
