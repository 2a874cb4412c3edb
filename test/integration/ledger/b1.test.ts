import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../../../electron/domain/barcode.js';
import { checkRow, headerIndex, IMPORT_COLUMNS } from '../../../electron/domain/catalogue-import.js';
import { unitsOf } from '../../../electron/devices/ledger/b1-lookup.js';
import { b1Ref, milliText, minorText } from '../../../electron/devices/ledger/b1-mapping.js';
import { B1Connector } from '../../../electron/devices/ledger/b1.js';
import { LedgerError } from '../../../electron/devices/ledger/connector.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { startB1Fake, WRITE_OFF_TYPE_ID, type B1Fake, type B1Fault, type B1FaultRule } from '../../support/b1-fake.js';
import { cashIn, creditNote, deliver, splitSale, writeOff, type Delivery } from '../../support/ledger-documents.js';

// The B1.lt connector against a loopback fake of B1's API that loses, delays and falsifies
// answers. B1 writes a document in several calls (header, lines, cash receipt) and dedupes only
// headers, so every test ends with the fake's tables: each header, line and receipt exactly once.
// Each test has its own fake, so the fault matrix runs a few cases at a time. A held answer times
// its request out the moment the fake holds it (the fake's fetch), so the client's own timeout is
// long enough never to fire on a slow but normal loopback call, and nothing waits for it.

const TIMEOUT_MS = 2_000;
const HEADER = 'warehouse/sales/create';
const LINE = 'warehouse/sale-items/create-simple';
const RECEIPT = 'cash-flow/cash-receipts/create';

/** A test with a fresh fake B1 of its own. */
const withFake = (test: (fake: B1Fake) => Promise<void>, options: Parameters<typeof startB1Fake>[0] = {}) => async (): Promise<void> => {
  const fake = await startB1Fake(options);
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
};

const connector = (fake: B1Fake, over: Partial<ConstructorParameters<typeof B1Connector>[0]> = {}): B1Connector =>
  new B1Connector({ baseUrl: fake.baseUrl, apiKey: fake.apiKey, timeoutMs: TIMEOUT_MS, fetch: fake.fetch, ...over });

const line = (code: string, quantityMilli: number, unitPriceMinor: number, sumMinor: number, unit = 'pcs') => ({
  code, name: code, barcode: '', quantityMilli, unit, unitPriceMinor, discountMinor: 0, sumMinor, vatRateBp: 2400,
});

/** The shared sample documents, with the lines and payments the till gives its real ones. */
function documents(): LedgerDocument[] {
  const base = splitSale();
  const customer = { code: 'LT-77', name: 'UAB Pirkėjas', regNo: '300000000', vatNo: 'LT100000000017' };
  const sale: LedgerDocument = {
    ...base,
    lines: [line('1301', 2000, 500, 1000), line('1302', 750, 2071, 1553, 'kg')],
    payments: [{ method: 'card', amountMinor: 2000 }, { method: 'cash', amountMinor: 555 }],
    customer,
  };
  const credit: LedgerDocument = {
    ...creditNote(base),
    lines: sale.lines.map((l) => ({ ...l, quantityMilli: -l.quantityMilli, sumMinor: -l.sumMinor })),
    payments: sale.payments.map((p) => ({ ...p, amountMinor: -p.amountMinor })),
    customer,
  };
  const goods: LedgerDocument = { ...writeOff(), lines: [{ ...line('1301', 2000, 0, 0), name: 'broken' }] };
  return [sale, credit, cashIn(), goods];
}

const rowNos = (fake: B1Fake, series: string, number: string): number[] =>
  fake.salesOf(series, number).flatMap((s) => fake.linesOf(s.id).map((l) => l.rowNo as number)).sort();

