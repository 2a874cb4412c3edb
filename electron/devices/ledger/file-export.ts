import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LedgerDocument } from '../../usecases/ledger-document.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import { documentCsvRecords, documentsCsv, retailSalesCsv, retailSalesReport } from './file-export-report.js';

export type FileExportOptions = {
  /** The folder the ledger loads files from; each shop day gets a sub-folder `YYYY-MM-DD`. */
  dir: string;
  /** The report's time of writing. */
  now?: () => Date;
  /**
   * Per call, the wait behind earlier calls included: a lost network share can leave a file
   * operation hanging for minutes, and the uploader must hear back.
   */
  timeoutMs?: number;
  /** Runs when the day's other files are in place, just before documents.json is replaced (tests make a crash there). */
  beforeCommit?: (dayDir: string) => void | Promise<void>;
};

/** The day's list of documents; replacing it is what makes a document posted. */
export const DOCUMENTS_FILE = 'documents.json';
export const DOCUMENTS_CSV = 'documents.csv';
export const REPORT_CSV = 'retail-sales.csv';
export const REPORT_JSON = 'retail-sales.json';

/**
 * A day's list as read: `given` as stored, `docs` the same checked (defaults filled in) for the
 * derived files, `csv` each document's CSV records once they were made.
 */
type DayList = { file: string; text: string; given: unknown[]; docs: LedgerDocument[]; csv?: string[] };

/**
 * Posts documents as files for ledgers that load files rather than take calls (1C among them):
 * per shop day a folder with documents.json (the documents as given, in posting order),
 * documents.csv and the day's retail-sales report (CSV and JSON), all rewritten from the day's
 * list on every post, so the four always agree.
 *
 * Exactly once: the key is looked up in the day's documents.json, and every file is replaced
 * whole (temp file, fsync, rename) with documents.json last — a crash before that rename leaves
 * the old list, so the document is not posted and the next try rewrites everything; after it,
 * the document is there. One writer: every call of this instance runs on one chain, and the
 * folder must be this till's alone (two writers would each rewrite the list without the other's).
 */
export class FileExportConnector implements LedgerConnector {
  readonly name: string;
  private readonly dir: string;
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private chain: Promise<unknown> = Promise.resolve();
  /**
   * The list this instance last wrote. While the file still reads exactly so, its documents were
   * checked and formatted already; any other content (a person's edit) is read afresh.
   */
  private last: DayList | null = null;
  private probes = 0;

  constructor(private readonly options: FileExportOptions) {
    if (!options.dir.trim()) throw new Error('the file export needs a folder');
    this.dir = resolve(options.dir);
    this.name = `file export ${this.dir}`;
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'> {
    // Checked before queueing: the date names a folder, and a malformed amount would break the files.
    const facts = checked(doc);
    if (typeof facts === 'string') return Promise.reject(new LedgerError('permanent', `${keyOf(doc)}: ${facts}`));
    return this.serially(
      () => this.write(doc, facts),
      (started) =>
        started
          ? new LedgerError('unknown', `${doc.key}: ${this.dir} did not answer within ${this.timeoutMs} ms while writing; the document may be there`)
          : new LedgerError('temporary', `${doc.key}: not written: an earlier write to ${this.dir} has not finished within ${this.timeoutMs} ms`),
    );
  }

