import { execFile } from 'node:child_process';
import type { LedgerDocument } from '../../usecases/ledger-document.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import { describeError, retryAfterMs, sendFailure, snippet } from './send-errors.js';

export { retryAfterMs } from './send-errors.js';
import { readDeclarations, undeclared, type Declarations } from './hledger-declared.js';
import { hasKeyTag, hledgerProblem, KEY_TAG, SUPPORTED_VERSION, toHledgerTransaction } from './hledger-json.js';

export type HledgerWebOptions = {
  /** hledger-web's address: loopback http only (hledger-web has no authentication). */
  baseUrl: string;
  /**
   * The journal hledger-web serves. Lookups ask hledger itself, which reads the file as it is:
   * hledger-web's own copy is reread only when the file's mtime looks newer than its last read,
   * and the kernel's coarse file clock can make an add right after a read look older — a lookup
   * through hledger-web may then miss a document that is there, and exactly-once would break.
   */
  journalFile: string;
  /** Per request (the whole answer, body included). */
  timeoutMs?: number;
  /** The hledger command for lookups (default `hledger`). */
  hledgerBin?: string;
  fetch?: typeof globalThis.fetch;
};


/**
 * hledger-web 1.25 through its JSON API (`--serve-api`). It never refuses a duplicate and
 * returns no id, so exactly-once rests on the document's key in a `pos-id:` tag, a lookup before
 * anything is sent again, and one writer: every request of this instance runs on one chain.
 */
export class HledgerWebConnector implements LedgerConnector {
  readonly name: string;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;
  private chain: Promise<unknown> = Promise.resolve();
  private declared: Declarations | null = null;

  constructor(private readonly options: HledgerWebOptions) {
    this.base = new URL(options.baseUrl);
    if (this.base.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(this.base.hostname)) {
      throw new Error(`hledger-web has no authentication: it must be on loopback http, not ${options.baseUrl}`);
    }
    this.name = `hledger-web ${this.base.origin}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    // Checked before queueing: hledger-web would append a bad entry and the journal would no longer load.
    const problem = hledgerProblem(doc);
    if (problem) return Promise.reject(new LedgerError('permanent', `${doc.key}: ${problem}`));
    return this.serially(() => this.put(doc));
  }

  find(doc: LedgerDocument): Promise<boolean> {
    return this.serially(() => this.lookup(doc));
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      const res = await this.request('GET', '/version');
      const text = (await res.text()).trim();
      if (!res.ok) return { ok: false, detail: `${this.name}: /version answered HTTP ${res.status}` };
      const version = parseVersion(text);
      // The Transaction JSON differs between versions: another one would refuse or misread it.
      if (!SUPPORTED_VERSION.test(version)) return { ok: false, detail: `${this.name}: version ${version}, the till speaks 1.25` };
      return { ok: true, detail: `${this.name}: hledger-web ${version}` };
    } catch (err) {
      return { ok: false, detail: `${this.name}: ${describeError(err)}` };
    }
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Refuses (permanent) a document naming what the journal does not declare, once the journal has
   * been read again: a person may have declared it since the last read.
   */
  private async checkDeclared(doc: LedgerDocument): Promise<void> {
    let missing = this.declared ? undeclared(doc, this.declared) : ['(not read yet)'];
    if (missing.length === 0) return;
    try {
      this.declared = await readDeclarations(this.options.journalFile);
    } catch (err) {
      throw new LedgerError('temporary', `${doc.key}: the journal ${this.options.journalFile} cannot be read: ${describeError(err)}`);
    }
    missing = undeclared(doc, this.declared);
    if (missing.length > 0) {
      throw new LedgerError('permanent', `${doc.key}: the journal does not declare ${missing.join(', ')}: declare it in the journal (hledger check -s would fail), then try again`);
    }
  }

  private async put(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    await this.checkDeclared(doc);
    let res: Response;
    let body: string;
    try {
      res = await this.request('PUT', '/add', JSON.stringify(toHledgerTransaction(doc)));
      // A 201's body is empty and means nothing; reading it may still fail (a dropped connection).
      body = await res.text().catch(() => '');
    } catch (err) {
      throw sendFailure(doc.key, err);
    }
    if (res.status >= 200 && res.status < 300) {
      await this.reload();
      return 'posted';
    }
    if (res.status === 409) {
      // "Already there" is a claim to check: only the key in the journal makes it a duplicate.
      if (await this.lookupAfterAnswer(doc)) return 'duplicate';
      throw new LedgerError('permanent', `${doc.key}: HTTP 409 but the document is not in the journal: ${snippet(body)}`);
    }
    if (res.status === 429 || res.status === 503) {
      throw new LedgerError('temporary', `${doc.key}: HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status >= 500) {
      // A 5xx from a proxy may come after hledger-web appended: look before saying "send again".
      if (await this.lookupAfterAnswer(doc)) {
        await this.reload();
        return 'posted';
      }
      throw new LedgerError('temporary', `${doc.key}: HTTP ${res.status}: ${snippet(body)}`, retryAfterMs(res.headers.get('retry-after')));
    }
    throw new LedgerError('permanent', `${doc.key}: HTTP ${res.status}: ${snippet(body)}`);
  }

  /** A lookup inside post: when it cannot tell, the document may be there, so the outcome is unknown. */
  private async lookupAfterAnswer(doc: LedgerDocument): Promise<boolean> {
    try {
      return await this.lookup(doc);
    } catch (err) {
      throw new LedgerError('unknown', `${doc.key}: the ledger answered, then could not be searched: ${describeError(err)}`);
    }
  }

  private async lookup(doc: LedgerDocument): Promise<boolean> {
    try {
      const txs = await this.printByTag(this.options.journalFile, doc.key);
      return txs.some((tx) => hasKeyTag(tx, doc.key));
    } catch (err) {
      throw err instanceof LedgerError ? err : new LedgerError('temporary', `${doc.key}: lookup failed: ${describeError(err)}`);
    }
  }

  /** hledger reads the file as it is now; the query is an anchored regex, the exact match is checked after. */
  private printByTag(file: string, key: string): Promise<unknown[]> {
    const query = `tag:${KEY_TAG}=^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
    return new Promise((resolve, reject) => {
      execFile(
        this.options.hledgerBin ?? 'hledger',
        ['-f', file, 'print', query, '-O', 'json'],
        { timeout: this.timeoutMs, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err) return reject(new Error(`hledger print: ${snippet(stderr || err.message)}`));
          try {
            const parsed: unknown = JSON.parse(stdout);
            resolve(Array.isArray(parsed) ? parsed : []);
          } catch {
            reject(new Error('hledger print: output is not JSON'));
          }
        },
      );
    });
  }

  /**
   * After a PUT, a GET makes hledger-web reread the journal, so what the owner's browser shows
   * includes the add. It costs nothing extra: without it, the next
   * PUT would reread the grown journal instead.
   */
  private async reload(): Promise<void> {
    await this.getJson('/accountnames').catch(() => undefined);
  }

  private async getJson(path: string): Promise<unknown> {
    const res = await this.request('GET', path);
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return JSON.parse(text) as unknown;
  }

  private request(method: 'GET' | 'PUT', path: string, body?: string): Promise<Response> {
    return this.fetch(new URL(path, this.base), {
      method,
      body,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }
}

function parseVersion(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string') return parsed;
  } catch {
    // Not JSON: show the text as it came.
  }
  return snippet(text);
}