/** Each of the four documents in B1 exactly once: header, every line and cash receipt (besides `others` records of someone else's). */
function expectExactlyOnce(fake: B1Fake, others = { sales: 0, saleItems: 0, cashReceipts: 0 }): void {
  expect(fake.salesOf('K', '000042')).toHaveLength(1);
  expect(rowNos(fake, 'K', '000042')).toEqual([1, 2]);
  expect(fake.receiptsOf('K', '000042').map((r) => r.total)).toEqual(['5.55']);
  expect(fake.salesOf('C', '000007')).toHaveLength(1);
  expect(rowNos(fake, 'C', '000007')).toEqual([1, 2]);
  expect(fake.receiptsOf('C', '000007').map((r) => r.total)).toEqual(['-5.55']);
  expect(fake.receiptsOf('M', '000003').map((r) => r.total)).toEqual(['50.00']);
  expect(fake.salesOf('W', '000001').map((s) => s.operationTypeId)).toEqual([WRITE_OFF_TYPE_ID]);
  expect(rowNos(fake, 'W', '000001')).toEqual([1]);
  expect([fake.db.sales.length, fake.db.saleItems.length, fake.db.cashReceipts.length, fake.db.clients.length]).toEqual([3 + others.sales, 5 + others.saleItems, 3 + others.cashReceipts, 1]);
}

const failure = async (p: Promise<unknown>): Promise<LedgerError> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerError);
  return err as LedgerError;
};

describe('B1.lt connector', () => {
  it('posts a split sale, its credit note, a cash movement and a write-off, and finds them', withFake(async (fake) => {
    const c = connector(fake);
    const docs = documents();
    for (const doc of docs) expect(await c.find(doc)).toBe(false);
    for (const doc of docs) expect(await c.post(doc)).toBe('posted');
    expectExactlyOnce(fake);
    for (const doc of docs) expect(await c.find(doc)).toBe(true);

    const [sale] = fake.salesOf('K', '000042');
    expect(sale).toMatchObject({ autoGenerateNumberAndSeries: false, saleDate: '2025-01-03', currencyCode: 'EUR', clientId: fake.db.clients[0]?.id });
    expect(fake.linesOf(sale!.id).map((l) => [l.rowNo, l.itemId, l.quantity, l.priceWithoutVat, l.vatRate])).toEqual([
      [1, 1, '2.000', '4.0323', 24],
      [2, 2, '0.750', '16.6989', 24],
    ]);
    const [credit] = fake.salesOf('C', '000007');
    expect(fake.linesOf(credit!.id).map((l) => [l.quantity, l.priceWithoutVat])).toEqual([['-2.000', '4.0323'], ['-0.750', '16.6989']]);
    const [goods] = fake.salesOf('W', '000001');
    expect(fake.linesOf(goods!.id).map((l) => [l.quantity, l.priceWithoutVat])).toEqual([['2.000', '0.0000']]);
    expect(fake.db.clients[0]).toMatchObject({ code: 'LT-77', name: 'UAB Pirkėjas', vatCode: 'LT100000000017', locationId: 1 });
    expect(await c.health()).toEqual({ ok: true, detail: `${c.name}: API key accepted, 5 VAT rates` });
  }));

  it('answers duplicate for a document that is wholly there, and sends nothing', withFake(async (fake) => {
    const docs = documents();
    for (const doc of docs) await connector(fake).post(doc);
    const c = connector(fake);
    for (const doc of docs) expect(await c.post(doc)).toBe('duplicate');
    expect(fake.calls(LINE) + fake.calls(RECEIPT)).toBe(5 + 3);
    expectExactlyOnce(fake);
  }));

  it('keeps one writer when posts are started together', withFake(async (fake) => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const c = connector(fake, { fetch: counting });
    const sales = Array.from({ length: 6 }, (_, i) => ({ ...documents()[0]!, ...splitSale(`K10000${i}`), lines: documents()[0]!.lines }));
    expect(await Promise.all(sales.map((d) => c.post(d)))).toEqual(sales.map(() => 'posted'));
    for (let i = 0; i < 6; i++) expect(rowNos(fake, 'K', `10000${i}`)).toEqual([1, 2]);
    expect(fake.db.sales).toHaveLength(6);
    expect(most).toBe(1);
  }));

  it('numbers every document with its own stable series and number', () => {
    expect(b1Ref('K000042')).toEqual({ series: 'K', number: '000042' });
    expect(b1Ref('Z12-difference')).toEqual({ series: 'Z', number: '12-difference' });
    const movement = b1Ref('CM-0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b');
    expect(movement).toEqual(b1Ref('CM-0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b'));
    expect(movement.series).toBe('CM');
    expect(movement.number).toMatch(/^[0-9A-F]{20}$/);
    expect(b1Ref('CM-0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c').number).not.toBe(movement.number);
  });
});

