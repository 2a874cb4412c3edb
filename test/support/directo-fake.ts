import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Directo's XML Direct endpoint on loopback, in memory: form-urlencoded POSTs with a token;
 * `put=1&what=<component>&xmldata=<XML>` stores each document under its integer number and answers
 * `<results><Result Type="0" …/></results>` (Type 11 when the number is taken, 12 when there is
 * none, 8 for XML it cannot read); `get=1&what=<component>` gives the stored documents back as XML,
 * filtered by `number` (documents) or `code` (items). A wrong token gets
 * `<result type="5" desc="Unauthorized"/>`, none `<err>token required</err>`.
 *
 * Faults hit the next puts, one per put, the way networks, gateways and Directo itself misbehave;
 * "after" faults store the document first. Reads always pass. `echoToken(true)` makes every
 * answer an `<err>` that repeats the request as it came (the token URL-encoded in it), as a
 * confused server or proxy might.
 *
 * A delayed answer is held until the client gives up (its socket closes), never raced against a
 * clock: through the fake's own `fetch`, the client gives up the moment the fake holds the answer
 * (what its timeout would do, without waiting for it); any other client waits for its own
 * timeout. `holdMs` answers after that long instead.
 */
export type DirectoFault =
  | 'pass'
  | '500-before' // answer 500 without storing
  | '503-before' // answer 503 with Retry-After: 30, without storing
  | '502-after' // store, then answer 502
  | '429' // answer 429 with Retry-After: 120, without storing
  | 'drop-before' // close the connection without storing
  | 'drop-after' // store, then close the connection without an answer
  | 'delay-after' // store, then hold the answer until the till gives up
  | 'garbage-after' // store, then answer 200 with a body that is not XML
  | 'duplicate-after' // store, then answer Type 11 as if a retried put had met it
  | 'type-9' // Error on import, nothing stored
  | 'type-17' // Insert failed, nothing stored
  | 'type-8' // Invalid XML, nothing stored
  | 'type-14' // Update not allowed, nothing stored
  | 'type-31' // Not found (something the document refers to), nothing stored
  | 'echo-token'; // Type 8 whose Desc repeats the token, nothing stored

type Attrs = Record<string, string>;
/** A stored document: its attributes and its child lists (`rows.row`, `payments.payment`) as parsed. */
export type FakeRecord = Record<string, unknown>;

const COMPONENTS = ['invoice', 'receipt', 'writeoff', 'item'];
const DESC: Record<number, string> = { 8: 'Invalid XML', 9: 'Error on import', 11: 'Duplicate', 12: 'Missing document identifier', 14: 'Update not allowed', 17: 'Insert failed', 31: 'Not found', 99: 'No processable XML' };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => COMPONENTS.includes(name) || name === 'row' || name === 'payment',
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

export type DirectoFake = {
  url: string;
  token: string;
  /** A fetch whose request times out as soon as the fake holds its answer (a delay fault). */
  fetch: typeof globalThis.fetch;
  /** Every answer an `<err>` repeating the request, token and all (on), or Directo's own answers (off). */
  echoToken: (on: boolean) => void;
  /** Faults for the next puts, in order. */
  inject: (...faults: DirectoFault[]) => void;
  /** Documents stored in a component, in the order they came. */
  stored: (component: string) => FakeRecord[];
  /** Puts received (whatever became of them). */
  puts: () => number;
  /** A document put there by someone else (a person, another till). */
  seed: (component: string, record: FakeRecord) => void;
  /** The item cards `get=1&what=item` lists. */
  setItems: (items: Attrs[]) => void;
  close: () => Promise<void>;
};

/** The header the fake's own fetch names its requests by, so a held answer can time out its request. */
const REQUEST_HEADER = 'x-fake-request';

