import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceStatus } from '../../../electron/contract/api.js';
import { loadMigrations, migrate } from '../../../electron/db/migrate.js';
import { openDatabase, type Db } from '../../../electron/db/open.js';
import { getEntry, type OutboxEntry } from '../../../electron/db/outbox-repo.js';
import { FiscalDrainer } from '../../../electron/devices/fiscal/drainer.js';
import type { FiscalReceipt } from '../../../electron/domain/fiscal-receipt.js';
import { OutboxWorker, type LaneOptions } from '../../../electron/effects/worker.js';
import { transactions } from '../../../electron/usecases/transaction.js';
import type { FiscalDevice } from '../../../native/posnet/driver.js';
import { memoryLinkPair, type MemoryLink } from '../../../native/link/link.js';
import { PosnetClient, type PosnetClientOptions } from '../../../native/posnet/protocol.js';
import { PosnetSimulator, type PosnetSimulatorOptions } from '../../../native/posnet/simulator.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function rig(opts: { client?: PosnetClientOptions; sim?: PosnetSimulatorOptions } = {}): {
  host: MemoryLink;
  device: MemoryLink;
  client: PosnetClient;
  sim: PosnetSimulator;
} {
  const [host, device] = memoryLinkPair();
  const sim = new PosnetSimulator(device, opts.sim);
  const client = new PosnetClient(host, { replyTimeoutMs: 200, statusTimeoutMs: 100, ...opts.client });
  return { host, device, client, sim };
}

/** A migrated in-memory database with the demo number series. */
export function testDb(): Db {
  const db = openDatabase({ file: ':memory:' });
  migrate(db, loadMigrations(join(ROOT, 'migrations')));
  return db;
}

let receiptNo = 0;

/**
 * A draft receipt row (outbox.document_id references receipts) and its 'fiscal.receipt' outbox
 * entry, queued as the till queues it: `outbox.enqueue` inside `tx` (the payload is validated).
 * Returns the entry's id. Nothing is woken: the tests kick their workers themselves.
 */
export function queueJob(db: Db, doc: FiscalReceipt, at = '2026-11-22T10:00:00.000Z'): string {
  receiptNo += 1;
  const receiptId = doc.receiptId || `r-${receiptNo}`;
  const id = `fj-${String(receiptNo).padStart(5, '0')}`;
  const { tx, outbox } = transactions({ db, ids: { next: () => id }, clock: { now: () => new Date(at) }, wake: () => undefined });
  return tx(() => {
    db.prepare(`INSERT INTO receipts (id, status, series_code, currency, created_at, updated_at) VALUES (?, 'draft', 'K', 'PLN', ?, ?)`).run(receiptId, at, at);
    return outbox.enqueue('fiscal.receipt', { ...doc, receiptId }, { documentId: receiptId });
  });
}

/** The outbox entry `id` (it must exist). */
export function entry(db: Db, id: string): OutboxEntry {
  const found = getEntry(db, id);
  if (!found) throw new Error(`no outbox entry ${id}`);
  return found;
}

/** One till run of the fiscal lane: an OutboxWorker draining it with a FiscalDrainer on `device`. */
export interface FiscalRun {
  outbox: OutboxWorker;
  drainer: FiscalDrainer | null;
  start(): void;
  kick(): void;
  idle(): Promise<void>;
  stop(waitMs?: number): Promise<void>;
  status(): DeviceStatus;
}

/**
 * A real OutboxWorker with a real FiscalDrainer on `device` (none: the lane has no drainer and
 * its entries wait). `stop` stops the lane and closes the drainer, as the module does at exit.
 */
export function fiscalRun(
  db: Db,
  device: FiscalDevice | null,
  opts: { log?: (message: string) => void; onChange?: (status: DeviceStatus) => void; lane?: LaneOptions } = {},
): FiscalRun {
  const outbox = new OutboxWorker({ db, clock: fixedClock(), log: opts.log ?? (() => undefined) });
  const drainer = device ? new FiscalDrainer({ db, device, log: opts.log ?? (() => undefined), onChange: opts.onChange ?? (() => undefined) }) : null;
  outbox.attach('fiscal', drainer, { retryMs: 40, maxRetryMs: 80, pollMs: 0, ...opts.lane });
  return {
    outbox,
    drainer,
    start: () => outbox.start('fiscal'),
    kick: () => outbox.kick('fiscal'),
    idle: () => outbox.idle('fiscal'),
    async stop(waitMs) {
      await outbox.stop('fiscal', waitMs);
      drainer?.close();
    },
    status() {
      if (!drainer) throw new Error('no fiscal drainer on this run');
      return drainer.status();
    },
  };
}

/** Mleko ×2 at 3.49 (B 8 %) and Chleb 4.99 with a 0.50 discount (C 5 %), paid in cash 20.00. */
export function sampleDoc(over: Partial<FiscalReceipt> = {}): FiscalReceipt {
  receiptNo += 1;
  return {
    receiptId: `r-${receiptNo}`,
    number: `K-${String(receiptNo).padStart(6, '0')}`,
    lines: [
      { name: 'Mleko 3,2% 1 l', quantityMilli: 2000, unitPriceMinor: 349, sumMinor: 698, ptu: 'B', discountMinor: 0, rateBp: 800 },
      { name: 'Chleb żytni', quantityMilli: 1000, unitPriceMinor: 499, sumMinor: 449, ptu: 'C', discountMinor: 50, rateBp: 500 },
    ],
    totalMinor: 1147,
    payments: [{ kind: 'cash', amountMinor: 2000 }],
    changeMinor: 853,
    roundingMinor: 0,
    ...over,
  };
}

export function fixedClock(start = '2026-11-22T10:00:00.000Z'): { now(): Date } {
  const t = Date.parse(start);
  return { now: () => new Date(t) };
}

export async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