describe('faults between the till and B1.lt: each document exactly once', () => {
  const FAULTS = ['500-before', '503-before', '429-before', 'drop-before', 'drop-after', '502-after', 'inner-500-after', 'garbage-after', '409-after', 'delay-after'] as const satisfies readonly B1Fault[];
  // Every write of B1's that a document is made of meets the fault once: the sale's header, both
  // its lines and its cash receipt, the cash movement's receipt and the write-off's header.
  const TARGETS: Omit<B1FaultRule, 'fault'>[] = [
    { path: HEADER, where: { series: 'K' } },
    { path: LINE, where: { rowNo: 1 } },
    { path: LINE, where: { rowNo: 2 } },
    { path: RECEIPT, where: { series: 'K' } },
    { path: RECEIPT, where: { series: 'M' } },
    { path: HEADER, where: { series: 'W' } },
  ];
  // How the uploader's steps go for each document (sale, credit note, cash movement, write-off).
  // An answer B1 gave after storing (a 5xx, an error inside a 200, garbage, 409) is settled by a
  // lookup at once; a lost answer by the uploader's lookup; a refusal before storing by a retry.
  const u = 'unknown';
  const lost = (stored: boolean) => [[u, 'find:false', u, 'find:false', u, 'find:false', u, stored ? 'find:true' : 'find:false', ...(stored ? [] : ['posted'])], ['posted'], [u, stored ? 'find:true' : 'find:false', ...(stored ? [] : ['posted'])], [u, 'find:false', 'posted']];
  const refused = (step: string) => [[step, step, step, step, 'posted'], ['posted'], [step, 'posted'], [step, 'posted']];
  const settled = [['posted'], ['posted'], ['posted'], ['posted']];
  const STEPS: Record<(typeof FAULTS)[number], string[][]> = {
    '500-before': refused('temporary'),
    '503-before': refused('temporary:0'),
    '429-before': refused('temporary:0'),
    'drop-before': lost(false),
    'drop-after': lost(true),
    'delay-after': lost(true),
    '502-after': settled,
    'inner-500-after': settled,
    'garbage-after': settled,
    // Every write answered "already exists", and it was there.
    '409-after': [['duplicate'], ['posted'], ['duplicate'], ['posted']],
  };

  it.concurrent.each(FAULTS)('%s', (fault) =>
    withFake(async (fake) => {
      const c = connector(fake);
      const docs = documents();
      fake.inject(...TARGETS.map((target) => ({ fault, ...target })));
      const deliveries: Delivery[] = [];
      for (const doc of docs) deliveries.push(await deliver(c, doc));
      expect(fake.pending()).toBe(0);
      expect(deliveries.map((d) => d.steps)).toEqual(STEPS[fault]);
      // The uploader confirms a "duplicate" by a lookup.
      for (const [i, d] of deliveries.entries()) if (d.result === 'duplicate') expect(await c.find(docs[i]!)).toBe(true);
      expectExactlyOnce(fake);
    })(),
  );

  it('a crash between the header and its lines: the restarted till completes it, no second header', withFake(async (fake) => {
    const [sale] = documents();
    fake.inject({ fault: 'drop-after', path: HEADER });
    expect((await failure(connector(fake).post(sale!))).errorClass).toBe('unknown');
    expect(fake.salesOf('K', '000042')).toHaveLength(1);
    expect(rowNos(fake, 'K', '000042')).toEqual([]);

    const restarted = connector(fake);
    expect(await restarted.find(sale!)).toBe(false);
    expect(await restarted.post(sale!)).toBe('posted');
    expect(await restarted.find(sale!)).toBe(true);
    // The header was looked up, not sent again.
    expect(fake.calls(HEADER)).toBe(1);
    expect(fake.salesOf('K', '000042')).toHaveLength(1);
    expect(rowNos(fake, 'K', '000042')).toEqual([1, 2]);
    expect(fake.receiptsOf('K', '000042')).toHaveLength(1);
  }));

  it('a crash after the first line: only the missing line and the receipt are sent', withFake(async (fake) => {
    const [sale] = documents();
    fake.inject({ fault: 'drop-after', path: LINE });
    expect((await failure(connector(fake).post(sale!))).errorClass).toBe('unknown');
    const d = await deliver(connector(fake), sale!);
    expect(d).toEqual({ result: 'posted', steps: ['posted'] });
    expect(fake.calls(LINE)).toBe(2);
    expect(rowNos(fake, 'K', '000042')).toEqual([1, 2]);
    expect(fake.receiptsOf('K', '000042')).toHaveLength(1);
  }));

  it('a header found after an unclear answer may be an earlier try\'s: its lines are not sent twice', withFake(async (fake) => {
    const [sale] = documents();
    const c = connector(fake);
    fake.inject({ fault: 'drop-after', path: LINE, where: { rowNo: 2 } });
    expect((await failure(c.post(sale!))).errorClass).toBe('unknown');
    expect(await c.post(sale!)).toBe('posted');
    expect([fake.calls(HEADER), fake.calls(LINE)]).toEqual([1, 2]);
    expect(rowNos(fake, 'K', '000042')).toEqual([1, 2]);
    expect(fake.receiptsOf('K', '000042')).toHaveLength(1);
  }));

  it('a refused connection after the header: the next post completes that header, even where B1 would take a second', withFake(async (fake) => {
    // Line 2 meets a refused connection (nothing sent: the uploader posts again at once, without a lookup).
    let refuse = true;
    const refusingLine2: typeof fetch = (input, init) => {
      if (refuse && String(input).endsWith(LINE) && (JSON.parse(String(init?.body)) as { rowNo?: unknown }).rowNo === 2) {
        refuse = false;
        return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' }) }));
      }
      return fake.fetch(input, init);
    };
    const [sale] = documents();
    expect((await failure(connector(fake, { fetch: refusingLine2 }).post(sale!))).errorClass).toBe('temporary');
    expect(await connector(fake).post(sale!)).toBe('posted');
    expect(fake.calls(HEADER)).toBe(1);
    expect(fake.salesOf('K', '000042')).toHaveLength(1);
    expect(rowNos(fake, 'K', '000042')).toEqual([1, 2]);
    expect(fake.receiptsOf('K', '000042')).toHaveLength(1);
  }, { refuseSecondSale: false }));

  it('its own timeout ends an answer B1 holds: unknown, and the lookup finds what was stored', withFake(async (fake) => {
    fake.inject({ fault: 'delay-after', path: RECEIPT });
    // The held receipt never answers, so nothing races: only the client's own timeout ends it.
    // The lookups before it run without one, so a slow machine cannot time them out instead.
    const onlyTheReceiptTimesOut: typeof fetch = (input, init) => fetch(input, String(input).endsWith(RECEIPT) ? init : { ...init, signal: null });
    const err = await failure(connector(fake, { timeoutMs: 200, fetch: onlyTheReceiptTimesOut }).post(cashIn()));
    expect([err.errorClass, err.message]).toEqual(['unknown', expect.stringMatching(/cash receipt: sent, no answer/)]);
    expect(await connector(fake).find(cashIn())).toBe(true);
    expect(fake.receiptsOf('M', '000003')).toHaveLength(1);
  }));

  it('honours Retry-After in seconds and as a date', withFake(async (fake) => {
    fake.inject({ fault: '503-before', retryAfter: '7' }, { fault: '429-before', retryAfter: new Date(Date.now() + 60_000).toUTCString() });
    const first = await failure(connector(fake).post(cashIn()));
    expect([first.errorClass, first.retryAfterMs]).toEqual(['temporary', 7000]);
    const second = await failure(connector(fake).post(cashIn()));
    expect(second.errorClass).toBe('temporary');
    expect(second.retryAfterMs).toBeGreaterThan(55_000);
    expect(fake.db.cashReceipts).toHaveLength(0);
  }));
});

