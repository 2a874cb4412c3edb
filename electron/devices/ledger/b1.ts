import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { everyMatch, exactly, headerDifference, ours, ownRowNos, receiptDifference, TakenNumber, type ListPage } from './b1-lookup.js';
import {
  articleRow,
  b1Ref,
  byRef,
  cashPartMinor,
  cashPostingsMinor,
  cashReceipt,
  clientBody,
  documentProblem,
  idOf,
  isActiveItem,
  isCashDocument,
  isWriteOff,
  listBody,
  saleHeader,
  saleLine,
  type B1ArticleRow,
  type B1Ref,
  type B1Row,
  type ListRule,
} from './b1-mapping.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import { describeError, retryAfterMs, sendFailure, snippet } from './send-errors.js';

export type { B1ArticleRow } from './b1-mapping.js';

/**
 * B1.lt (site.pro accounting) through its REST API: every call a POST of JSON to
 * `<base>/api/<module>/<resource>/<action>` with the key in `B1-Api-Key`. How documents map:
 *
 * - sale → a sales document (`warehouse/sales/create`), series + number from the document's
 *   number and `autoGenerateNumberAndSeries: false`: B1 refuses a second sales document with the
 *   same pair ("already exists"), the only server-side dedupe it has. Then one
 *   `warehouse/sale-items/create-simple` per line (rowNo = position), then the cash part as a cash
 *   receipt under the same series + number. The card part stays an open amount on the sale: it is
 *   settled when the acquirer's payout arrives on the bank statement, which B1 imports itself.
 * - credit_note → a sales document of its own series (C…) with negative quantities and a negative
 *   cash receipt for the cash paid back. B1 does not match a return to its sale: the accountant
 *   links them if the books need it (the description names the sale).
 * - cash_in / cash_out / cash_difference → a cash receipt: positive into the drawer, negative out
 *   of it. Only cash receipts are known from B1's API; keeping money out in the same list also
 *   lets one lookup find every cash document. A negative receipt is unconfirmed: if B1 refuses it,
 *   it comes back as a permanent error and a person sees it.
 * - write_off / inventory → a sales document whose operation type is B1's write-off type
 *   (`isWriteOff`), lines without a price. Unconfirmed: all of it is in `writeOffType()`.
 *
 * None of this is atomic on B1's side: a crash (or a refused connection) between a header and its
 * lines leaves a header with some lines. So a document is "there" only when the header and every
 * line (by rowNo) and its cash receipt are, and a post looks its header up before making one and
 * completes what is missing instead of making a second. B1 is not trusted to refuse a second
 * header, line or receipt: before one is sent, it is looked up. A record under the document's
 * series and number is taken for the document's own only when it agrees with it (b1-lookup.ts);
 * someone else's is a permanent error. Every request of an instance runs on one chain (one writer).
 */
export type B1Options = {
  /** `https://www.b1.lt` or `https://site.pro/My-Accounting`; plain http only on loopback (tests). */
  baseUrl: string;
  apiKey: string;
  /** Per request, the answer's body included. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** B1's warehouse for the till's goods; without it B1 takes its primary warehouse. */
  warehouseId?: number;
};

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** jqGrid page sizes B1 takes: 10, 20, 30, 50, 100, 200, 500. */
const PAGE = 500;
const MAX_PAGES = 10_000;

/**
 * A create's record: made by this request (a clean answer with its id), found after an answer that
 * left it open, or there already (found before sending, or answered "already exists" and found).
 */
type Created = { id: number; outcome: 'made' | 'found' | 'existed' };

/** B1's answer, read: the status that counts (an error inside an HTTP 200 counts as that error). */
type Answer = { status: number; json: B1Row | null; message: string; retryAfterMs?: number };

export class B1Connector implements LedgerConnector {
  readonly name: string;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;
  private chain: Promise<unknown> = Promise.resolve();
  /** Ids that never change once made: article codes and client codes to B1 ids, the write-off type. */
  private readonly itemIds = new Map<string, number>();
  private readonly clientIds = new Map<string, number>();
  private writeOffTypeId: number | null = null;

