import type { Wire } from './errors.js';

/**
 * What the renderer sees as `window.pos`: the Electron preload and the browser-mode client both
 * provide exactly this, so the renderer never knows which transport carries it.
 */
export interface PosBridge {
  invoke(channel: string, input: unknown): Promise<Wire<unknown>>;
  /** Subscribes to a core event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
