// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  asBrowserBridge,
  createBrowserBridge,
  installBrowserBridge,
  takeToken,
  TOKEN_STORAGE_KEY,
} from '../../../renderer/src/lib/browser-bridge';
import { ApiError, call, subscribe } from '../../../renderer/src/lib/pos-client';

afterEach(() => {
  delete window.pos;
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('browser bridge: token', () => {
  it('takes the token from the URL hash, keeps it for a reload and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/till/index.html?kiosk=1#token=s3cret');
    const env = { location: window.location, history: window.history, storage: window.sessionStorage };
    expect(takeToken(env)).toBe('s3cret');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/till/index.html?kiosk=1');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('s3cret');
    // After a reload the hash is gone, the stored token is used.
    expect(takeToken(env)).toBe('s3cret');
  });

  it('does not replace a window.pos the Electron preload provided, and checks no access there', () => {
    const preload = { invoke: vi.fn(), on: vi.fn() };
    window.pos = preload;
    expect(installBrowserBridge(window)).toBe(preload);
    expect(window.pos).toBe(preload);
    expect(asBrowserBridge(window.pos)).toBeNull();
  });
});

describe('browser bridge: is this page’s link still the till’s?', () => {
  it('asks /api/session with the token in its header: ok, outdated (401) or unknown (no answer)', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status: 204 }));
    const bridge = createBrowserBridge({ token: 'abc', fetch });
    expect(asBrowserBridge(bridge)).toBe(bridge);
    expect(await bridge.checkAccess()).toBe('ok');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/session');
    expect(new Headers(init?.headers).get('x-pos-token')).toBe('abc');
    expect(String(url)).not.toContain('abc');

    expect(await createBrowserBridge({ token: 'old', fetch: async () => new Response('', { status: 401 }) }).checkAccess()).toBe('outdated');
    expect(await createBrowserBridge({ token: 'abc', fetch: async () => Promise.reject(new TypeError('down')) }).checkAccess()).toBe('unknown');
  });

  it('a page opened without a token is "missing" without asking the till', async () => {
    const fetch = vi.fn();
    expect(await createBrowserBridge({ token: null, fetch }).checkAccess()).toBe('missing');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tells its listeners when a call is refused for the token (401), not for other failures', async () => {
    let status = 200;
    const bridge = createBrowserBridge({ token: 'abc', fetch: async () => json(status, { ok: true, value: {} }) });
    const refused = vi.fn();
    const off = bridge.onAccessRefused(refused);
    await bridge.invoke('app.info', {});
    status = 403;
    await bridge.invoke('app.info', {});
    expect(refused).not.toHaveBeenCalled();
    status = 401;
    await bridge.invoke('app.info', {});
    expect(refused).toHaveBeenCalledTimes(1);
    off();
    await bridge.invoke('app.info', {});
    expect(refused).toHaveBeenCalledTimes(1);
  });
});

