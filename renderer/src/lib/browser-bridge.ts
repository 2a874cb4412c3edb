import type { PosBridge } from '../../../electron/contract/bridge';
// Types only: the renderer bundle stays free of zod (the core validates; codes unknown to the
// locale files fall back to the generic `errors.internal` message when shown).
import type { ErrorCode, Wire, WireError } from '../../../electron/contract/errors';

/**
 * Browser mode: when the Electron preload does not provide `window.pos`, the renderer talks to the
 * core's HTTP host on the same origin. The access token arrives once in the URL hash
 * (`#token=…`); it is kept in sessionStorage so a reload still works, and removed from the
 * address bar. The till keeps its token across restarts until it is started with `--new-token`;
 * a page still holding the old one is told so on load (`checkAccess`), not at the first sale.
 */

export const TOKEN_STORAGE_KEY = 'pos.token';
const TOKEN_HEADER = 'x-pos-token';
const DEFAULT_TIMEOUT_MS = 30_000;

/** Why the transport failed; carried in `details.transport` of an `internal` error. */
export type TransportFailure = 'unreachable' | 'unauthorized' | 'bad_response' | 'timeout' | 'no_token';

/**
 * What the till says of this page's token: `ok`; `outdated` — refused, the till has a new one;
 * `missing` — the page was opened without one; `unknown` — the till did not answer (the screen's
 * own connection messages take it from there).
 */
export type AccessState = 'ok' | 'outdated' | 'missing' | 'unknown';

/** The HTTP bridge: a PosBridge that can also tell whether its token is still the till's. */
export interface BrowserBridge extends PosBridge {
  checkAccess(): Promise<AccessState>;
  /** Called when the till refuses the token later (restarted with a new one while the page was open). */
  onAccessRefused(listener: () => void): () => void;
}

const browserBridges = new WeakSet<PosBridge>();

/** The bridge as the HTTP bridge, or null when the Electron preload provides window.pos. */
export function asBrowserBridge(bridge: PosBridge | undefined): BrowserBridge | null {
  return bridge && browserBridges.has(bridge) ? (bridge as BrowserBridge) : null;
}

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Takes the token from `#token=…` (and stores it), else from sessionStorage. */
export function takeToken(env: TokenEnvironment): string | null {
  const hash = env.location.hash.startsWith('#') ? env.location.hash.slice(1) : env.location.hash;
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return env.storage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function transportError(transport: TransportFailure, message: string, status?: number): Wire<never> {
  const details: Record<string, string | number> = { transport };
  if (status !== undefined) details.status = status;
  return { ok: false, error: { code: 'internal', message, details } };
}

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && /^[a-z_.]{1,64}$/.test(code);

function isDetails(value: unknown): value is WireError['details'] {
  if (value === undefined) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

/** Accepts a response body only if it has the Wire shape; anything else is an internal error. */
function toWire(body: unknown, status: number): Wire<unknown> {
  if (body !== null && typeof body === 'object') {
    const b = body as { ok?: unknown; value?: unknown; error?: unknown };
    if (b.ok === true && 'value' in b) return { ok: true, value: b.value };
    if (b.ok === false && b.error !== null && typeof b.error === 'object') {
      const e = b.error as { code?: unknown; message?: unknown; details?: unknown };
      const message = typeof e.message === 'string' ? e.message : 'error';
      if (isErrorCode(e.code) && isDetails(e.details)) {
        return { ok: false, error: e.details ? { code: e.code, message, details: e.details } : { code: e.code, message } };
      }
      return { ok: false, error: { code: 'internal', message } };
    }
  }
  return transportError('bad_response', `unexpected response from the till core (HTTP ${status})`, status);
}

/** What the bridge needs of an EventSource (tests pass a fake). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface BrowserBridgeOptions {
  token: string | null;
  /** Origin-relative by default, so the bridge talks to whoever served the page. */
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSourceLike;
  timeoutMs?: number;
}

export function createBrowserBridge(options: BrowserBridgeOptions): BrowserBridge {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const token = options.token;

  let source: EventSourceLike | null = null;
  let subscribers = 0;
  const refusedListeners = new Set<() => void>();
  const refused = () => {
    for (const listener of [...refusedListeners]) listener();
  };

  async function checkAccess(): Promise<AccessState> {
    if (!token) return 'missing';
    try {
      const response = await doFetch(`${base}/api/session`, { headers: { [TOKEN_HEADER]: token }, cache: 'no-store' });
      if (response.status === 401) return 'outdated';
      return response.ok ? 'ok' : 'unknown';
    } catch {
      return 'unknown';
    }
  }

  async function invoke(channel: string, input: unknown): Promise<Wire<unknown>> {
    if (!token) return transportError('no_token', 'no access token: open the till from the link the core printed');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch (error) {
      const timedOut = controller.signal.aborted;
      return transportError(
        timedOut ? 'timeout' : 'unreachable',
        timedOut ? 'the till core did not answer in time' : `connection to the till core lost: ${String(error)}`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 401) refused();
    if (response.status === 401 || response.status === 403) {
      return transportError('unauthorized', `the till core refused the access token (HTTP ${response.status})`, response.status);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportError('bad_response', `unexpected response from the till core (HTTP ${response.status})`, response.status);
    }
    return toWire(body, response.status);
  }

  function on(event: string, listener: (payload: unknown) => void): () => void {
    if (!token) return () => {};
    if (!source) {
      try {
        source = createEventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      } catch {
        return () => {};
      }
    }
    const current = source;
    const handler = (message: Event) => {
      const data = (message as MessageEvent<unknown>).data;
      if (typeof data !== 'string') return;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      listener(payload);
    };
    current.addEventListener(event, handler);
    subscribers += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      current.removeEventListener(event, handler);
      subscribers -= 1;
      if (subscribers === 0 && source === current) {
        current.close();
        source = null;
      }
    };
  }

  const bridge: BrowserBridge = {
    invoke,
    on,
    checkAccess,
    onAccessRefused(listener) {
      refusedListeners.add(listener);
      return () => refusedListeners.delete(listener);
    },
  };
  browserBridges.add(bridge);
  return bridge;
}

/** Installs the HTTP bridge as `window.pos` unless the Electron preload already provided one. */
export function installBrowserBridge(win: Window = window): PosBridge {
  if (win.pos) return win.pos;
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  const bridge = createBrowserBridge({ token });
  win.pos = bridge;
  // The till's link pasted into a tab already on the till differs only after '#': the browser
  // does not load the page again, so the new token would go unused. Load it with the new token.
  win.addEventListener('hashchange', () => {
    if (new URLSearchParams(win.location.hash.slice(1)).has('token')) win.location.reload();
  });
  return bridge;
}