  find(doc: LedgerDocument): Promise<boolean> {
    const facts = checked(doc);
    if (typeof facts === 'string') return Promise.reject(new LedgerError('permanent', `${keyOf(doc)}: ${facts}`));
    return this.serially(
      async () => (await this.readDay(doc.date)).docs.some((d) => d.key === doc.key),
      () => new LedgerError('temporary', `${doc.key}: ${this.dir} did not answer within ${this.timeoutMs} ms`),
    );
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    const probe = join(this.dir, `.probe-${process.pid}-${this.now().getTime()}-${++this.probes}`);
    const check = async (): Promise<void> => {
      await fsStep('create the folder', this.dir, () => mkdir(this.dir, { recursive: true }));
      await fsStep('write', probe, () => writeFile(probe, 'probe'));
      await fsStep('remove', probe, () => unlink(probe));
    };
    try {
      await withTimeout(check(), this.timeoutMs, () => new Error(`no answer within ${this.timeoutMs} ms`));
      return { ok: true, detail: `${this.name}: the folder is writable` };
    } catch (err) {
      return { ok: false, detail: `${this.name}: ${describe(err)}` };
    }
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /**
   * The chain holds a call until its file operations have really ended, even after the caller
   * was answered with a timeout: a second writer must never start while one may still rename.
   */
  private serially<T>(task: () => Promise<T>, late: (started: boolean) => LedgerError): Promise<T> {
    let started = false;
    const run = this.chain.then(() => {
      started = true;
      return task();
    });
    this.chain = run.catch(() => undefined);
    return withTimeout(run, this.timeoutMs, () => late(started)).catch((err: unknown) => {
      throw err instanceof LedgerError ? err : new LedgerError('temporary', `${this.dir}: ${describe(err)}`);
    });
  }

  /** `doc` as given goes into documents.json; `facts`, the same checked, into the derived files. */
  private async write(doc: LedgerDocument, facts: LedgerDocument): Promise<'posted' | 'duplicate'> {
    const day = join(this.dir, doc.date);
    try {
      const created = await fsStep('create the folder', day, () => mkdir(day, { recursive: true }));
      // A new folder's entry lives in its parent: made durable before anything is renamed into it.
      if (created !== undefined) await syncFolder(dirname(created));
      const list = await this.readDay(doc.date);
      if (list.docs.some((d) => d.key === doc.key)) return 'duplicate';
      const given = [...list.given, doc];
      const docs = [...list.docs, facts];
      const csv = [...(list.csv ?? list.docs.map(documentCsvRecords)), documentCsvRecords(facts)];
      const report = retailSalesReport(doc.date, docs, this.now());
      const text = jsonText(given);
      await replaceFile(day, DOCUMENTS_CSV, documentsCsv(csv));
      await replaceFile(day, REPORT_CSV, retailSalesCsv(report));
      await replaceFile(day, REPORT_JSON, jsonText(report));
      await this.options.beforeCommit?.(day);
      // Renamed last. No folder sync before it: a journaling file system keeps renames in order,
      // so the list never reaches the disk ahead of the files renamed before it.
      await replaceFile(day, DOCUMENTS_FILE, text);
      this.last = { file: list.file, text, given, docs, csv };
      // Durable before the uploader hears 'posted' and forgets the document.
      await syncFolder(day);
      return 'posted';
    } catch (err) {
      throw err instanceof LedgerError ? err : new LedgerError('temporary', `${doc.key}: not posted: ${describe(err)}`);
    }
  }

  /** The day's documents; none when the day has no file yet. */
  private async readDay(date: string): Promise<DayList> {
    const file = join(this.dir, date, DOCUMENTS_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return { file, text: '', given: [], docs: [], csv: [] };
      throw new FsFailure('read', file, err);
    }
    if (this.last?.file === file && this.last.text === text) return this.last;
    return { file, text, ...parseDay(file, text) };
  }
}

/**
 * A list that does not read as the till wrote it was changed by someone else: rewriting it could
 * lose documents, so a person must look (the day's posts stop until the file is repaired).
 */
function parseDay(file: string, text: string): { given: unknown[]; docs: LedgerDocument[] } {
  const broken = (why: string): LedgerError => new LedgerError('permanent', `${file} ${why}: a person must repair or move it before this day's documents can be written`);
  let parsed: unknown;
  try {
    // A BOM would come from a person saving the file in an editor.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw broken(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(parsed)) throw broken('is not a list of documents');
  const given: unknown[] = parsed;
  const docs = given.map((entry, i) => {
    const facts = checked(entry);
    if (typeof facts === 'string') throw broken(`has a malformed document at position ${i + 1} (${facts})`);
    return facts;
  });
  // Rewritten as read, not as checked: the schema drops fields it does not know, the file keeps them.
  return { given, docs };
}

/** The document checked (defaults filled in), or why it cannot be written as files. */
function checked(doc: unknown): LedgerDocument | string {
  const parsed = LedgerDocument.safeParse(doc);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'document'}: ${i.message}`)
      .join('; ');
  }
  return isRealDate(parsed.data.date) ? parsed.data : `date ${parsed.data.date} is not a calendar day`;
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const keyOf = (doc: unknown): string => {
  const key = (doc as { key?: unknown } | null)?.key;
  return typeof key === 'string' && key ? key : '(no key)';
};

const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Replaces a file whole: a reader (or a crash) sees the old content or the new one, never a part.
 * The temp name is fixed, so one left by a crash is simply overwritten next time.
 */
async function replaceFile(folder: string, name: string, content: string): Promise<void> {
  const file = join(folder, name);
  const temp = join(folder, `.${name}.tmp`);
  await fsStep('write', temp, async () => {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
  await fsStep('replace', file, () => rename(temp, file));
}

/** Makes renames in a folder durable. Best effort: Windows cannot open a folder for syncing. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not durable yet at worst; the rename itself already happened or failed on its own.
  }
}

/** A file operation that failed, with what was being done and where. */
class FsFailure extends Error {
  constructor(
    readonly action: string,
    readonly path: string,
    failure: unknown,
  ) {
    const code = errorCode(failure);
    const reason = (code && REASONS[code]) ?? (failure instanceof Error ? failure.message : String(failure));
    super(`cannot ${action} ${path}: ${reason}${code ? ` (${code})` : ''}`, { cause: failure });
    this.name = 'FsFailure';
  }
}

/** Every one of these may be fixed without touching the document (space freed, rights given, the share back): temporary. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'not permitted (no permission, or another program has the file open)',
  EBUSY: 'another program has the file open',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file is in the way where a folder should be',
  EEXIST: 'a file is in the way where a folder should be',
  ENOENT: 'the folder does not exist',
  EIO: 'input/output error (a failing disk or a lost network share)',
};

async function fsStep<T>(action: string, path: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new FsFailure(action, path, err);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(late()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolvePromise(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));
