import { grossFromNet, parseDecimal, parseRateBp } from '../../domain/catalogue-import.js';
import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { LedgerError, type LedgerArticleRow, type LedgerConnector } from './connector.js';
import {
  attr,
  decimalText,
  directoDocument,
  directoProblem,
  readAnswer,
  readDocuments,
  sameDocument,
  type DirectoAnswer,
  type XmlRecord,
} from './directo-xml.js';
import { describeError, retryAfterMs, sendFailure } from './send-errors.js';

/**
 * Directo (Estonia) through XML Direct: every call is a form-urlencoded POST to one endpoint with
 * the token; `put=1&what=<component>&xmldata=<XML>` sends a document, `get=1&what=<component>&…`
 * reads. The document's integer number is its identity in Directo: a second put of a number is
 * refused as a duplicate (Type 11), and a lost answer is settled by reading the number back.
 * How the till's numbers become Directo's integers: directo-xml.ts.
 *
 * Which component takes what, and why:
 * - sale and credit_note → `invoice`: a retail invoice with its rows (item, quantity, unit price
 *   incl. VAT, discount, VAT rate, row sum incl. VAT). The payment split goes in the same
 *   invoice as payment rows, not as separate `receipt` documents: one put is one document under
 *   one number, so it is in Directo whole or not at all and one lookup tells which. Receipts per
 *   payment would need a number each and could leave an invoice stored without its payments.
 *   A credit note has negative quantities, sums and payments, and names the original sale's
 *   Directo number (`creditinvoice`) when that sale came from this till.
 * - cash_in, cash_out, cash_difference → `receipt` with one row of the signed amount (negative
 *   when money leaves the drawer): Directo's receipt is its money-in document; keeping every
 *   drawer movement in one component lets the cash account be reconciled in one list, and Directo's
 *   payments belong to suppliers' invoices, which a drawer movement is not.
 * - write_off and inventory → `writeoff` with item rows: a stock count's surplus is a negative
 *   write-off, so the stock moves the way the count found it.
 * Every document is sent with `confirm="1"` (an unconfirmed document changes no books) and carries
 * the till's key in `comment`, so a person in Directo can trace it to the till.
 *
 * Values are attributes, as Directo's schemas have them; the builder escapes them.
 */
export type DirectoOptions = {
  /** The XML Direct endpoint, e.g. https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp. */
  url: string;
  /** The XML Direct API key; it goes in the body only, never in a message or the name. */
  token: string;
  /** Per request (the whole answer, body included). */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Where this till's numbers start in Directo (tills sharing one Directo need distinct ranges). */
  numberBase?: number;
};

/** A product card as the catalogue import reads it: the CSV export's columns, as text. */
export type DirectoArticle = LedgerArticleRow;

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/** Directo asks for at least a minute before a failed import is tried again. */
const DIRECTO_RETRY_MS = 60_000;
/** Answer types, by what the uploader does with them. */
const ACCEPTED = new Set([0, 30]);
const DUPLICATE = 11;
const TRY_LATER = new Set([9, 17]);
const PRECONDITION_MISSING = 31;
const REFUSED = new Set([5, 8, 12, 13, 18, 99]);
const NEEDS_PERSON = new Set([14, 19, 29, 39]);

type Lookup = 'absent' | 'same' | 'different';

