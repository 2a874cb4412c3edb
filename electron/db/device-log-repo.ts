import type { Db } from './open.js';

/**
 * The device log (migration 0003): what the devices did and when, append-only (triggers refuse
 * UPDATE and DELETE). Reprints, drawer opens with their reason, printer faults and recoveries.
 */
export interface DeviceLogInput {
  /** ISO-8601 instant. */
  at: string;
  /** 'printer', 'drawer', 'fiscal', 'terminal', 'scanner'. */
  device: string;
  /** Dotted event name, e.g. 'fault', 'recovered', 'reprint', 'drawer.open'. */
  event: string;
  detail?: string;
  receiptId?: string | null;
}

export interface DeviceLogRow {
  at: string;
  device: string;
  event: string;
  detail: string;
}

export function logDevice(db: Db, e: DeviceLogInput): void {
  db.prepare(`INSERT INTO device_log (at, device, event, detail, receipt_id) VALUES (?, ?, ?, ?, ?)`).run(
    e.at,
    e.device,
    e.event,
    e.detail ?? '',
    e.receiptId ?? null,
  );
}

/** Newest first; ties (same instant) by insertion order, newest first. */
export function recentDeviceLog(db: Db, limit: number): DeviceLogRow[] {
  const n = Math.max(0, Math.floor(limit));
  return db.prepare(`SELECT at, device, event, detail FROM device_log ORDER BY at DESC, id DESC LIMIT ?`).all(n) as DeviceLogRow[];
}
