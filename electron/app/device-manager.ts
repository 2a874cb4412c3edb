import type { DeviceStatus, DevicesView, PrinterStatusView } from '../contract/api.js';
import type { EventBus } from './event-bus.js';

export type DeviceKey = keyof DevicesView;

const NONE: DeviceStatus = { name: '', state: 'none' };

/** The receipt printer's own states, in the status bar's words. */
export function printerDeviceStatus(p: PrinterStatusView, configured: boolean): DeviceStatus {
  if (!configured) return { name: p.name, state: 'none' };
  const state: DeviceStatus['state'] =
    p.state === 'ok'
      ? p.message
        ? 'warning' // e.g. paper near end: still printing, but someone should look
        : 'ok'
      : p.state === 'offline'
        ? 'offline'
        : p.state === 'unavailable'
          ? 'unavailable'
          : 'error';
  const pending = p.pendingJobs > 0 ? `${p.pendingJobs} waiting` : undefined;
  const message = [p.message, pending].filter(Boolean).join(' · ');
  return { name: p.name, state, ...(message ? { message } : {}) };
}

/**
 * One place that knows every device's state (printer, fiscal printer, card terminal, scanner)
 * and tells the screen when any of them changes, so the status bar never polls.
 */
export class DeviceManager {
  private current: DevicesView = { printer: NONE, fiscal: NONE, terminal: NONE, scanner: NONE };

  constructor(private readonly events: EventBus) {}

  set(key: DeviceKey, status: DeviceStatus): void {
    const before = this.current[key];
    if (before.name === status.name && before.state === status.state && before.message === status.message) return;
    this.current = { ...this.current, [key]: status };
    this.events.emit('devices.changed', this.current);
  }

  view(): DevicesView {
    return this.current;
  }
}