describe('records under the till\'s series and numbers that are someone else\'s', () => {
  const taken = (series: string, number: string) => new RegExp(`a different document already has series ${series} number ${number} in B1\\.lt`);

  it.each([
    ['another total', { total: '12.00', date: '2025-01-03' }, /its total is 12\.00, not 50\.00/],
    ['another date', { total: 50, date: '2025-01-02 00:00:00' }, /dated 2025-01-02, not 2025-01-03/],
    ['no total', { date: '2025-01-03' }, /shows no total/],
  ] as const)('a cash receipt under the number with %s: permanent for the post and the lookup, nothing sent', (_, theirs, reason) =>
    withFake(async (fake) => {
      fake.seed('cashReceipts', { series: 'M', number: '000003', currencyCode: 'EUR', ...theirs });
      const c = connector(fake);
      for (const err of [await failure(c.post(cashIn())), await failure(c.find(cashIn()))]) {
        expect([err.errorClass, err.message]).toEqual(['permanent', expect.stringMatching(taken('M', '000003'))]);
        expect(err.message).toMatch(reason);
      }
      expect(fake.calls(RECEIPT)).toBe(0);
      expect(fake.receiptsOf('M', '000003')).toHaveLength(1);
    })(),
  );

  it('its own receipt, however B1 writes the total and the date, is the document', withFake(async (fake) => {
    fake.seed('cashReceipts', { series: 'M', number: '000003', currencyCode: 'EUR', total: 50, date: '2025-01-03 00:00:00' });
    const c = connector(fake);
    expect(await c.post(cashIn())).toBe('duplicate');
    expect(await c.find(cashIn())).toBe(true);
    expect(fake.calls(RECEIPT)).toBe(0);
  }));

  // A header under the document's pair that is not its own: another date, another client, a
  // client where the document has none, lines of other goods. Its lines are never added to.
  const HEADERS: [string, number, (fake: B1Fake) => void, RegExp][] = [
    ['another date', 0, (fake) => void fake.seed('sales', { series: 'K', number: '000042', saleDate: '2024-12-30', currencyCode: 'EUR' }), /dated 2024-12-30, not 2025-01-03/],
    ['another client', 0, (fake) => {
      const clientId = fake.seed('clients', { name: 'Someone', code: 'LT-99', locationId: 1 });
      fake.seed('sales', { series: 'K', number: '000042', saleDate: '2025-01-03', currencyCode: 'EUR', clientId });
    }, /its client is not LT-77/],
    ['a client, where the write-off has none', 3, (fake) => {
      const clientId = fake.seed('clients', { name: 'Someone', code: 'LT-99', locationId: 1 });
      fake.seed('sales', { series: 'W', number: '000001', saleDate: '2025-01-03', operationTypeId: WRITE_OFF_TYPE_ID, clientId });
    }, /it has a client, this document none/],
    ['the same date and no client, but other goods', 3, (fake) => {
      const saleId = fake.seed('sales', { series: 'W', number: '000001', saleDate: '2025-01-03', operationTypeId: WRITE_OFF_TYPE_ID });
      fake.seed('saleItems', { saleId, itemId: 2, rowNo: 1, quantity: '5.000', priceWithoutVat: '0.0000', vatRate: 24 });
    }, /its line 1 is 5\.000 of item 2, not 2\.000 of item 1/],
  ];

  it.each(HEADERS)('a header under the number with %s: permanent for the post and the lookup, nothing added to it', (_, index, seed, reason) =>
    withFake(async (fake) => {
      seed(fake);
      const doc = documents()[index]!;
      const { series, number } = b1Ref(doc.number);
      const before = fake.db.saleItems.length;
      const c = connector(fake);
      for (const err of [await failure(c.post(doc)), await failure(c.find(doc))]) {
        expect([err.errorClass, err.message]).toEqual(['permanent', expect.stringMatching(taken(series, number))]);
        expect(err.message).toMatch(reason);
      }
      expect([fake.calls(HEADER), fake.calls(LINE), fake.calls(RECEIPT)]).toEqual([0, 0, 0]);
      expect([fake.salesOf(series, number).length, fake.db.saleItems.length]).toEqual([1, before]);
    })(),
  );

  it('someone else\'s header made between the lookup and the send: "already exists" is permanent, not a lost answer', withFake(async (fake) => {
    const racing: typeof fetch = (input, init) => {
      if (String(input).endsWith(HEADER)) fake.seed('sales', { series: 'K', number: '000042', saleDate: '2024-12-30', currencyCode: 'EUR' });
      return fake.fetch(input, init);
    };
    const err = await failure(connector(fake, { fetch: racing }).post(documents()[0]!));
    expect([err.errorClass, err.message]).toEqual(['permanent', expect.stringMatching(taken('K', '000042'))]);
    expect(fake.calls(LINE)).toBe(0);
  }));
});

