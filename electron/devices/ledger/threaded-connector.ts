import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LedgerDocument } from '../../usecases/ledger-document.js';
import type { LedgerConnection } from './connection.js';
import { LedgerError, type LedgerArticleRow, type LedgerConnector, type LedgerErrorClass } from './connector.js';

export type ThreadRequest =
  | { id: number; op: 'post' | 'find'; doc: LedgerDocument }
  | { id: number; op: 'health' | 'listArticles' | 'close' };

export type ThreadReply =
  | { type: 'ready'; name: string; hasArticles: boolean }
  | { type: 'ready'; failed: string }
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failure'; id: number; errorClass: LedgerErrorClass | null; message: string; retryAfterMs?: number };

/**
 * A connector that runs on its own worker thread (connector-thread.ts) and is called from the
 * till's thread as if it were here: same answers, same error classes. If the thread dies, calls
 * in flight end as the uploader expects of a lost answer — a post as `unknown` (it may have gone
 * out, so it is looked up before sending again), anything else as `temporary` — and the next
 * call starts a new thread.
 */
export class ThreadedConnector implements LedgerConnector {
  private worker: Worker | null = null;
  private started: Promise<void> | null = null;
  private label: string;
  private readonly pending = new Map<number, { op: ThreadRequest['op']; resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  readonly listArticles?: () => Promise<LedgerArticleRow[]>;

  constructor(
    private readonly connection: LedgerConnection,
    private readonly secret: string,
    /** Names the ledger before its thread says its own (B1.lt, Directo keep product cards). */
    placeholder: { name: string; hasArticles: boolean },
  ) {
    this.label = placeholder.name;
    if (placeholder.hasArticles) this.listArticles = () => this.call({ op: 'listArticles' }) as Promise<LedgerArticleRow[]>;
  }

  get name(): string {
    return this.label;
  }

  /** The thread the ledger's exchanges run on, while one runs (the device log, tests). */
  get thread(): Worker | null {
    return this.worker;
  }

  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    return this.call({ op: 'post', doc }) as Promise<'posted' | 'duplicate'>;
  }

  find(doc: LedgerDocument): Promise<boolean> {
    return this.call({ op: 'find', doc }) as Promise<boolean>;
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      return (await this.call({ op: 'health' })) as { ok: boolean; detail: string };
    } catch (error) {
      return { ok: false, detail: `${this.label}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await this.call({ op: 'close' }).catch(() => undefined);
    this.worker = null;
    this.started = null;
    await worker.terminate();
  }

  private async call(request: { op: 'post' | 'find'; doc: LedgerDocument } | { op: 'health' | 'listArticles' | 'close' }): Promise<unknown> {
    const worker = await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { op: request.op, resolve, reject });
      // An answer awaited keeps the process up; an idle thread does not.
      worker.ref();
      worker.postMessage({ ...request, id } as ThreadRequest);
    });
  }

  private start(): Promise<Worker> {
    if (this.worker && this.started) return this.started.then(() => this.worker as Worker);
    const worker = spawn(this.connection, this.secret);
    this.worker = worker;
    this.started = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: ThreadReply) => {
        if (reply.type === 'ready') {
          if ('failed' in reply) return reject(new LedgerError('permanent', reply.failed));
          this.label = reply.name;
          return resolve();
        }
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if (this.pending.size === 0) worker.unref();
        if (reply.type === 'answer') waiting.resolve(reply.value);
        else waiting.reject(reply.errorClass ? new LedgerError(reply.errorClass, reply.message, reply.retryAfterMs) : new Error(reply.message));
      });
      const died = (why: string) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.started = null;
        reject(new LedgerError('temporary', `the ledger thread did not start: ${why}`));
        for (const [id, waiting] of this.pending) {
          this.pending.delete(id);
          waiting.reject(new LedgerError(waiting.op === 'post' ? 'unknown' : 'temporary', `the ledger thread stopped: ${why}`));
        }
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exit ${code}`));
    });
    return this.started.then(() => worker);
  }
}

/**
 * The thread's file: built JavaScript beside this one; run from source (npm start, the tests) the
 * TypeScript file, through tsx registered inside the new thread — a worker does not inherit the
 * loader the main thread was started with.
 */
function spawn(connection: LedgerConnection, secret: string): Worker {
  const workerData = { connection, secret };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./connector-thread.js', import.meta.url), { workerData });
  const entry = new URL('./connector-thread.ts', import.meta.url).href;
  const tsx = tsxApi();
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}

function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Where import.meta.resolve is missing (a test runner's own module loader): the package's ESM build.
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  }
}
