/**
 * A print worker on a real (migrated) SQLite database and a simulated printer, for the worker's
 * unit and integration tests. The printer link is in memory, a socat PTY pair (real serial I/O)
 * or a loopback TCP connection.
 */
import { fileURLToPath } from 'node:url';
import { EventBus } from '../../../electron/app/event-bus.js';
import { recentDeviceLog } from '../../../electron/db/device-log-repo.js';
import { loadMigrations, migrate } from '../../../electron/db/migrate.js';
import { openDatabase, type Db } from '../../../electron/db/open.js';
import { findPrintJob, insertPrintJob, type PrintJobKind } from '../../../electron/db/print-jobs-repo.js';
import { PrintWorker, type PrintWorkerDeps } from '../../../electron/devices/print-worker.js';
import { setupPrinter, type PrinterSetup } from '../../../electron/devices/printer-setup.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';
import type { PrinterSimulator } from '../../../native/printer/simulator.js';
import { localeLabels } from './fixtures.js';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

export interface WorkerRig {
  db: Db;
  setup: PrinterSetup;
  sim: PrinterSimulator;
  events: EventBus;
  /** A worker on this rig's database and printer; several may be made in turn (a restart). */
  worker(extra?: Partial<PrintWorkerDeps>): PrintWorker;
  /** Queues a receipt (with a confirmed receipts row for its foreign key); returns the job id. */
  queueReceipt(doc: PrintableReceipt): string;
  queue(kind: Exclude<PrintJobKind, 'receipt'>, document: unknown): string;
  job(id: string): NonNullable<ReturnType<typeof findPrintJob>>;
  log(): { at: string; device: string; event: string; detail: string }[];
  close(): Promise<void>;
}

export async function workerRig(opts: { link: 'memory' | 'pty' | 'tcp'; dbFile?: string; profileId?: string }): Promise<WorkerRig> {
  const db = openDatabase({ file: opts.dbFile ?? ':memory:' });
  migrate(db, loadMigrations(MIGRATIONS));
  const setup = await setupPrinter({ kind: 'simulator', link: opts.link, ...(opts.profileId ? { profileId: opts.profileId } : {}) });
  const sim = setup.simulator!;
  const events = new EventBus();
  let tick = 0;
  const at = (): string => new Date(Date.UTC(2026, 10, 22, 10, 0, 0, tick++)).toISOString();
  const workers: PrintWorker[] = [];
  let n = 0;
  return {
    db,
    setup,
    sim,
    events,
    worker(extra = {}) {
      const w = new PrintWorker({
        db,
        printer: setup.port,
        profile: setup.profile,
        labels: (locale) => localeLabels(locale === 'en' ? 'en' : 'et'),
        clock: { now: () => new Date('2026-11-22T10:00:00Z') },
        events,
        retryMs: 30,
        maxRetryMs: 60,
        pollMs: 0,
        ...extra,
      });
      workers.push(w);
      return w;
    },
    queueReceipt(doc) {
      const id = `job-${++n}`;
      const receiptId = `rc-${n}`;
      const now = at();
      db.prepare(
        `INSERT INTO receipts (id, status, series_code, number, currency, created_at, updated_at, confirmed_at, total_minor)
         VALUES (?, 'confirmed', 'K', ?, 'EUR', ?, ?, ?, ?)`,
      ).run(receiptId, n, now, now, now, doc.totalMinor);
      insertPrintJob(db, { id, receiptId, document: JSON.stringify(doc), now });
      return id;
    },
    queue(kind, document) {
      const id = `job-${++n}`;
      insertPrintJob(db, { id, receiptId: null, kind, document: JSON.stringify(document), now: at() });
      return id;
    },
    job(id) {
      const job = findPrintJob(db, id);
      if (!job) throw new Error(`no print job ${id}`);
      return job;
    },
    log() {
      return recentDeviceLog(db, 100).reverse();
    },
    async close() {
      for (const w of workers) await w.stop();
      await setup.close();
      db.close();
    },
  };
}
