import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRow, headerIndex, IMPORT_COLUMNS } from '../../../electron/domain/catalogue-import.js';
import { LedgerError, type LedgerConnector } from '../../../electron/devices/ledger/connector.js';
import { DirectoConnector } from '../../../electron/devices/ledger/directo.js';
import { decimalText, decimalUnits, directoNumber } from '../../../electron/devices/ledger/directo-xml.js';
import type { LedgerDocument } from '../../../electron/usecases/ledger-document.js';
import { startDirectoFake, type DirectoFake, type DirectoFault } from '../../support/directo-fake.js';
import { cashIn, creditNote, deliver, splitSale, writeOff, type Delivery } from '../../support/ledger-documents.js';

// The connector against an in-memory Directo on loopback that loses, delays and refuses puts.
// Every test ends with what the fake stored: each document exactly once, under its number. A held
// answer times its request out the moment the fake holds it (the fake's fetch), so the client's
// own timeout is long enough never to fire on a slow but normal loopback call.

const TIMEOUT_MS = 2_000;
const BASE = 100_000_000;
let fake: DirectoFake;

beforeEach(async () => {
  fake = await startDirectoFake();
});
afterEach(async () => {
  await fake.close();
});

const connector = (over: Partial<ConstructorParameters<typeof DirectoConnector>[0]> = {}): DirectoConnector =>
  new DirectoConnector({ url: fake.url, token: fake.token, timeoutMs: TIMEOUT_MS, numberBase: BASE, fetch: fake.fetch, ...over });

/** The split sale as the till freezes it: its rows, payments and VAT (24 %), besides its postings. */
const line = (code: string, name: string, quantityMilli: number, unitPriceMinor: number, sumMinor: number) => ({
  code, name, barcode: '', quantityMilli, unit: 'pcs', unitPriceMinor, discountMinor: 0, sumMinor, vatRateBp: 2400,
});
const withFacts = (doc: LedgerDocument, lines = [line('1301', 'Rye bread', 2000, 899, 1798), line('2040', 'Coffee', 1000, 755, 755)]): LedgerDocument => ({
  ...doc,
  lines,
  payments: [{ method: 'card', amountMinor: 2000 }, { method: 'cash', amountMinor: 555 }],
  vat: [{ rateBp: 2400, netMinor: 2059, vatMinor: 494, grossMinor: 2553 }],
});
const sale = () => withFacts(splitSale());
const samples = (): LedgerDocument[] => [sale(), withFacts(creditNote(splitSale())), cashIn(), writeOff()];
/** Where each sample lands: K block 1, C block 3, M block 4, W block 5, after the till's base. */
const NUMBERS = { invoice: ['110000042', '130000007'], receipt: ['140000003'], writeoff: ['150000001'] };

type Doc = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (n) => ['invoice', 'receipt', 'writeoff', 'row', 'payment'].includes(n) });

/** A document as Directo gives it back (`get=1&what=…&number=…`), parsed by the test's own reader; and the raw XML. */
async function readBack(what: string, number: string): Promise<{ doc: Doc; xml: string }> {
  const res = await fetch(fake.url, { method: 'POST', body: new URLSearchParams({ token: fake.token, get: '1', what, number }) });
  const xml = await res.text();
  const docs = ((parser.parse(xml) as Record<string, Record<string, Doc[]>>)[`${what}s`]?.[what] ?? []);
  expect(docs).toHaveLength(1);
  return { doc: docs[0]!, xml };
}
const rows = (doc: Doc, list = 'rows', element = 'row'): Doc[] => (doc[list] as Record<string, Doc[]>)[element]!;

function expectExactlyOnce(expected: Partial<Record<'invoice' | 'receipt' | 'writeoff', string[]>> = NUMBERS): void {
  for (const component of ['invoice', 'receipt', 'writeoff'] as const) {
    expect(fake.stored(component).map((d) => d['@_number']).sort(), component).toEqual([...(expected[component] ?? [])].sort());
  }
}

