/**
 * The generic outbox worker with scripted drainers: a migrated in-memory database, a fixed clock,
 * `tx` + `outbox.enqueue` wired to the worker's kick (as the core wires them), and drainers that
 * do what a test says per entry and record what they were given.
 */
import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate } from '../../../electron/db/migrate.js';
import { openDatabase, type Db } from '../../../electron/db/open.js';
import { getEntry, type OutboxEntry } from '../../../electron/db/outbox-repo.js';
import { OutboxWorker, type Drainer, type Job, type JobControl, type JobOutcome, type LaneOptions } from '../../../electron/effects/worker.js';
import type { EffectKind, EffectPayload, Lane } from '../../../electron/usecases/effects.js';
import { transactions } from '../../../electron/usecases/transaction.js';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

export const T0 = '2026-11-22T10:00:00.000Z';
/** `ms` after the fixed clock's instant, as the outbox stores instants. */
export const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

export function outboxDb(): Db {
  const db = openDatabase({ file: ':memory:' });
  migrate(db, loadMigrations(MIGRATIONS));
  return db;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A promise the test resolves when it wants. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** What a scripted drainer saw when `run` was called: the entry as it was read, and its payload. */
export interface Run {
  id: string;
  kind: EffectKind;
  payload: unknown;
  entry: OutboxEntry;
  /** 1 for the entry's first run in this drainer, 2 for its second… */
  nth: number;
}

export type Script = (job: Job, control: JobControl, nth: number) => JobOutcome | Promise<JobOutcome>;

export const DONE: JobOutcome = { outcome: 'done', counted: true };

/** A drainer that does what `script` says, one call per job, and records everything it is told. */
export class ScriptedDrainer implements Drainer {
  readonly runs: Run[] = [];
  /** (id, outcome, the entry's status when `after` was called). */
  readonly afters: { id: string; outcome: JobOutcome['outcome']; status: string | undefined }[] = [];
  /** Events in order: `<id>:start`, `<id>:end`, `idle`, `drained`. */
  readonly events: string[] = [];
  idles = 0;
  drains = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly db: Db,
    private readonly script: Script = () => DONE,
  ) {}

  async run(job: Job, control: JobControl): Promise<JobOutcome> {
    const nth = this.runs.filter((r) => r.id === job.entry.id).length + 1;
    this.runs.push({ id: job.entry.id, kind: job.kind, payload: job.payload, entry: { ...job.entry }, nth });
    this.events.push(`${job.entry.id}:start`);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.script(job, control, nth);
    } finally {
      this.inFlight -= 1;
      this.events.push(`${job.entry.id}:end`);
    }
  }

  after(job: Job, outcome: JobOutcome): void {
    this.afters.push({ id: job.entry.id, outcome: outcome.outcome, status: getEntry(this.db, job.entry.id)?.status });
  }

  async idle(): Promise<void> {
    this.idles += 1;
    this.events.push('idle');
  }

  drained(): void {
    this.drains += 1;
    this.events.push('drained');
  }

  ids(): string[] {
    return this.runs.map((r) => r.id);
  }
}

/** Outcomes per entry and run: `plan({ a: ['retry', 'done'] })` — a retry on a's first run, done on its second. */
export function plan(steps: Record<string, ('done' | 'retry' | 'failed' | 'uncounted')[]>): Script {
  return (job, _control, nth) => {
    const step = steps[job.entry.id]?.[nth - 1] ?? 'done';
    switch (step) {
      case 'done':
        return DONE;
      case 'uncounted':
        return { outcome: 'done', counted: false };
      case 'retry':
        return { outcome: 'retry', error: `busy (${job.entry.id} #${nth})`, counted: true };
      case 'failed':
        return { outcome: 'failed', error: `refused (${job.entry.id})`, counted: true };
    }
  };
}

export interface Harness {
  db: Db;
  worker: OutboxWorker;
  tx: <T>(fn: () => T) => T;
  enqueue<K extends EffectKind>(kind: K, payload: EffectPayload<K>, documentId?: string | null): string;
  entry(id: string): OutboxEntry;
  /** Lanes woken by committed transactions, in order. */
  woken: Lane[];
  logs: string[];
  close(): Promise<void>;
}

/**
 * A worker on `db` (a new migrated one by default) with a fixed clock and, unless given, a
 * `random` of 0 (every back-off is exactly half its capped delay). Entry ids are e1, e2…
 */
export function harness(opts: { db?: Db; random?: () => number; ids?: () => string } = {}): Harness {
  const db = opts.db ?? outboxDb();
  const logs: string[] = [];
  const clock = { now: () => new Date(T0) };
  const worker = new OutboxWorker({ db, clock, log: (m) => logs.push(m), random: opts.random ?? (() => 0) });
  const woken: Lane[] = [];
  let n = 0;
  const { tx, outbox } = transactions({
    db,
    ids: { next: opts.ids ?? (() => `e${++n}`) },
    clock,
    wake: (lane) => {
      woken.push(lane);
      worker.kick(lane);
    },
  });
  return {
    db,
    worker,
    tx,
    enqueue: (kind, payload, documentId = null) => tx(() => outbox.enqueue(kind, payload, { documentId })),
    entry(id) {
      const found = getEntry(db, id);
      if (!found) throw new Error(`no outbox entry ${id}`);
      return found;
    },
    woken,
    logs,
    async close() {
      await worker.stop(undefined, 1000);
      db.close();
    },
  };
}

/** Quick lane timing for tests: retries after 20–40 ms, no idle poll. */
export const FAST: LaneOptions = { retryMs: 40, maxRetryMs: 80, pollMs: 0 };

export const drawer = (reason: string): EffectPayload<'print.drawer'> => ({ reason });

/** A fiscal receipt payload (the fiscal lane's kind). */
export function fiscalPayload(number: string): EffectPayload<'fiscal.receipt'> {
  return {
    receiptId: `r-${number}`,
    number,
    lines: [{ name: 'Mleko', quantityMilli: 1000, unitPriceMinor: 349, sumMinor: 349, ptu: 'B', discountMinor: 0, rateBp: 800 }],
    totalMinor: 349,
    payments: [{ kind: 'cash', amountMinor: 349 }],
    changeMinor: 0,
    roundingMinor: 0,
  };
}
