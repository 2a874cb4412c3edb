import type { Channel, Input, Output } from '../../../electron/contract/api';
import type { PosBridge } from '../../../electron/contract/bridge';
import type { ErrorCode, WireError } from '../../../electron/contract/errors';
import type { EventName, EventPayload } from '../../../electron/contract/events';

export type ErrorDetails = Record<string, string | number>;

/** A failed call: the core's error code (translated by the UI as `errors.<code>`) and its details. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  static from(error: WireError): ApiError {
    return new ApiError(error.code, error.message, error.details ?? {});
  }

  /** True when the transport (not the core) failed: the core is unreachable or refused the token. */
  get isConnectionError(): boolean {
    return this.code === 'internal' && typeof this.details.transport === 'string';
  }
}

function bridge(): PosBridge {
  const pos = typeof window === 'undefined' ? undefined : window.pos;
  if (!pos) throw new ApiError('internal', 'window.pos is not available', { transport: 'unreachable' });
  return pos;
}

/** Calls a core channel; resolves with its output or rejects with an ApiError. Never hangs on a thrown bridge. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let wire;
  try {
    wire = await bridge().invoke(channel, input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('internal', error instanceof Error ? error.message : String(error), { transport: 'unreachable' });
  }
  if (!wire || typeof wire !== 'object') throw new ApiError('internal', 'malformed answer from the core');
  if (wire.ok) return wire.value as Output<C>;
  throw ApiError.from(wire.error);
}

/** Subscribes to a core push event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  let pos: PosBridge;
  try {
    pos = bridge();
  } catch {
    return () => {};
  }
  return pos.on(name, (payload) => {
    if (payload === null || typeof payload !== 'object') return;
    listener(payload as EventPayload<E>);
  });
}