export class DirectoConnector implements LedgerConnector {
  readonly name: string;
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly numberBase: number;
  private readonly fetch: typeof globalThis.fetch;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DirectoOptions) {
    this.url = new URL(options.url);
    // The token travels in the body: only TLS keeps it secret, unless the server is this machine.
    if (this.url.protocol !== 'https:' && !(this.url.protocol === 'http:' && LOOPBACK.includes(this.url.hostname))) {
      throw new Error(`Directo must be reached over https (plain http only on loopback), not ${this.url.origin}`);
    }
    if (options.token.trim() === '') throw new Error('Directo needs the XML Direct token');
    this.numberBase = options.numberBase ?? 0;
    if (!Number.isSafeInteger(this.numberBase) || this.numberBase < 0) throw new Error(`the Directo number range must start at a whole number ≥ 0, not ${this.numberBase}`);
    this.name = `Directo ${this.url.origin}${this.url.pathname}`;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    // Checked before queueing: a document Directo can never take is set aside without a round trip.
    const problem = directoProblem(doc, this.numberBase);
    if (problem) return Promise.reject(new LedgerError('permanent', `${doc.key}: ${problem}`));
    return this.redacted(this.serially(() => this.put(doc)));
  }

  find(doc: LedgerDocument): Promise<boolean> {
    const problem = directoProblem(doc, this.numberBase);
    if (problem) return Promise.reject(new LedgerError('permanent', `${doc.key}: ${problem}`));
    return this.redacted(
      this.serially(async () => {
        const found = await this.lookup(doc);
        if (found === 'different') throw this.taken(doc);
        return found === 'same';
      }),
    );
  }

  /** A read that matches nothing: proves the address, the token and the interface cheaply. */
  async health(): Promise<{ ok: boolean; detail: string }> {
    const { ok, detail } = await this.probe();
    return { ok, detail: this.redact(detail) };
  }

  private async probe(): Promise<{ ok: boolean; detail: string }> {
    try {
      const { res, body } = await this.call({ get: '1', what: 'item', code: '-till-health-check-' });
      if (!res.ok) return { ok: false, detail: `${this.name}: HTTP ${res.status}` };
      const answer = readAnswer(body);
      if (answer.kind === 'result' && answer.type === 5) return { ok: false, detail: `${this.name}: the token was refused (Type 5 ${answer.desc})` };
      if (answer.kind === 'error') return { ok: false, detail: `${this.name}: ${answer.text}` };
      if (readDocuments(body, 'item') === null) return { ok: false, detail: `${this.name}: the answer is not XML` };
      return { ok: true, detail: `${this.name}: XML Direct answers` };
    } catch (err) {
      return { ok: false, detail: `${this.name}: ${describeError(err)}` };
    }
  }

  /** Product cards from Directo's items, shaped as the catalogue import's CSV rows (closed items left out). */
  listArticles(): Promise<DirectoArticle[]> {
    return this.redacted(this.articles());
  }

  private async articles(): Promise<DirectoArticle[]> {
    let res: Response;
    let body: string;
    try {
      ({ res, body } = await this.call({ get: '1', what: 'item' }));
    } catch (err) {
      throw new LedgerError('temporary', `items: ${describeError(err)}`);
    }
    if (!res.ok) throw new LedgerError(res.status >= 500 || res.status === 429 ? 'temporary' : 'permanent', `items: HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    this.refusal('items', readAnswer(body));
    const items = readDocuments(body, 'item');
    if (items === null) throw new LedgerError('temporary', 'items: the answer is not XML');
    return items.filter((item) => attr(item, 'closed') !== '1').map(article);
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async put(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    const { component, number, xml } = directoDocument(doc, this.numberBase);
    let res: Response;
    let body: string;
    try {
      ({ res, body } = await this.call({ put: '1', what: component, xmldata: xml }));
    } catch (err) {
      throw sendFailure(doc.key, err);
    }
    const where = `${doc.key}: ${component} ${number}`;
    if (res.status === 429) throw new LedgerError('temporary', `${where}: HTTP 429`, retryAfterMs(res.headers.get('retry-after')));
    if (res.status >= 500) {
      // A gateway may answer 5xx after Directo stored the document: look before saying "send again".
      const found = await this.lookupAfterAnswer(doc);
      if (found === 'same') return 'posted';
      if (found === 'different') throw this.taken(doc);
      throw new LedgerError('temporary', `${where}: HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status >= 400) throw new LedgerError('permanent', `${where}: HTTP ${res.status}`);
    const answer = readAnswer(body);
    if (answer.kind === 'not-xml' || answer.kind === 'no-result') {
      // Directo always answers with a result: anything else came from something in between, which
      // may have let the put through.
      throw new LedgerError('unknown', `${where}: the answer is not Directo's result${answer.kind === 'not-xml' ? ' (not XML)' : ''}`);
    }
    this.refusal(where, answer);
    if (answer.kind !== 'result') throw new LedgerError('permanent', `${where}: unexpected answer`);
    const { type, desc } = answer;
    const said = `Type ${type}${desc ? ` ${desc}` : ''}`;
    if (ACCEPTED.has(type)) return 'posted';
    if (type === DUPLICATE) {
      // The number is taken: ours only if what Directo holds under it is this document.
      const found = await this.lookupAfterAnswer(doc);
      if (found === 'same') return 'duplicate';
      if (found === 'different') throw this.taken(doc);
      throw new LedgerError('permanent', `${where}: Directo says the number is taken (${said}), yet nothing can be read under it`);
    }
    if (TRY_LATER.has(type)) throw new LedgerError('temporary', `${where}: Directo could not import it now (${said})`, DIRECTO_RETRY_MS);
    if (type === PRECONDITION_MISSING) throw new LedgerError('temporary', `${where}: something it refers to is not in Directo yet (${said})`, DIRECTO_RETRY_MS);
    if (NEEDS_PERSON.has(type)) throw new LedgerError('permanent', `${where}: needs a person in Directo (${said})`);
    if (REFUSED.has(type)) throw new LedgerError('permanent', `${where}: refused by Directo (${said})`);
    throw new LedgerError('permanent', `${where}: an answer the till does not know (${said})`);
  }

  /** A refused token or an `<err>` answer: nothing the till can change by trying again. */
  private refusal(where: string, answer: DirectoAnswer): void {
    if (answer.kind === 'error') throw new LedgerError('permanent', `${where}: Directo: ${answer.text}`);
    if (answer.kind === 'result' && answer.type === 5) throw new LedgerError('permanent', `${where}: Directo refused the token (Type 5 ${answer.desc})`);
  }

  private taken(doc: LedgerDocument): LedgerError {
    const { component, number } = directoDocument(doc, this.numberBase);
    return new LedgerError('permanent', `${doc.key}: a different document already has this number (${component} ${number}) in Directo`);
  }

  /** A lookup inside post: when it cannot tell, the put may have been stored, so the outcome is unknown. */
  private async lookupAfterAnswer(doc: LedgerDocument): Promise<Lookup> {
    try {
      return await this.lookup(doc);
    } catch (err) {
      if (err instanceof LedgerError && err.errorClass === 'permanent') throw err;
      throw new LedgerError('unknown', `${doc.key}: Directo answered, then could not be read: ${describeError(err)}`);
    }
  }

  private async lookup(doc: LedgerDocument): Promise<Lookup> {
    const ours = directoDocument(doc, this.numberBase);
    const where = `${doc.key}: reading ${ours.component} ${ours.number}`;
    let res: Response;
    let body: string;
    try {
      ({ res, body } = await this.call({ get: '1', what: ours.component, number: String(ours.number) }));
    } catch (err) {
      throw new LedgerError('temporary', `${where}: ${describeError(err)}`);
    }
    if (!res.ok) throw new LedgerError(res.status >= 400 && res.status < 500 && res.status !== 429 ? 'permanent' : 'temporary', `${where}: HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    this.refusal(where, readAnswer(body));
    const documents = readDocuments(body, ours.component);
    if (documents === null) throw new LedgerError('temporary', `${where}: the answer is not XML`);
    const theirs = documents.filter((d) => attr(d, 'number') === String(ours.number));
    if (theirs.length === 0) return 'absent';
    return theirs.some((d) => sameDocument(ours.component, ours.record, d)) ? 'same' : 'different';
  }

  /**
   * Directo's `<err>` text, a result's Desc, a proxy's page or a network error may echo what was
   * sent, the token with it: no message leaves the connector with the token in it, as sent or
   * URL-encoded.
   */
  private redact(text: string): string {
    const { token } = this.options;
    if (token.length < 4) return text;
    const forms = new Set([token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2)]);
    let clean = text;
    for (const form of forms) clean = clean.split(form).join('***');
    return clean;
  }

  /** The task's failure with the token taken out of its message (its class and wait kept). */
  private redacted<T>(task: Promise<T>): Promise<T> {
    return task.catch((err: unknown) => {
      if (err instanceof LedgerError) throw new LedgerError(err.errorClass, this.redact(err.message), err.retryAfterMs);
      throw new Error(this.redact(err instanceof Error ? err.message : String(err)));
    });
  }

  /** One form POST; the body is read under the same timeout. */
  private async call(fields: Record<string, string>): Promise<{ res: Response; body: string }> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const res = await this.fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/xml, text/xml' },
      body: new URLSearchParams({ token: this.options.token, ...fields }).toString(),
      signal,
    });
    return { res, body: await res.text() };
  }
}

/** An item as the import's CSV row; the price with VAT is worked out from the net price and rate when Directo gives only those. */
function article(item: XmlRecord): DirectoArticle {
  const net = attr(item, 'price') ?? '';
  const rate = attr(item, 'vatprc') ?? '';
  const net4 = parseDecimal(net, 4);
  const rateBp = parseRateBp(rate);
  const gross = attr(item, 'pricewithvat') ?? (net4 !== null && rateBp !== null ? decimalText(grossFromNet(net4, rateBp), 2) : '');
  return {
    name: attr(item, 'name') ?? '',
    attributeName: attr(item, 'type') ?? '',
    groupName: attr(item, 'class') ?? '',
    measurementUnitName: attr(item, 'unit') ?? '',
    priceWithoutVat: net,
    priceWithVat: gross,
    vatRate: rate,
    barcode: attr(item, 'barcode') ?? '',
  };
}