/** The uploader as deliver() drives it, with Directo's waits (a minute and more) recorded and then skipped. */
function quickRetries(c: LedgerConnector, asked: number[]): LedgerConnector {
  const fast = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e: unknown) => {
      if (e instanceof LedgerError && e.retryAfterMs !== undefined) {
        asked.push(e.retryAfterMs);
        throw new LedgerError(e.errorClass, e.message, 0);
      }
      throw e;
    });
  return { name: c.name, post: (d) => fast(c.post(d)), find: (d) => fast(c.find(d)), health: () => c.health() };
}

const failure = async (p: Promise<unknown>): Promise<LedgerError> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerError);
  return err as LedgerError;
};

describe('Directo connector', () => {
  it('posts a split sale, its credit note, a cash movement and a write-off, and reads them back', async () => {
    const c = connector();
    for (const doc of samples()) expect(await c.post(doc)).toBe('posted');
    expectExactlyOnce();

    const { doc: invoice } = await readBack('invoice', '110000042');
    expect(invoice).toMatchObject({ date: '2025-01-03', currency: 'EUR', confirm: '1', comment: 'shop:till1:sale:K000042', sum: '20.59', vat: '4.94', totalsum: '25.53', rounding: '0.02' });
    expect(rows(invoice).map((r) => [r.item, r.quantity, r.price, r.vatprc, r.sum])).toEqual([['1301', '2.000', '8.99', '24', '17.98'], ['2040', '1.000', '7.55', '24', '7.55']]);
    expect(rows(invoice, 'payments', 'payment').map((p) => [p.paymentmode, p.sum])).toEqual([['card', '20.00'], ['cash', '5.55']]);

    const { doc: credit } = await readBack('invoice', '130000007');
    expect(credit).toMatchObject({ creditinvoice: '110000042', totalsum: '-25.53', rounding: '-0.02', comment: 'shop:till1:credit_note:C000007' });
    expect(rows(credit).map((r) => [r.item, r.quantity, r.sum])).toEqual([['1301', '-2.000', '-17.98'], ['2040', '-1.000', '-7.55']]);
    expect(rows(credit, 'payments', 'payment').map((p) => p.sum)).toEqual(['-20.00', '-5.55']);

    const { doc: receipt } = await readBack('receipt', '140000003');
    expect(receipt).toMatchObject({ paymentmode: 'cash', confirm: '1', text: 'Cash in; float from the safe', comment: 'shop:till1:cash_in:M000003' });
    expect(rows(receipt).map((r) => [r.received, r.text])).toEqual([['50.00', 'assets:safe']]);

    const { doc: writeoff } = await readBack('writeoff', '150000001');
    expect(writeoff).toMatchObject({ confirm: '1', comment: 'shop:till1:write_off:W000001' });
    expect(rows(writeoff).map((r) => [r.item, r.quantity])).toEqual([['1301', '2.000']]);

    for (const doc of samples()) expect(await c.find(doc)).toBe(true);
    expect(await c.find(withFacts(splitSale('K000043')))).toBe(false);
    expect(await c.post(sale())).toBe('duplicate');
    expectExactlyOnce();
    expect(await c.health()).toEqual({ ok: true, detail: `${c.name}: XML Direct answers` });
  });

  it('keeps one writer when posts are started together', async () => {
    const c = connector();
    const docs = Array.from({ length: 12 }, (_, i) => withFacts(splitSale(`K${String(100 + i).padStart(6, '0')}`)));
    expect(await Promise.all(docs.map((d) => c.post(d)))).toEqual(docs.map(() => 'posted'));
    expect(fake.stored('invoice').map((d) => d['@_number'])).toEqual(docs.map((_, i) => String(BASE + 10_000_100 + i)));
  });

  it('round-trips names with &, < and quotes through the XML', async () => {
    const c = connector();
    const name = `Milk & "honey" <1 l> 'fresh'`;
    const doc = { ...withFacts(splitSale(), [line('1301', name, 1000, 2553, 2553)]), customer: { code: 'C&1', name: 'Smith & Sons <OÜ> "Ltd"', regNo: '', vatNo: '' } };
    expect(await c.post(doc)).toBe('posted');
    const { doc: back, xml } = await readBack('invoice', '110000042');
    expect(rows(back)[0]!.description).toBe(name);
    expect(back).toMatchObject({ customer: 'C&1', customername: 'Smith & Sons <OÜ> "Ltd"' });
    expect(xml).toContain('Milk &amp; &quot;honey&quot; &lt;1 l&gt;');
    expect(await c.find(doc)).toBe(true);
  });

  it('maps every till number to its own integer and refuses one past Directo\'s largest', async () => {
    const numbers = ['K000042', 'KR000042', 'C000042', 'M000042', 'W000042', 'I000042', 'Z42-stock', 'Z42-difference', 'Z42-bank', 'Z42-safe', 'ZS42', 'ZW42', 'KR000042-W', 'C000042-W'];
    const mapped = numbers.map((n) => directoNumber(n, 0));
    expect(new Set(mapped.map((m) => ('number' in m ? m.number : m.problem))).size).toBe(numbers.length);
    expect(mapped.every((m) => 'number' in m)).toBe(true);
    expect(directoNumber('K000042', 0)).toEqual({ number: 10_000_042 });
    expect(directoNumber('ZS42', 0)).toEqual({ number: 70_000_428 });
    expect(directoNumber('K000000', 2_137_483_647)).toEqual({ number: 2_147_483_647 });
    expect(directoNumber('K000001', 2_137_483_647)).toMatchObject({ problem: expect.stringContaining('2147483647') });
    expect(directoNumber('CM-0190f3a2-7c', 0)).toMatchObject({ problem: expect.stringContaining('no place') });

    const c = connector({ numberBase: 2_140_000_000 });
    const err = await failure(c.post(sale()));
    expect(err.errorClass).toBe('permanent');
    expect(err.message).toMatch(/would be 2150000042 in Directo, above its largest number 2147483647/);
    expect((await failure(c.find(sale()))).errorClass).toBe('permanent');
    expect(fake.puts()).toBe(0);
  });

  it('refuses an invoice without rows before sending it', async () => {
    expect((await failure(connector().post(splitSale()))).message).toMatch(/needs rows/);
    expect(fake.puts()).toBe(0);
  });

  it('calls a refused token permanent without ever showing it', async () => {
    const secret = 'wrong-secret-9f8e7d';
    const c = connector({ token: secret });
    expect(c.name).not.toContain(secret);
    for (const err of [await failure(c.post(sale())), await failure(deliver(c, cashIn())), await failure(c.find(sale()))]) {
      expect(err.errorClass).toBe('permanent');
      expect(err.message).toMatch(/refused the token \(Type 5 Unauthorized\)/);
      expect(err.message).not.toContain(secret);
    }
    const health = await c.health();
    expect(health.ok).toBe(false);
    expect(health.detail).not.toContain(secret);
    // A form without the token at all (a proxy that drops fields) is answered with <err>.
    const stripped: typeof fetch = (input, init) => {
      const form = new URLSearchParams(String(init?.body));
      form.delete('token');
      return fetch(input, { ...init, body: form.toString() });
    };
    expect((await failure(connector({ fetch: stripped }).post(sale()))).message).toMatch(/Directo: token required/);
    expectExactlyOnce({});
  });

  it('never shows the token, even when Directo or the network echoes it', async () => {
    await fake.close();
    const token = 'secret/token+with=chars&9f';
    fake = await startDirectoFake({ token });
    const c = connector({ token });
    const hidden = (text: string) => {
      for (const form of [token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2)]) expect(text).not.toContain(form);
    };

    fake.inject('echo-token');
    const refused = await failure(c.post(sale()));
    expect([refused.errorClass, refused.message]).toEqual(['permanent', expect.stringMatching(/refused by Directo \(Type 8 Invalid XML from token \*\*\*\)/)]);
    hidden(refused.message);

    fake.echoToken(true);
    const echoed = [await failure(c.post(sale())), await failure(c.find(sale())), await failure(c.listArticles())];
    for (const err of echoed) {
      expect(err.message).toMatch(/Directo: request not understood: token=\*\*\*&/);
      hidden(err.message);
    }
    const health = await c.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/request not understood: token=\*\*\*/);
    hidden(health.detail);

    // A network error naming what was sent.
    const leaking: typeof fetch = () => Promise.reject(new TypeError(`socket hang up while sending token=${token}`));
    const lost = await failure(connector({ token, fetch: leaking }).post(sale()));
    expect(lost.errorClass).toBe('unknown');
    hidden(lost.message);
    hidden((await connector({ token, fetch: leaking }).health()).detail);
    expectExactlyOnce({});
  });

  it('writes amounts through decimal arithmetic, and refuses one that is not a safe integer', () => {
    expect([decimalText(2553, 2), decimalText(-5, 2), decimalText(-750, 3), decimalText(Number.MAX_SAFE_INTEGER, 2)]).toEqual(['25.53', '-0.05', '-0.750', '90071992547409.91']);
    for (const bad of [2 ** 53, 0.5, Number.NaN]) expect(() => decimalText(bad, 2)).toThrow(RangeError);
    expect([decimalUnits('25.53', 2), decimalUnits('-0.05', 2), decimalUnits('2.000', 3)]).toEqual([2553, -5, 2000]);
    // Past the safe integers a float would count wrong: no amount rather than a wrong one.
    expect([decimalUnits('90071992547409.93', 2), decimalUnits('1.005', 2)]).toEqual([null, null]);
  });

  it('its own timeout ends an answer Directo holds: unknown, and the lookup finds what was stored', async () => {
    fake.inject('delay-after');
    // The held put never answers, so nothing races: only the client's own timeout ends it.
    const err = await failure(connector({ timeoutMs: 200, fetch: globalThis.fetch }).post(cashIn()));
    expect([err.errorClass, err.message]).toEqual(['unknown', expect.stringMatching(/sent, no answer/)]);
    expect(await connector().find(cashIn())).toBe(true);
    expectExactlyOnce({ receipt: ['140000003'] });
  });

  it('refuses plain http anywhere but loopback', () => {
    expect(() => new DirectoConnector({ url: 'http://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp', token: 't' })).toThrow(/https/);
    expect(new DirectoConnector({ url: 'https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp', token: 't0ken' }).name).toBe('Directo https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp');
  });

  it('calls an unreachable Directo temporary and unhealthy', async () => {
    const c = connector();
    await fake.close();
    expect((await failure(c.post(sale()))).errorClass).toBe('temporary');
    expect((await c.health()).ok).toBe(false);
    fake = await startDirectoFake();
  });

  it('reads product cards as the catalogue import\'s CSV rows', async () => {
    fake.setItems([
      { code: '1301', name: 'Rye bread & co', class: 'BAKERY', type: 'stock', unit: 'tk', price: '7.2500', vatprc: '24', barcode: '4740000000018' },
      { code: '1302', name: 'Old loaf', class: 'BAKERY', type: 'stock', unit: 'tk', price: '1.0000', vatprc: '24', barcode: '4740000000025', closed: '1' },
      { code: '5001', name: 'Apples', class: 'FRUIT', type: 'stock', unit: 'kg', price: '1.0000', vatprc: '9', barcode: '4740000000032' },
    ]);
    const articles = await connector().listArticles();
    expect(articles).toEqual([
      { name: 'Rye bread & co', attributeName: 'stock', groupName: 'BAKERY', measurementUnitName: 'tk', priceWithoutVat: '7.2500', priceWithVat: '8.99', vatRate: '24', barcode: '4740000000018' },
      { name: 'Apples', attributeName: 'stock', groupName: 'FRUIT', measurementUnitName: 'kg', priceWithoutVat: '1.0000', priceWithVat: '1.09', vatRate: '9', barcode: '4740000000032' },
    ]);
    // The importer takes them as they are.
    const index = headerIndex([...IMPORT_COLUMNS]);
    if (!('index' in index)) throw new Error('columns missing');
    const checked = articles.map((a, i) => checkRow(i + 2, IMPORT_COLUMNS.map((c) => a[c]), index.index, new Set([2400, 900]), new Map()));
    expect(checked.map((r) => ('row' in r ? [r.row.priceMinor, r.row.vatRateBp, r.row.unit] : r.rejections))).toEqual([[899, 2400, 'pcs'], [109, 900, 'kg']]);
  });
});