export async function startDirectoFake(options: { token?: string; holdMs?: number } = {}): Promise<DirectoFake> {
  const token = options.token ?? 'fake-directo-token-5d1f';
  const giveUp = new Map<string, () => void>();
  let requests = 0;
  let echo = false;
  const documents = new Map<string, FakeRecord[]>(COMPONENTS.map((c) => [c, []]));
  const faults: DirectoFault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let puts = 0;
  let docid = 100_000;

  const xml = (body: object): string => `<?xml version="1.0" encoding="UTF-8"?>${builder.build(body)}`;
  const result = (type: number, extra: Attrs = {}): string =>
    xml({ results: { Result: { '@_Type': String(type), '@_Desc': type === 0 ? 'OK' : (DESC[type] ?? 'Error'), ...prefixed(extra) } } });

  /** Stores the put's documents; the answer Directo gives for them. */
  const store = (what: string, xmldata: string): string => {
    if (!COMPONENTS.includes(what) || what === 'item') return result(99);
    if (XMLValidator.validate(xmldata) !== true) return result(8);
    const root = (parser.parse(xmldata) as Record<string, unknown>)[`${what}s`] as Record<string, unknown> | undefined;
    const incoming = (root?.[what] as FakeRecord[] | undefined) ?? [];
    if (incoming.length === 0) return result(99);
    const list = documents.get(what)!;
    let answer = '';
    for (const doc of incoming) {
      const number = doc['@_number'];
      if (typeof number !== 'string' || !/^\d{1,10}$/.test(number) || Number(number) > 2_147_483_647) return result(12);
      if (list.some((d) => d['@_number'] === number)) return result(11, { docid: String(docid), doctype: what.toUpperCase() });
      list.push(doc);
      docid += 1;
      answer = result(0, { docid: String(docid), doctype: what.toUpperCase(), submit: `${what[0]!.toUpperCase()}${what.slice(1)}s` });
    }
    return answer;
  };

  const read = (what: string, query: URLSearchParams): string => {
    if (!COMPONENTS.includes(what)) return result(99);
    const number = query.get('number');
    const code = query.get('code');
    const found = documents.get(what)!.filter((d) => (number === null || d['@_number'] === number) && (code === null || d['@_code'] === code));
    return xml({ [`${what}s`]: found.length > 0 ? { [what]: found } : '' });
  };

  const send = (res: ServerResponse, status: number, body: string, headers: Attrs = {}): void => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', ...headers });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    if (req.method !== 'POST') return send(res, 405, '');
    if (echo) return send(res, 200, xml({ err: `request not understood: ${body.slice(0, 200)}` }));
    const form = new URLSearchParams(body);
    if (!form.has('token')) return send(res, 200, '<err>token required</err>');
    if (form.get('token') !== token) return send(res, 200, '<result type="5" desc="Unauthorized"/>');
    const what = form.get('what') ?? '';
    if (form.get('get') === '1') return send(res, 200, read(what, form));
    if (form.get('put') !== '1') return send(res, 200, result(99));
    puts += 1;
    const fault = faults.shift() ?? 'pass';
    const commit = (): string => store(what, form.get('xmldata') ?? '');
    switch (fault) {
      case '500-before':
        return send(res, 500, 'internal error', { 'content-type': 'text/plain' });
      case '503-before':
        return send(res, 503, 'busy', { 'content-type': 'text/plain', 'retry-after': '30' });
      case '429':
        return send(res, 429, 'slow down', { 'content-type': 'text/plain', 'retry-after': '120' });
      case 'drop-before':
        req.socket.destroy();
        return;
      case '502-after':
        commit();
        return send(res, 502, 'bad gateway', { 'content-type': 'text/plain' });
      case 'drop-after':
        commit();
        req.socket.destroy();
        return;
      case 'delay-after': {
        const answer = commit();
        if (options.holdMs !== undefined) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send(res, 200, answer);
          }, options.holdMs);
          timers.add(timer);
        }
        // Held: no answer; the client's giving up closes the socket.
        giveUp.get(String(req.headers[REQUEST_HEADER]))?.();
        return;
      }
      case 'garbage-after':
        commit();
        return send(res, 200, '\u0000<html>gateway says hello', { 'content-type': 'text/html' });
      case 'duplicate-after':
        commit();
        return send(res, 200, result(11));
      case 'type-9':
        return send(res, 200, result(9));
      case 'type-17':
        return send(res, 200, result(17));
      case 'type-8':
        return send(res, 200, result(8));
      case 'type-14':
        return send(res, 200, result(14));
      case 'type-31':
        return send(res, 200, result(31));
      case 'echo-token':
        return send(res, 200, xml({ results: { Result: { '@_Type': '8', '@_Desc': `Invalid XML from token ${token}` } } }));
      case 'pass':
        return send(res, 200, commit());
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const timingOut: typeof globalThis.fetch = async (input, init) => {
    const id = String(++requests);
    const quit = new AbortController();
    giveUp.set(id, () => quit.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')));
    const headers = new Headers(init?.headers);
    headers.set(REQUEST_HEADER, id);
    try {
      return await fetch(input, { ...init, headers, signal: init?.signal ? AbortSignal.any([init.signal, quit.signal]) : quit.signal });
    } finally {
      giveUp.delete(id);
    }
  };

  return {
    url: `http://127.0.0.1:${port}/xmlcore.asp`,
    token,
    fetch: timingOut,
    echoToken: (on) => {
      echo = on;
    },
    inject: (...more) => faults.push(...more),
    stored: (component) => [...(documents.get(component) ?? [])],
    puts: () => puts,
    seed: (component, record) => documents.get(component)!.push(record),
    setItems: (items) => documents.set('item', items.map((i) => prefixed(i))),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const prefixed = (attrs: Attrs): Attrs => Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`@_${k}`, v]));
