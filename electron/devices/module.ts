import type { Channel, DeviceStatus, DevicesView, Output, ParsedInput, SettingsView } from '../contract/api.js';
import { PosError } from '../contract/errors.js';
import type { EventName, EventPayload } from '../contract/events.js';
import type { Db } from '../db/open.js';
import type { OutboxWorker } from '../effects/worker.js';
import type { CallContext } from '../usecases/context.js';
import type { Clock, DeviceSettingsPort, ShopConfig } from '../usecases/ports.js';
import { BadConnectionError, parseConnection, type Connections, type Device } from './connection.js';

export type DeviceKey = keyof DevicesView;

/** Pushes an event to the screen. */
export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** What a device module gets when it starts. */
export interface ModuleContext {
  db: Db;
  clock: Clock;
  shop: ShopConfig;
  /** The settings as stored when the till starts (a module is told of changes later). */
  settings: SettingsView;
  worker: OutboxWorker;
  emit: Emit;
  /** The device's state for the status bar. */
  status(key: DeviceKey, status: DeviceStatus): void;
  log(message: string): void;
}

/** Channels a module answers itself (its own status). */
export type ModuleHandlers = Partial<{ [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => Output<C> | Promise<Output<C>> }>;

/**
 * One device as the composition root sees it: started with the settings of the day, told when
 * they change (a new connection string swaps the device live; what it was doing waits in the
 * outbox meanwhile), asked for its status, closed at the end.
 */
export interface DeviceModule {
  readonly key: DeviceKey;
  status(): DeviceStatus;
  /** Refuses a setting this device cannot use, before anything is stored (throws a PosError). */
  check?(changes: Partial<SettingsView>): void;
  settingsChanged?(changes: Partial<SettingsView>, settings: SettingsView): Promise<void>;
  handlers?: ModuleHandlers;
  close(): Promise<void>;
}

/** A connection string as a PosError the settings screen shows next to its field. */
export function checkConnection(device: Device, text: string | undefined, options?: { knownProfiles?: readonly string[] }): void {
  const t = text?.trim();
  if (!t) return;
  try {
    parseConnection(device, t, options);
  } catch (error) {
    if (!(error instanceof BadConnectionError)) throw error;
    throw new PosError('device.bad_connection', error.message, { ...error.details, connection: t, device, reason: error.reason });
  }
}

/**
 * The connection a module starts with: the settings screen's, when it names one that can be
 * used; else the start options'. A stored setting that cannot be parsed is logged and skipped.
 */
export function startConnection<D extends Device>(
  device: D,
  stored: string,
  fallback: Connections[D],
  log: (message: string) => void,
  options?: { knownProfiles?: readonly string[] },
): Connections[D] {
  if (stored.trim() === '') return fallback;
  try {
    return parseConnection(device, stored, options);
  } catch (error) {
    log(`${device} setting "${stored}" is not usable (${error instanceof Error ? error.message : String(error)}); using the start options`);
    return fallback;
  }
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The modules' settings as one port: each checks its own connection, each acts on its own change
 * (in the background: the settings screen does not wait for a device to reconnect). `settled()`
 * resolves once every change under way is done, so the till is not closed under a switching device.
 */
export function deviceSettingsOf(modules: readonly DeviceModule[], log: (message: string) => void): DeviceSettingsPort & { settled(): Promise<void> } {
  const underway = new Set<Promise<void>>();
  return {
    check(changes) {
      for (const m of modules) m.check?.(changes);
    },
    changed(changes, settings) {
      for (const m of modules) {
        const change = m.settingsChanged?.(changes, settings).catch((error: unknown) => log(`${m.key}: ${errorText(error)}`));
        if (!change) continue;
        underway.add(change);
        void change.finally(() => underway.delete(change));
      }
    },
    async settled() {
      while (underway.size > 0) await Promise.all([...underway]);
    },
  };
}