  constructor(private readonly options: B1Options) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const loopback = LOOPBACK.includes(this.base.hostname);
    // The key would travel in clear text.
    if (!(this.base.protocol === 'https:' || (this.base.protocol === 'http:' && loopback))) {
      throw new Error(`B1.lt must be reached over https (the API key must not travel in clear text), not ${this.base.origin}`);
    }
    this.name = `B1.lt ${this.base.origin}${this.base.pathname === '/' ? '' : this.base.pathname.replace(/\/$/, '')}`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    const problem = documentProblem(doc);
    if (problem) return Promise.reject(new LedgerError('permanent', `${doc.key}: ${problem}`));
    return this.serially(() => (isCashDocument(doc.type) ? this.postCash(doc) : this.postGoods(doc)));
  }

  find(doc: LedgerDocument): Promise<boolean> {
    return this.serially(() => this.present(doc));
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      const { rows, records } = await this.list('reference-book/vat-rates/list', [], 1, 10);
      return { ok: true, detail: `${this.name}: API key accepted, ${records ?? rows.length} VAT rates` };
    } catch (err) {
      return { ok: false, detail: `${this.name}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /** Every active product card, in the columns of B1's CSV export. */
  async listArticles(): Promise<B1ArticleRow[]> {
    const names = {
      groups: await this.names('reference-book/item-groups/list'),
      units: await this.names('reference-book/measurement-units/list'),
      attributes: await this.names('reference-book/item-attributes/list', true),
    };
    return (await this.all('reference-book/items/list', [])).filter(isActiveItem).map((item) => articleRow(item, names));
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  // ---- documents ----

  private async postCash(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    const ref = b1Ref(doc.number);
    const total = cashPostingsMinor(doc);
    // B1 is not known to refuse a second receipt with the same number: a post must not make one.
    if ((await this.receiptId(doc, ref, total)) !== null) return 'duplicate';
    const receipt = await this.createOnce(doc, 'cash receipt', 'cash-flow/cash-receipts/create', cashReceipt(doc, ref, total), () => this.receiptId(doc, ref, total));
    return receipt.outcome === 'existed' ? 'duplicate' : 'posted';
  }

  private async postGoods(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    const ref = b1Ref(doc.number);
    const warehouseId = this.options.warehouseId;
    // Everything the lines need is found before the header is made: a missing article must not
    // leave a header without lines behind.
    const itemIds = await this.itemIdsOf(doc);
    const clientId = doc.customer ? await this.clientId(doc, doc.customer) : null;
    const operationTypeId = isWriteOff(doc.type) ? await this.writeOffType(doc) : undefined;

    // An earlier try may have made the header and then failed, even with an error that said
    // nothing was sent: that header is completed, never made again.
    const made = await this.saleId(doc, ref, clientId);
    const header: Created =
      made !== null
        ? { id: made, outcome: 'existed' }
        : await this.createOnce(doc, 'header', 'warehouse/sales/create', saleHeader(doc, ref, { clientId: clientId ?? undefined, operationTypeId, warehouseId }), () => this.saleId(doc, ref, clientId));
    let created = header.outcome !== 'existed';
    // Only a header this request certainly made has no lines yet; any other may be an earlier
    // try's, with some of its lines.
    const fresh = header.outcome === 'made';
    const present = fresh ? new Set<number>() : await this.rowNos(doc, ref, header.id, itemIds);
    for (const [i, itemId] of itemIds.entries()) {
      const rowNo = i + 1;
      if (present.has(rowNo)) continue;
      const body = saleLine(doc, i, { saleId: header.id, itemId, warehouseId });
      const line = await this.createOnce(doc, `line ${rowNo}`, 'warehouse/sale-items/create-simple', body, async () => ((await this.rowNos(doc, ref, header.id, itemIds)).has(rowNo) ? rowNo : null));
      created ||= line.outcome !== 'existed';
    }
    const cash = isWriteOff(doc.type) ? 0 : cashPartMinor(doc);
    if (cash !== 0 && (fresh || (await this.receiptId(doc, ref, cash)) === null)) {
      const receipt = await this.createOnce(doc, 'cash receipt', 'cash-flow/cash-receipts/create', cashReceipt(doc, ref, cash, clientId ?? undefined), () => this.receiptId(doc, ref, cash));
      created ||= receipt.outcome !== 'existed';
    }
    return created ? 'posted' : 'duplicate';
  }

  /** The header, every line and the cash receipt: anything less is a document to complete. */
  private async present(doc: LedgerDocument): Promise<boolean> {
    const ref = b1Ref(doc.number);
    if (isCashDocument(doc.type)) return (await this.receiptId(doc, ref, cashPostingsMinor(doc))) !== null;
    // A lookup makes nothing: a customer B1 does not know yet has no header of this document.
    const clientId = doc.customer ? await this.knownClientId(doc.customer) : null;
    const saleId = await this.saleId(doc, ref, clientId);
    if (saleId === null) return false;
    const rowNos = await this.rowNos(doc, ref, saleId, await this.itemIdsOf(doc));
    if (!doc.lines.every((_, i) => rowNos.has(i + 1))) return false;
    const cash = isWriteOff(doc.type) ? 0 : cashPartMinor(doc);
    return cash === 0 || (await this.receiptId(doc, ref, cash)) !== null;
  }

  /** The document's header: its id, null when there is none; someone else's under its pair is an error. */
  private async saleId(doc: LedgerDocument, ref: B1Ref, clientId: number | null): Promise<number | null> {
    const rows = await this.exact('warehouse/sales/list', byRef(ref));
    return ours(doc, ref, rows, (row) => headerDifference(row, doc, clientId));
  }

  /** The document's cash receipt (of `totalMinor`): its id, null when there is none; someone else's is an error. */
  private async receiptId(doc: LedgerDocument, ref: B1Ref, totalMinor: number): Promise<number | null> {
    const rows = await this.exact('cash-flow/cash-receipts/list', byRef(ref));
    return ours(doc, ref, rows, (row) => receiptDifference(row, doc, totalMinor));
  }

  /** The header's lines by rowNo, each checked to be the document's. */
  private async rowNos(doc: LedgerDocument, ref: B1Ref, saleId: number, itemIds: readonly number[]): Promise<Set<number>> {
    return ownRowNos(doc, ref, await this.exact('warehouse/sale-items/list', [{ field: 'saleId', op: 'eq', data: String(saleId) }]), itemIds);
  }

  /** Every record whose fields equal the rules exactly: B1's filter may compare loosely (case, trimming) or not at all. */
  private exact(path: string, rules: ListRule[]): Promise<B1Row[]> {
    const what = `${path} ${rules.map((r) => `${r.field}=${r.data}`).join(' ')}`;
    return everyMatch((page) => this.list(path, rules, page, PAGE), exactly(rules), what, PAGE, MAX_PAGES);
  }

  private async itemIdsOf(doc: LedgerDocument): Promise<number[]> {
    const itemIds: number[] = [];
    for (const line of doc.lines) itemIds.push(await this.itemId(doc, line.code, line.barcode));
    return itemIds;
  }

  private async itemId(doc: LedgerDocument, code: string, barcode: string): Promise<number> {
    for (const [field, value] of [['code', code], ['barcode', barcode]] as const) {
      if (value.trim() === '') continue;
      const cached = this.itemIds.get(`${field}:${value}`);
      if (cached !== undefined) return cached;
      const rows = await this.exact('reference-book/items/list', [{ field, op: 'eq', data: value }]);
      const id = idOf(rows[0]?.id);
      if (id !== null) {
        this.itemIds.set(`${field}:${value}`, id);
        return id;
      }
    }
    // The till's articles come from B1: one it does not know needs its card made there first.
    throw new LedgerError('permanent', `${doc.key}: article ${code || barcode} is not in B1.lt (make its product card there, then send the document again)`);
  }

  private async clientId(doc: LedgerDocument, customer: NonNullable<LedgerDocument['customer']>): Promise<number> {
    const find = () => this.knownClientId(customer);
    const id = (await find()) ?? (await this.createOnce(doc, `client ${customer.code}`, 'clients/create', clientBody(customer), find)).id;
    this.clientIds.set(customer.code, id);
    return id;
  }

  /** The customer's client in B1 by its code, or null when B1 has none (nothing is made). */
  private async knownClientId(customer: NonNullable<LedgerDocument['customer']>): Promise<number | null> {
    const cached = this.clientIds.get(customer.code);
    if (cached !== undefined) return cached;
    const id = idOf((await this.exact('clients/list', [{ field: 'code', op: 'eq', data: customer.code }]))[0]?.id);
    if (id !== null) this.clientIds.set(customer.code, id);
    return id;
  }

  /**
   * How a write-off is told apart from a sale: B1's operation type flagged `isWriteOff`. This is
   * the one unconfirmed part of the mapping (public facts name the flag, not the document it
   * belongs on); if B1 keeps write-offs elsewhere, this and the header's path change.
   */
  private async writeOffType(doc: LedgerDocument): Promise<number> {
    if (this.writeOffTypeId !== null) return this.writeOffTypeId;
    const rows = await this.all('reference-book/operation-types/list', []);
    const id = idOf(rows.find((r) => r.isWriteOff === true || r.isWriteOff === 1 || r.isWriteOff === '1')?.id);
    if (id === null) throw new LedgerError('permanent', `${doc.key}: B1.lt has no write-off operation type (isWriteOff): make one there`);
    this.writeOffTypeId = id;
    return id;
  }

  // ---- requests ----

  /**
   * Creates one record. Whenever the answer leaves its fate open — "already exists", a 5xx that
   * may come after the store, a success without a readable id — the record is looked up by what
   * identifies it; only a lookup that cannot tell leaves the outcome unknown.
   */
  private async createOnce(doc: LedgerDocument, what: string, path: string, body: B1Row, lookup: () => Promise<number | null>): Promise<Created> {
    const label = `${doc.key}: ${what}`;
    let answer: Answer;
    try {
      answer = await this.send(path, body);
    } catch (err) {
      throw sendFailure(label, err, (e) => this.describe(e));
    }
    const { status } = answer;
    const exists = status === 409 || (status === 400 && /already exists/i.test(answer.message));
    if (status >= 200 && status < 300) {
      const id = idOf((answer.json?.data as B1Row | undefined)?.id);
      if (id !== null) return { id, outcome: 'made' };
      const found = await this.lookupAfterAnswer(label, lookup);
      if (found !== null) return { id: found, outcome: 'found' };
      throw new LedgerError('unknown', `${label}: HTTP ${status} without an id, and not found: ${answer.message}`);
    }
    if (exists) {
      const found = await this.lookupAfterAnswer(label, lookup);
      if (found !== null) return { id: found, outcome: 'existed' };
      throw new LedgerError('permanent', `${label}: B1.lt says it exists (${status}: ${answer.message}), but it cannot be found by its number`);
    }
    if (status >= 500) {
      const found = await this.lookupAfterAnswer(label, lookup);
      if (found !== null) return { id: found, outcome: 'found' };
    }
    throw this.refusal(label, answer);
  }

  private async lookupAfterAnswer(label: string, lookup: () => Promise<number | null>): Promise<number | null> {
    try {
      return await lookup();
    } catch (err) {
      // Someone else's record under the pair: that is known, and no retry changes it.
      if (err instanceof TakenNumber) throw err;
      throw new LedgerError('unknown', `${label}: B1.lt answered, then could not be searched: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** An answer that is not a success, as the class the uploader acts on. */
  private refusal(label: string, answer: Answer): LedgerError {
    const { status, message } = answer;
    if (status === 401 || status === 403) return new LedgerError('permanent', `${label}: B1.lt refused the API key (HTTP ${status}): check the key in the settings`);
    if (status === 429 || status >= 500) return new LedgerError('temporary', `${label}: HTTP ${status}: ${message}`, answer.retryAfterMs);
    return new LedgerError('permanent', `${label}: HTTP ${status}: ${message}`);
  }

  /** One page of a list. Lookups store nothing: whatever goes wrong, asking again is safe. */
  private async list(path: string, rules: ListRule[], page: number, rows: number, missingOk = false): Promise<ListPage> {
    let answer: Answer;
    try {
      answer = await this.send(path, listBody(rules, page, rows));
    } catch (err) {
      throw new LedgerError('temporary', `${path}: ${this.describe(err)}`);
    }
    if (missingOk && answer.status === 404) return { rows: [], records: 0 };
    if (answer.status < 200 || answer.status >= 300) throw this.refusal(path, answer);
    const data = answer.json?.data;
    if (!Array.isArray(data)) throw new LedgerError('temporary', `${path}: the answer is not a list: ${answer.message}`);
    const found = data.filter((r): r is B1Row => typeof r === 'object' && r !== null);
    return { rows: found, records: idOf(answer.json?.records) };
  }

  private async all(path: string, rules: ListRule[], missingOk = false): Promise<B1Row[]> {
    const rows: B1Row[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const one = await this.list(path, rules, page, PAGE, missingOk);
      rows.push(...one.rows);
      if (one.rows.length < PAGE || (one.records !== null && rows.length >= one.records)) break;
    }
    return rows;
  }

  /** id → name of a reference list, read once per call that needs it. */
  private async names(path: string, missingOk = false): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    for (const row of await this.all(path, [], missingOk)) {
      const id = idOf(row.id);
      if (id !== null && typeof row.name === 'string') names.set(id, row.name);
    }
    return names;
  }

  private async send(path: string, body: B1Row): Promise<Answer> {
    const res = await this.fetch(new URL(`api/${path}`, this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'B1-Api-Key': this.options.apiKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // A body cut off after the status line reads as garbage: callers look the record up.
    const text = await res.text().catch(() => '');
    return this.read(res.status, text, res.headers.get('retry-after'));
  }

  private read(httpStatus: number, text: string, retryAfter: string | null): Answer {
    let json: B1Row | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as B1Row;
    } catch {
      // Not JSON: the status alone speaks.
    }
    // B1 sometimes answers HTTP 200 with the real status inside the body.
    const inner = idOf(json?.status) ?? idOf(json?.code);
    const status = httpStatus >= 200 && httpStatus < 300 && inner !== null && inner >= 400 ? inner : httpStatus;
    const message = this.redact(typeof json?.message === 'string' ? json.message : snippet(text));
    return { status, json, message, ...(retryAfter !== null ? { retryAfterMs: retryAfterMs(retryAfter) } : {}) };
  }

  /** The key never goes into a message, even if a server or proxy echoes it. */
  private redact(text: string): string {
    return this.options.apiKey.length >= 4 ? text.split(this.options.apiKey).join('***') : text;
  }

  private describe(err: unknown): string {
    return this.redact(describeError(err));
  }
}