describe('browser bridge: invoke', () => {
  it('POSTs the input to /api/invoke/<channel> with the token header and returns the wire', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true, value: { version: '1' } }));
    const bridge = createBrowserBridge({ token: 'abc', fetch });
    const wire = await bridge.invoke('receipt.addArticle', { receiptId: 'r1', code: '123' });
    expect(wire).toEqual({ ok: true, value: { version: '1' } });
    const [url, init] = fetch.mock.calls[0]!;
    // The token only in the header: a URL ends up in history and logs.
    expect(url).toBe('/api/invoke/receipt.addArticle');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('x-pos-token')).toBe('abc');
    expect(JSON.parse(String(init?.body))).toEqual({ receiptId: 'r1', code: '123' });
  });

  it('passes an error wire from the core through unchanged', async () => {
    const error = { code: 'article.not_found', message: 'no such article', details: { code: '999' } };
    const bridge = createBrowserBridge({ token: 'abc', fetch: async () => json(422, { ok: false, error }) });
    expect(await bridge.invoke('receipt.addArticle', {})).toEqual({ ok: false, error });
  });

  it('maps 401 and 403 to an internal error wire instead of throwing', async () => {
    for (const status of [401, 403]) {
      const bridge = createBrowserBridge({ token: 'wrong', fetch: async () => new Response('nope', { status }) });
      const wire = await bridge.invoke('app.info', {});
      expect(wire.ok).toBe(false);
      if (!wire.ok) {
        expect(wire.error.code).toBe('internal');
        expect(wire.error.details).toMatchObject({ transport: 'unauthorized', status });
      }
    }
  });

  it('maps a network failure, a non-JSON answer and a hang to internal error wires', async () => {
    const down = createBrowserBridge({ token: 'abc', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await down.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', details: { transport: 'unreachable' } } });

    const html = createBrowserBridge({ token: 'abc', fetch: async () => new Response('<html>502</html>', { status: 502 }) });
    expect(await html.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', details: { transport: 'bad_response' } } });

    const hang = createBrowserBridge({
      token: 'abc',
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    expect(await hang.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal', details: { transport: 'timeout' } } });
  });

  it('without a token answers with an error and does not call the network', async () => {
    const fetch = vi.fn();
    const bridge = createBrowserBridge({ token: null, fetch });
    expect(await bridge.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('browser bridge: events', () => {
  class FakeEventSource extends EventTarget {
    static last: FakeEventSource | null = null;
    closed = false;
    constructor(readonly url: string) {
      super();
      FakeEventSource.last = this;
    }
    close() {
      this.closed = true;
    }
    push(event: string, data: string) {
      this.dispatchEvent(new MessageEvent(event, { data }));
    }
  }

  it('subscribes over /api/events with the token and parses each message', () => {
    const bridge = createBrowserBridge({ token: 'a b', fetch: vi.fn(), createEventSource: (url) => new FakeEventSource(url) });
    const printer = vi.fn();
    const printed = vi.fn();
    const offPrinter = bridge.on('printer.changed', printer);
    const offPrinted = bridge.on('receipt.printed', printed);
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events?token=a%20b');

    source.push('printer.changed', JSON.stringify({ name: 'P', state: 'offline', pendingJobs: 1 }));
    source.push('printer.changed', 'not json');
    source.push('receipt.printed', JSON.stringify({ receiptId: 'r1', number: 'KA-1' }));
    expect(printer).toHaveBeenCalledTimes(1);
    expect(printer).toHaveBeenCalledWith({ name: 'P', state: 'offline', pendingJobs: 1 });
    expect(printed).toHaveBeenCalledWith({ receiptId: 'r1', number: 'KA-1' });

    offPrinter();
    source.push('printer.changed', JSON.stringify({ name: 'P', state: 'ok', pendingJobs: 0 }));
    expect(printer).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(false);
    offPrinted();
    expect(source.closed).toBe(true);
  });
});

describe('pos-client over the browser bridge', () => {
  it('unwraps values and throws a typed ApiError with the code and details', async () => {
    window.pos = createBrowserBridge({
      token: 't',
      fetch: async (url) =>
        String(url).endsWith('app.info')
          ? json(200, { ok: true, value: { version: '1', locale: 'et-EE', currency: 'EUR', shopName: 'S', tillName: 'T' } })
          : json(409, { ok: false, error: { code: 'receipt.not_paid', message: 'due', details: { due: 250 } } }),
    });
    expect((await call('app.info', {})).shopName).toBe('S');
    const error = await call('receipt.confirm', { receiptId: 'r1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'receipt.not_paid', details: { due: 250 } });
    expect((error as ApiError).isConnectionError).toBe(false);
  });

  it('turns a 401 into an ApiError marked as a connection problem', async () => {
    window.pos = createBrowserBridge({ token: 't', fetch: async () => new Response('', { status: 401 }) });
    const error = await call('receipt.current', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'internal', details: { transport: 'unauthorized' } });
    expect((error as ApiError).isConnectionError).toBe(true);
  });

  it('turns a bridge that throws into an ApiError, and subscribe hands payloads to the listener', async () => {
    let listener: ((payload: unknown) => void) | undefined;
    window.pos = {
      invoke: async () => {
        throw new Error('ipc closed');
      },
      on: (_event, l) => {
        listener = l;
        return () => {};
      },
    };
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'internal', message: 'ipc closed' });
    const seen = vi.fn();
    subscribe('receipt.printed', seen);
    listener?.({ receiptId: 'r', number: 'N' });
    listener?.('garbage');
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen).toHaveBeenCalledWith({ receiptId: 'r', number: 'N' });
  });
});
