import type { DeviceStatus, DevicesView } from '../contract/api.js';
import type { DeviceKey } from '../devices/module.js';
import type { EventBus } from './event-bus.js';

const NONE: DeviceStatus = { name: '', state: 'none' };

const same = (a: DeviceStatus, b: DeviceStatus): boolean =>
  a.name === b.name && a.state === b.state && JSON.stringify(a.message ?? null) === JSON.stringify(b.message ?? null);

/**
 * One place that knows every device's state (printer, fiscal printer, card terminal, scanner)
 * and tells the screen when any of them changes, so the status bar never polls.
 */
export class DeviceManager {
  private current: DevicesView = { printer: NONE, fiscal: NONE, terminal: NONE, scanner: NONE, ledger: NONE };

  constructor(private readonly events: EventBus) {}

  set(key: DeviceKey, status: DeviceStatus): void {
    if (same(this.current[key], status)) return;
    this.current = { ...this.current, [key]: status };
    this.events.emit('devices.changed', this.current);
  }

  view(): DevicesView {
    return this.current;
  }
}
