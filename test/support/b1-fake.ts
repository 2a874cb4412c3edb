import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * B1.lt's REST API as a loopback server, in memory, from the documented shapes: every call a POST
 * of JSON to /api/<module>/<resource>/<action> with the key in `B1-Api-Key`; creates answer
 * `{"message","data":{"id"},"code":200}`; lists take jqGrid bodies (eq / cn rules, page, rows from
 * 10/20/30/50/100/200/500) and answer `{"page","records","data"}`.
 *
 * Only sales documents are unique by series + number (a second one is refused with 400 "Sales
 * document already exists", as B1 does — unless `refuseSecondSale: false`, a B1 that does not);
 * sale lines and cash receipts are stored as often as they are sent — the worst case, so a test's
 * "exactly once" is the connector's doing, not the fake's. Write-offs are sales documents whose
 * operation type has `isWriteOff`. `ignoreFilters` models a B1 whose list filter does nothing:
 * every list answers all its records, page by page.
 *
 * A delayed answer is held until the client gives up (its socket closes), never raced against a
 * clock: through the fake's own `fetch`, the client gives up the moment the fake holds the answer
 * (what the client's timeout would do, without waiting for it); any other client waits for its
 * own timeout. `holdMs` answers after that long instead.
 */
export type B1Fault =
  | '500-before' // 500 without storing
  | '503-before' // 503 with Retry-After, without storing
  | '429-before' // 429 with Retry-After, without storing
  | 'drop-before' // close the connection without storing
  | 'inner-400-before' // HTTP 200 with {"status":400} in the body, without storing
  | '409-before' // 409 without storing
  | 'auth-refused' // 401 whatever the key
  | 'drop-after' // store, then close the connection without an answer
  | '502-after' // store, then 502
  | 'inner-500-after' // store, then HTTP 200 with {"status":500} in the body
  | 'garbage-after' // store, then HTTP 200 with a body that is not JSON
  | '409-after' // store, then 409
  | 'delay-after'; // store, then hold the answer until the client gives up

/**
 * A fault for the next create (any path), or for the next request to `path` whose body has the
 * fields in `where` (a document's series, a line's rowNo), after `skip` of them pass.
 */
export type B1FaultRule = { fault: B1Fault; path?: string; where?: Record<string, string | number>; skip?: number; retryAfter?: string };

type Row = Record<string, unknown> & { id: number };
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export type B1Fake = {
  baseUrl: string;
  apiKey: string;
  /** A fetch whose request times out as soon as the fake holds its answer (a delay fault). */
  fetch: typeof globalThis.fetch;
  inject: (...rules: Array<B1Fault | B1FaultRule>) => void;
  /** Faults injected and not met yet. */
  pending: () => number;
  /** The tables, as stored. */
  db: Record<B1Table, Row[]>;
  /** How many requests reached each path (faults included). */
  calls: (path: string) => number;
  /** Sales documents (write-offs included) with this series and number. */
  salesOf: (series: string, number: string) => Row[];
  linesOf: (saleId: number) => Row[];
  receiptsOf: (series: string, number: string) => Row[];
  /** A record put there by someone else (a person in B1, another program); its id. */
  seed: (table: B1Table, row: Record<string, unknown>) => number;
  close: () => Promise<void>;
};

export type B1Table = 'items' | 'groups' | 'units' | 'attributes' | 'operationTypes' | 'vatRates' | 'clients' | 'sales' | 'saleItems' | 'cashReceipts';

const LISTS: Record<string, B1Table> = {
  'reference-book/items/list': 'items',
  'reference-book/item-groups/list': 'groups',
  'reference-book/measurement-units/list': 'units',
  'reference-book/item-attributes/list': 'attributes',
  'reference-book/operation-types/list': 'operationTypes',
  'reference-book/vat-rates/list': 'vatRates',
  'clients/list': 'clients',
  'warehouse/sales/list': 'sales',
  'warehouse/sale-items/list': 'saleItems',
  'cash-flow/cash-receipts/list': 'cashReceipts',
};
const PAGE_SIZES = [10, 20, 30, 50, 100, 200, 500];
const DECIMAL = /^-?\d+(\.\d+)?$/;

export const WRITE_OFF_TYPE_ID = 3;

/** Reference data a shop's B1 has; items 1301 (pcs) and 1302 (kg) are the test documents' articles. */
function seed(): Record<B1Table, Row[]> {
  return {
    items: [
      { id: 1, name: 'Pienas 2,5 % 1 l', code: '1301', barcode: '4770000000015', attributeId: 1, groupId: 1, measurementUnitId: 1, vatRate: 24, priceWithoutVat: 0.8065, priceWithVat: 1, isActive: true },
      { id: 2, name: 'Sūris', code: '1302', barcode: '4770000000022', attributeId: 1, groupId: 1, measurementUnitId: 2, vatRate: 24, priceWithoutVat: 16.6989, isActive: true },
    ],
    groups: [{ id: 1, name: 'Pieno produktai' }],
    units: [
      { id: 1, name: 'vnt' },
      { id: 2, name: 'kg' },
    ],
    attributes: [
      { id: 1, name: 'Prekė' },
      { id: 2, name: 'Paslauga' },
    ],
    operationTypes: [
      { id: 1, name: 'Pardavimas', isSale: true, isSaleReturn: false, isWriteOff: false },
      { id: 2, name: 'Grąžinimas', isSale: false, isSaleReturn: true, isWriteOff: false },
      { id: WRITE_OFF_TYPE_ID, name: 'Nurašymas', isSale: false, isSaleReturn: false, isWriteOff: true },
    ],
    vatRates: [0, 5, 9, 21, 24].map((rate, i) => ({ id: i + 1, rate })),
    clients: [],
    sales: [],
    saleItems: [],
    cashReceipts: [],
  };
}

const ok = (id: number): Answer => ({ status: 200, body: { message: 'Data saved successfully', data: { id }, code: 200 } });
const error = (status: number, message: string): Answer => ({ status, body: { message, code: status } });
const isCreate = (path: string) => /\/create(-simple)?$/.test(path);
const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** The header the fake's own fetch names its requests by, so a held answer can time out its request. */
const REQUEST_HEADER = 'x-fake-request';

export async function startB1Fake(options: { apiKey?: string; holdMs?: number; refuseSecondSale?: boolean; ignoreFilters?: boolean } = {}): Promise<B1Fake> {
  const apiKey = options.apiKey ?? 'test-key-5f1c9a0e7d';
  const giveUp = new Map<string, () => void>();
  let requests = 0;
  const db = seed();
  const nextId: Record<string, number> = {};
  const calls = new Map<string, number>();
  const rules: B1FaultRule[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const insert = (table: B1Table, row: Record<string, unknown>): number => {
    const id = (nextId[table] = (nextId[table] ?? Math.max(100, ...db[table].map((r) => r.id))) + 1);
    db[table].push({ ...row, id });
    return id;
  };
  const exists = (table: B1Table, id: unknown) => db[table].some((r) => r.id === id);

  function list(table: B1Table, body: Record<string, unknown>): Answer {
    const page = typeof body.page === 'number' ? body.page : 1;
    const rows = typeof body.rows === 'number' ? body.rows : 10;
    if (!PAGE_SIZES.includes(rows) || page < 1) return error(400, `rows must be one of ${PAGE_SIZES.join(', ')}`);
    const filters = body.filters as { groupOp?: string; rules?: { field: string; op: string; data: string }[] } | undefined;
    let found = db[table];
    for (const rule of options.ignoreFilters ? [] : (filters?.rules ?? [])) {
      if (rule.op !== 'eq' && rule.op !== 'cn') return error(400, `unknown filter op ${rule.op}`);
      found = found.filter((r) => (rule.op === 'eq' ? text(r[rule.field]) === rule.data : text(r[rule.field]).toLowerCase().includes(String(rule.data).toLowerCase())));
    }
    return { status: 200, body: { page, records: found.length, data: found.slice((page - 1) * rows, page * rows) } };
  }

  function create(path: string, b: Record<string, unknown>): Answer {
    switch (path) {
      case 'clients/create':
        if (typeof b.name !== 'string' || b.name === '') return error(400, 'name is required');
        if (![1, 2, 3].includes(b.locationId as number)) return error(400, 'locationId is required');
        return ok(insert('clients', b));
      case 'warehouse/sales/create': {
        if (b.autoGenerateNumberAndSeries !== false) return error(400, 'the number would be generated');
        const series = text(b.series);
        const number = text(b.number);
        if (series === '' || series.length > 10 || number === '' || number.length > 20) return error(400, 'series (≤ 10) and number (≤ 20) are required');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text(b.saleDate)) || text(b.currencyCode).length !== 3) return error(400, 'saleDate and currencyCode are required');
        if (b.clientId !== undefined && !exists('clients', b.clientId)) return error(400, 'client not found');
        if (b.operationTypeId !== undefined && !exists('operationTypes', b.operationTypeId)) return error(400, 'operation type not found');
        if (options.refuseSecondSale !== false && db.sales.some((s) => s.series === series && s.number === number)) return error(400, 'Sales document already exists');
        return ok(insert('sales', b));
      }
      case 'warehouse/sale-items/create-simple':
        if (!exists('sales', b.saleId)) return error(404, 'sale not found');
        if (!exists('items', b.itemId)) return error(400, 'item not found');
        if (!DECIMAL.test(text(b.quantity)) || !DECIMAL.test(text(b.priceWithoutVat)) || typeof b.vatRate !== 'number') return error(400, 'quantity, priceWithoutVat and vatRate are required');
        if (!Number.isInteger(b.rowNo) || (b.rowNo as number) < 1) return error(400, 'rowNo must be a positive integer');
        return ok(insert('saleItems', b));
      case 'cash-flow/cash-receipts/create':
        if (text(b.series) === '' || text(b.number) === '' || !DECIMAL.test(text(b.total)) || !/^\d{4}-\d{2}-\d{2}$/.test(text(b.date))) return error(400, 'series, number, date and total are required');
        if (b.clientId !== undefined && !exists('clients', b.clientId)) return error(400, 'client not found');
        return ok(insert('cashReceipts', b));
      default:
        return error(404, 'Not found');
    }
  }

  const route = (path: string, body: Record<string, unknown>): Answer => {
    const table = LISTS[path];
    return table ? list(table, body) : create(path, body);
  };

  /** The first rule for this request, taken off the queue; a rule still skipping lets it pass. */
  function faultFor(path: string, body: Record<string, unknown>): B1FaultRule | null {
    const i = rules.findIndex((r) => (r.path ? r.path === path : isCreate(path)) && Object.entries(r.where ?? {}).every(([k, v]) => body[k] === v));
    const rule = rules[i];
    if (!rule) return null;
    if ((rule.skip ?? 0) > 0) {
      rule.skip = (rule.skip ?? 0) - 1;
      return null;
    }
    rules.splice(i, 1);
    return rule;
  }

  const send = (res: ServerResponse, a: Answer) => {
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
  };

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = (req.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
    calls.set(path, (calls.get(path) ?? 0) + 1);
    if (req.method !== 'POST') return send(res, error(405, 'Method not allowed'));
    if (req.headers['b1-api-key'] !== apiKey) return send(res, error(401, 'Unauthorized'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, error(400, 'Invalid JSON'));
    }
    const rule = faultFor(path, body);
    if (!rule) return send(res, route(path, body));
    const retry = { 'retry-after': rule.retryAfter ?? '0' };
    switch (rule.fault) {
      case '500-before':
        return send(res, error(500, 'Internal error'));
      case '503-before':
        return send(res, { ...error(503, 'Service unavailable'), headers: retry });
      case '429-before':
        return send(res, { ...error(429, 'Too many requests'), headers: retry });
      case 'drop-before':
        req.socket.destroy();
        return;
      case 'inner-400-before':
        return send(res, { status: 200, body: { status: 400, message: 'Validation failed: saleDate' } });
      case '409-before':
        return send(res, error(409, 'Object already exists'));
      case 'auth-refused':
        return send(res, error(401, 'Unauthorized'));
    }
    const stored = route(path, body);
    switch (rule.fault) {
      case 'drop-after':
        req.socket.destroy();
        return;
      case '502-after':
        return send(res, { status: 502, body: '<html>Bad gateway</html>' });
      case 'inner-500-after':
        return send(res, { status: 200, body: { status: 500, message: 'Internal error' } });
      case 'garbage-after':
        return send(res, { status: stored.status, body: '\u0000{not json<<' });
      case '409-after':
        return send(res, error(409, 'Object already exists'));
      case 'delay-after': {
        if (options.holdMs !== undefined) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!res.destroyed) send(res, stored);
          }, options.holdMs);
          timers.add(timer);
        }
        // Held: no answer; the client's giving up closes the socket.
        giveUp.get(String(req.headers[REQUEST_HEADER]))?.();
        return;
      }
    }
  }

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
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    fetch: timingOut,
    inject: (...more) => rules.push(...more.map((r) => (typeof r === 'string' ? { fault: r } : { ...r }))),
    pending: () => rules.length,
    db,
    calls: (path) => calls.get(path) ?? 0,
    salesOf: (series, number) => db.sales.filter((s) => s.series === series && s.number === number),
    linesOf: (saleId) => db.saleItems.filter((l) => l.saleId === saleId),
    receiptsOf: (series, number) => db.cashReceipts.filter((r) => r.series === series && r.number === number),
    seed: insert,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
