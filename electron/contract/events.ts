import { z } from 'zod';
import { DevicesView, PrinterStatusView } from './api.js';

/** Pushes from the core to the renderer. */
export const events = {
  'printer.changed': PrinterStatusView,
  'receipt.printed': z.object({ receiptId: z.string(), number: z.string() }),
  'devices.changed': DevicesView,
  /** The card terminal's prompt while it works ("Insert card", "Enter PIN"…): key for translation, its own text. */
  'terminal.prompt': z.object({ key: z.string(), text: z.string() }),
  /** A code read by a HID POS scanner; the receipt screen treats it as a scan into Article. */
  'scanner.scanned': z.object({ code: z.string().min(1).max(128) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