describe('faults between the till and Directo: each document exactly once', () => {
  // The first put of the second document meets the fault; later puts pass. Waits Directo asks
  // for (Retry-After, a minute after Type 9/17/31) are recorded, then skipped.
  const cases: [DirectoFault, string[], Delivery['result'], number[]][] = [
    ['500-before', ['temporary', 'posted'], 'posted', []],
    ['503-before', ['temporary:0', 'posted'], 'posted', [30_000]],
    ['429', ['temporary:0', 'posted'], 'posted', [120_000]],
    ['502-after', ['posted'], 'posted', []],
    ['drop-before', ['unknown', 'find:false', 'posted'], 'posted', []],
    ['drop-after', ['unknown', 'find:true'], 'found', []],
    ['delay-after', ['unknown', 'find:true'], 'found', []],
    ['garbage-after', ['unknown', 'find:true'], 'found', []],
    ['duplicate-after', ['duplicate'], 'duplicate', []],
    ['type-9', ['temporary:0', 'posted'], 'posted', [60_000]],
    ['type-17', ['temporary:0', 'posted'], 'posted', [60_000]],
    ['type-31', ['temporary:0', 'posted'], 'posted', [60_000]],
  ];

  it.each(cases)('%s', async (fault, steps, result, waits) => {
    const asked: number[] = [];
    const c = quickRetries(connector(), asked);
    fake.inject('pass', fault);
    const deliveries: Delivery[] = [];
    for (const doc of samples()) deliveries.push(await deliver(c, doc));
    expect(deliveries[1]).toEqual({ result, steps });
    for (const i of [0, 2, 3]) expect(deliveries[i]!.steps).toEqual(['posted']);
    expect(asked).toEqual(waits);
    // Nothing sent again once a lookup found it: one put per post step.
    expect(fake.puts()).toBe(deliveries.flatMap((d) => d.steps).filter((s) => !s.startsWith('find:')).length);
    expectExactlyOnce();
  });

  it.each([
    ['type-8', /refused by Directo \(Type 8 Invalid XML\)/],
    ['type-14', /needs a person in Directo \(Type 14 Update not allowed\)/],
  ] as const)('%s is permanent and nothing is stored', async (fault, message) => {
    fake.inject(fault);
    const err = await failure(deliver(connector(), sale()));
    expect(err.errorClass).toBe('permanent');
    expect(err.message).toMatch(message);
    expectExactlyOnce({});
  });

  it('a number holding a different document is permanent, for the post and the lookup', async () => {
    fake.seed('invoice', { '@_number': '110000042', '@_comment': 'typed in Directo', rows: { row: [{ '@_item': '1301', '@_quantity': '1.000', '@_sum': '9.99' }] } });
    const c = connector();
    for (const err of [await failure(deliver(c, sale())), await failure(c.find(sale()))]) {
      expect(err.errorClass).toBe('permanent');
      expect(err.message).toMatch(/a different document already has this number \(invoice 110000042\)/);
    }
    expect(fake.stored('invoice')).toHaveLength(1);
  });

  it('survives every fault in a row on one document', async () => {
    const asked: number[] = [];
    fake.inject('500-before', 'drop-before', 'type-9', 'delay-after');
    const d = await deliver(quickRetries(connector(), asked), writeOff());
    expect(d.steps).toEqual(['temporary', 'unknown', 'find:false', 'temporary:0', 'unknown', 'find:true']);
    expect(asked).toEqual([60_000]);
    expectExactlyOnce({ writeoff: ['150000001'] });
  });
});
