import { z } from 'zod';
import { PrinterStatusView } from './api.js';

/** Pushes from the core to the renderer. */
export const events = {
  'printer.changed': PrinterStatusView,
  'receipt.printed': z.object({ receiptId: z.string(), number: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