describe('lookups when B1.lt\'s filter does not narrow the list', () => {
  it('finds its own records among everything, over several pages, and sends nothing twice', withFake(async (fake) => {
    for (let i = 0; i < 520; i++) fake.seed('cashReceipts', { series: 'X', number: String(i).padStart(6, '0'), date: '2025-01-02', total: '1.00' });
    for (let i = 0; i < 12; i++) {
      const saleId = fake.seed('sales', { series: 'X', number: String(i).padStart(6, '0'), saleDate: '2025-01-02', currencyCode: 'EUR' });
      fake.seed('saleItems', { saleId, itemId: 1, rowNo: 1, quantity: '1.000', priceWithoutVat: '1.0000', vatRate: 24 });
    }
    const docs = documents();
    for (const doc of docs) expect(await connector(fake).post(doc)).toBe('posted');
    const later = connector(fake);
    for (const doc of docs) expect(await later.find(doc)).toBe(true);
    for (const doc of docs) expect(await later.post(doc)).toBe('duplicate');
    expectExactlyOnce(fake, { sales: 12, saleItems: 12, cashReceipts: 520 });
  }, { ignoreFilters: true }));

  it('cannot say "not there" when B1 counts more records than it gives', withFake(async (fake) => {
    const inflating: typeof fetch = async (input, init) => {
      const res = await fake.fetch(input, init);
      if (!String(input).endsWith('cash-flow/cash-receipts/list')) return res;
      const body = (await res.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, records: 700 }), { status: res.status, headers: { 'content-type': 'application/json' } });
    };
    const c = connector(fake, { fetch: inflating });
    expect((await failure(c.find(cashIn()))).errorClass).toBe('unknown');
    expect((await failure(c.post(cashIn()))).errorClass).toBe('unknown');
    expect(fake.calls(RECEIPT)).toBe(0);
  }));
});

