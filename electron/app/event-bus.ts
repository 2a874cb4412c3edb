import type { EventName, EventPayload } from '../contract/events.js';

type Listener = (name: EventName, payload: unknown) => void;

/** Core → renderer pushes. Transports subscribe once and forward every event. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
