/**
 * The printer lane of the outbox on a real (migrated) SQLite database and a simulated printer:
 * a real OutboxWorker with a real PrintDrainer, for the drainer's unit and integration tests.
 * The printer link is in memory, a socat PTY pair (real serial I/O) or a loopback TCP connection.
 * Entries are queued the way the till queues them: `outbox.enqueue` inside `tx`, which wakes the
 * lane after the commit.
 */
import { fileURLToPath } from 'node:url';
import type { PrinterStatusView } from '../../../electron/contract/api.js';
import { recentDeviceLog } from '../../../electron/db/device-log-repo.js';
import { loadMigrations, migrate } from '../../../electron/db/migrate.js';
import { openDatabase, type Db } from '../../../electron/db/open.js';
import { getEntry, type OutboxEntry } from '../../../electron/db/outbox-repo.js';
import { PrintDrainer, type PrintDrainerDeps } from '../../../electron/devices/printer/drainer.js';
import { setupPrinter, type PrinterSetup } from '../../../electron/devices/printer/setup.js';
import { OutboxWorker, type LaneOptions } from '../../../electron/effects/worker.js';
import type { EffectPayload } from '../../../electron/usecases/effects.js';
import { transactions } from '../../../electron/usecases/transaction.js';
import type { PrintableReceipt } from '../../../native/printer/document.js';
import type { PrinterSimulator } from '../../../native/printer/simulator.js';
import { localeLabels } from './fixtures.js';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** What a test may change about one worker: the drainer's hooks, its printer (a wrapper around the rig's) and the lane's timing. */
export type RigWorkerOptions = Partial<Pick<PrintDrainerDeps, 'onProgress' | 'logo' | 'onStatus' | 'onPrinted' | 'printer'>> & LaneOptions;

/** One till run: an OutboxWorker with the printer lane drained by a PrintDrainer. */
export interface RigWorker {
  outbox: OutboxWorker;
  drainer: PrintDrainer;
  start(): void;
  kick(): void;
  idle(): Promise<void>;
  stop(waitMs?: number): Promise<void>;
  status(): PrinterStatusView;
  printerState(): ReturnType<PrintDrainer['printerState']>;
}

export interface WorkerRig {
  db: Db;
  setup: PrinterSetup;
  sim: PrinterSimulator;
  /** Every status the drainers pushed (onStatus), in order. */
  statuses: PrinterStatusView[];
  /** Every numbered receipt reported on paper (onPrinted), in order. */
  printed: { receiptId: string; number: string }[];
  /** Lanes woken by committed transactions, in order. */
  woken: string[];
  /** A worker on this rig's database and printer; several may be made in turn (a restart). */
  worker(extra?: RigWorkerOptions): RigWorker;
  /** Queues a receipt's paper (with a confirmed receipts row for its document_id); returns the entry id. */
  queueReceipt(doc: PrintableReceipt): string;
  queue<K extends 'print.drawer' | 'print.test'>(kind: K, payload: EffectPayload<K>): string;
  job(id: string): OutboxEntry;
  log(): { at: string; device: string; event: string; detail: string }[];
  close(): Promise<void>;
}

export async function workerRig(opts: { link: 'memory' | 'pty' | 'tcp'; dbFile?: string; profileId?: string }): Promise<WorkerRig> {
  const db = openDatabase({ file: opts.dbFile ?? ':memory:' });
  migrate(db, loadMigrations(MIGRATIONS));
  const setup = await setupPrinter({ kind: 'escpos', transport: 'sim', link: opts.link, ...(opts.profileId ? { profileId: opts.profileId } : {}) });
  const sim = setup.simulator!;
  const clock = { now: () => new Date('2026-11-22T10:00:00Z') };
  let tick = 0;
  const at = (): string => new Date(Date.UTC(2026, 10, 22, 10, 0, 0, tick++)).toISOString();
  const workers: { w: RigWorker; started: boolean; stopped: boolean }[] = [];
  const statuses: PrinterStatusView[] = [];
  const printed: { receiptId: string; number: string }[] = [];
  const woken: string[] = [];
  let n = 0;
  const { tx, outbox } = transactions({
    db,
    ids: { next: () => `job-${++n}` },
    clock: { now: () => new Date(at()) },
    wake: (lane) => {
      woken.push(lane);
      // The till's worker runs all along; a worker a test has not started yet is not woken.
      for (const entry of workers) if (entry.started) entry.w.kick();
    },
  });
  return {
    db,
    setup,
    sim,
    statuses,
    printed,
    woken,
    worker(extra = {}) {
      const { retryMs = 30, maxRetryMs = 60, pollMs = 0, onStatus, onPrinted, printer = setup.port!, ...hooks } = extra;
      const outboxWorker = new OutboxWorker({ db, clock, log: () => undefined });
      const drainer = new PrintDrainer({
        db,
        printer,
        profile: setup.profile,
        labels: (locale) => localeLabels(locale === 'en' ? 'en' : 'et'),
        clock,
        onStatus: (s) => {
          statuses.push(s);
          onStatus?.(s);
        },
        onPrinted: (receiptId, number) => {
          printed.push({ receiptId, number });
          onPrinted?.(receiptId, number);
        },
        ...hooks,
      });
      outboxWorker.attach('printer', drainer, { retryMs, maxRetryMs, pollMs });
      const entry = { started: false, stopped: false, w: null as unknown as RigWorker };
      entry.w = {
        outbox: outboxWorker,
        drainer,
        start: () => {
          entry.started = true;
          outboxWorker.start('printer');
        },
        kick: () => outboxWorker.kick('printer'),
        idle: () => outboxWorker.idle('printer'),
        stop: (waitMs) => {
          entry.stopped = true;
          return outboxWorker.stop('printer', waitMs);
        },
        status: () => drainer.status(),
        printerState: () => drainer.printerState(),
      };
      workers.push(entry);
      return entry.w;
    },
    queueReceipt(doc) {
      const receiptId = `rc-${n + 1}`;
      const now = at();
      return tx(() => {
        db.prepare(
          `INSERT INTO receipts (id, status, series_code, number, currency, created_at, updated_at, confirmed_at, total_minor)
           VALUES (?, 'confirmed', 'K', ?, 'EUR', ?, ?, ?, ?)`,
        ).run(receiptId, n + 1, now, now, now, doc.totalMinor);
        return outbox.enqueue('print.receipt', doc, { documentId: receiptId });
      });
    },
    queue(kind, payload) {
      return tx(() => outbox.enqueue(kind, payload));
    },
    job(id) {
      const entry = getEntry(db, id);
      if (!entry) throw new Error(`no outbox entry ${id}`);
      return entry;
    },
    log() {
      return recentDeviceLog(db, 100).reverse();
    },
    async close() {
      // A worker a test stopped already may hold a job that never ends (a crash): it is not waited for again.
      for (const { w, stopped } of workers) if (!stopped) await w.stop();
      await setup.close();
      db.close();
    },
  };
}