describe('amounts as B1.lt gets and gives them', () => {
  it('writes amounts from their integer digits, and refuses one that is not a safe integer', () => {
    expect([0, 5, -5, 555, -123456, Number.MAX_SAFE_INTEGER].map(minorText)).toEqual(['0.00', '0.05', '-0.05', '5.55', '-1234.56', '90071992547409.91']);
    expect([1, 750, -2000].map(milliText)).toEqual(['0.001', '0.750', '-2.000']);
    for (const bad of [2 ** 53, 0.5, -1.25, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => minorText(bad)).toThrow(RangeError);
      expect(() => milliText(bad)).toThrow(RangeError);
    }
  });

  it('reads B1\'s decimals as integer units, never finer than asked', () => {
    expect([unitsOf('5.55', 2), unitsOf(5.55, 2), unitsOf('-0.05', 2), unitsOf('12,30', 2), unitsOf(50, 2), unitsOf('2.000', 3)]).toEqual([555, 555, -5, 1230, 5000, 2000]);
    expect([unitsOf('1.005', 2), unitsOf('90071992547409.93', 2), unitsOf('', 2), unitsOf(null, 2), unitsOf('1e3', 2)]).toEqual([null, null, null, null, null]);
  });
});

describe('what B1.lt will never take', () => {
  it('a validation error inside an HTTP 200 is permanent, and nothing is stored', withFake(async (fake) => {
    fake.inject({ fault: 'inner-400-before', path: HEADER });
    const err = await failure(connector(fake).post(documents()[0]!));
    expect(err.errorClass).toBe('permanent');
    expect(err.message).toMatch(/HTTP 400: Validation failed/);
    expect(fake.db.sales).toHaveLength(0);
  }));

  it('"already exists" for a document that cannot be found is permanent', withFake(async (fake) => {
    fake.inject({ fault: '409-before', path: HEADER });
    expect((await failure(connector(fake).post(documents()[0]!))).errorClass).toBe('permanent');
    expect(fake.db.sales).toHaveLength(0);
  }));

  it('an article B1 does not know is permanent, before any header is made', withFake(async (fake) => {
    const [sale] = documents();
    const err = await failure(connector(fake).post({ ...sale!, lines: [...sale!.lines, line('9999', 1000, 100, 100)] }));
    expect([err.errorClass, err.message]).toEqual(['permanent', expect.stringMatching(/article 9999 is not in B1\.lt/)]);
    expect(fake.calls(HEADER)).toBe(0);
  }));

  it('a sale without lines is refused locally, never sent', withFake(async (fake) => {
    expect((await failure(connector(fake).post(splitSale()))).errorClass).toBe('permanent');
    expect(fake.calls('reference-book/items/list') + fake.calls(HEADER)).toBe(0);
  }));

  it('a refused key is permanent, and the key is in no message', withFake(async (fake) => {
    const wrong = 'wrong-key-9d8e7f6a5b4c';
    const c = connector(fake, { apiKey: wrong });
    const err = await failure(c.post(cashIn()));
    expect(err.errorClass).toBe('permanent');
    expect(err.message).toMatch(/refused the API key \(HTTP 401\)/);
    const health = await c.health();
    expect(health.ok).toBe(false);
    for (const text of [err.message, health.detail, c.name]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(fake.apiKey);
    }
    fake.inject('auth-refused');
    const refused = await failure(connector(fake).post(cashIn()));
    expect(refused.errorClass).toBe('permanent');
    expect(refused.message).not.toContain(fake.apiKey);
  }));

  it('refuses plain http to anything but this machine (the key would travel in clear text)', () => {
    const apiKey = 'secret-key-0123456789';
    const refused = (() => {
      try {
        new B1Connector({ baseUrl: 'http://www.b1.lt', apiKey });
        return null;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(refused?.message).toMatch(/https/);
    expect(refused?.message).not.toContain(apiKey);
    expect(new B1Connector({ baseUrl: 'https://www.b1.lt', apiKey }).name).toBe('B1.lt https://www.b1.lt');
    expect(new B1Connector({ baseUrl: 'https://site.pro/My-Accounting', apiKey }).name).toBe('B1.lt https://site.pro/My-Accounting');
    expect(new B1Connector({ baseUrl: 'http://localhost:8080', apiKey }).name).toBe('B1.lt http://localhost:8080');
  });

  it('calls a refused connection temporary and an unreachable ledger not ok', withFake(async (fake) => {
    const gone = await startB1Fake();
    await gone.close();
    const c = connector(fake, { baseUrl: gone.baseUrl });
    expect((await failure(c.post(cashIn()))).errorClass).toBe('temporary');
    expect((await c.health()).ok).toBe(false);
  }));
});

describe('product cards from B1.lt', () => {
  it('reads every page and gives the CSV import its columns', withFake(async (fake) => {
    const ean = (i: number) => {
      const data = `478${String(i).padStart(9, '0')}`;
      return `${data}${gs1CheckDigit(data)}`;
    };
    for (let i = 0; i < 503; i++) {
      fake.db.items.push({ id: 1000 + i, name: `Prekė ${i}`, code: `G${i}`, barcode: ean(i), attributeId: 1, groupId: 1, measurementUnitId: 1, vatRate: 21, priceWithoutVat: 2.5, isActive: true });
    }
    fake.db.items.push({ id: 2000, name: 'Old', code: 'OLD', barcode: ean(999), attributeId: 1, groupId: 1, measurementUnitId: 1, vatRate: 21, priceWithVat: 1, isActive: false });

    const rows = await connector(fake).listArticles();
    expect(fake.calls('reference-book/items/list')).toBe(2);
    expect(fake.calls('reference-book/item-groups/list')).toBe(1);
    expect(rows).toHaveLength(505);
    expect(rows.slice(0, 3)).toEqual([
      { name: 'Pienas 2,5 % 1 l', attributeName: 'Prekė', groupName: 'Pieno produktai', measurementUnitName: 'vnt', priceWithoutVat: '0.8065', priceWithVat: '1.00', vatRate: '24', barcode: '4770000000015' },
      { name: 'Sūris', attributeName: 'Prekė', groupName: 'Pieno produktai', measurementUnitName: 'kg', priceWithoutVat: '16.6989', priceWithVat: '20.71', vatRate: '24', barcode: '4770000000022' },
      { name: 'Prekė 0', attributeName: 'Prekė', groupName: 'Pieno produktai', measurementUnitName: 'vnt', priceWithoutVat: '2.50', priceWithVat: '3.03', vatRate: '21', barcode: ean(0) },
    ]);

    // Every row passes the importer's checks as a file row would.
    const header = headerIndex([...IMPORT_COLUMNS]);
    if (!('index' in header)) throw new Error('the columns are the importer’s');
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const checked = checkRow(i + 2, IMPORT_COLUMNS.map((c) => row[c]), header.index, new Set([2100, 2400]), seen);
      expect(checked).toHaveProperty('row');
      seen.set(row.barcode, i + 2);
    });
  }));
});
