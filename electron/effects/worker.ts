import type { Db } from '../db/open.js';
import { getEntry, headOfLane, markDone, markFailed, markInDoubt, markNotDone, markRetry, setMarker, setProgress, type OutboxEntry } from '../db/outbox-repo.js';
import { isEffectKind, readPayload, type EffectKind, type EffectPayload, type Lane } from '../usecases/effects.js';
import type { Clock } from '../usecases/ports.js';

/** One outbox entry as a drainer gets it: its payload read back, validated, in the current shape. */
export interface Job<K extends EffectKind = EffectKind> {
  entry: OutboxEntry;
  kind: K;
  payload: EffectPayload<K>;
}

/** What a drainer may record while it works on a job; each call commits at once. */
export interface JobControl {
  /** The first `steps` steps are done (never goes back). */
  progress(steps: number): void;
  /**
   * Before a step whose outcome could be lost: the entry becomes `in_doubt` with this marker
   * (what the drainer needs to ask the device later), and one attempt is counted.
   */
  inDoubt(marker: string): void;
  /** An in-doubt entry the device says did not happen: it starts again from scratch. */
  notDone(): void;
  /**
   * Before a step whose outcome could be lost and that the drainer settles itself on the next
   * run (the printer: "sending chunk k"): the marker is committed, status and attempts unchanged.
   */
  note(marker: string): void;
  /** The worker is stopping: leave the job where it is at the next safe point. */
  stopping(): boolean;
}

/**
 * How a job ended. `counted`: this run counts as an attempt (a drainer that counts attempts with
 * `inDoubt` says false).
 */
export type JobOutcome =
  | { outcome: 'done'; result?: string; counted: boolean }
  /** A passing problem (device offline, paper out): the lane waits and tries this job again. */
  | { outcome: 'retry'; error: string; counted: boolean; /** The service asked for at least this pause (Retry-After). */ retryAfterMs?: number }
  /** Needs a person (refused, unreadable, cannot tell whether it happened): the lane moves on. */
  | { outcome: 'failed'; error: string; counted: boolean }
  /** Stopped at a safe point; the job stays as it is for the next start. */
  | { outcome: 'stopped' };

/** Carries out one lane's jobs on its device or service. */
export interface Drainer {
  run(job: Job, control: JobControl): Promise<JobOutcome>;
  /** After the outcome of `run` is stored in the outbox. */
  after?(job: Job, outcome: JobOutcome): void;
  /** An entry of the lane was set aside unread (its payload cannot be read): say so where the device's story is kept. */
  setAside?(entry: OutboxEntry, reason: string): void;
  /** Nothing to do (at start and every `pollMs`): a good time to ask the device how it is. */
  idle?(): Promise<void>;
  /** The lane's queue went empty after doing something. */
  drained?(): void;
}

export interface LaneOptions {
  /** First retry delay; doubles per consecutive failure up to `maxRetryMs`, with jitter. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often an idle lane's drainer is asked `idle()`; 0 = never. */
  pollMs?: number;
  /**
   * Full jitter (anywhere between 0 and the capped delay) instead of between half and all of it:
   * for a service many tills share, so their retries spread out.
   */
  fullJitter?: boolean;
}

export interface OutboxWorkerDeps {
  db: Db;
  clock: Clock;
  log(message: string): void;
  /** 0 ≤ x < 1; Math.random by default, fixed in tests. */
  random?: () => number;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The delay before the next try after `failures` consecutive failures: capped exponential back-off
 * with jitter (between half and all of the capped delay), so tills that lost the same device at
 * the same moment do not all come back at once.
 */
export function backoffMs(failures: number, options: { retryMs: number; maxRetryMs: number; fullJitter?: boolean | undefined }, random: () => number): number {
  const capped = Math.min(options.maxRetryMs, options.retryMs * 2 ** Math.max(0, failures - 1));
  return Math.round(options.fullJitter ? random() * capped : capped / 2 + (random() * capped) / 2);
}

/**
 * One lane: its drainer (swappable when the device is reconfigured), one job at a time, oldest
 * first; a job that must wait holds the lane (order matters on a printer), a failed one does not.
 */
class LaneRunner {
  private drainer: Drainer | null = null;
  private draining = false;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Set while `exclusive` runs (or waits for the job in flight): no job starts. */
  private held: Promise<void> | null = null;
  /** Ask the drainer about its device once the queue is through (at start, on the idle poll). */
  private idleWanted = false;

  constructor(
    readonly lane: Lane,
    private readonly deps: OutboxWorkerDeps,
    private options: Required<LaneOptions>,
  ) {}

  attach(drainer: Drainer | null, options: Partial<Required<LaneOptions>> = {}): void {
    this.drainer = drainer;
    this.options = { ...this.options, ...options };
    this.failures = 0;
  }

  start(): void {
    this.stopped = false;
    void this.drain(true);
  }

  /** Something was queued, or the device may be back: work now, whatever the back-off said. */
  kick(): void {
    if (this.stopped) return;
    this.clearRetry();
    void this.drain(false);
  }

  async idle(): Promise<void> {
    while (this.draining || this.held) {
      await (this.held ?? new Promise((r) => setTimeout(r, 5)));
    }
  }

  /**
   * Runs `fn` once the job in flight is done, and starts no other job until it ends (a device
   * swap); then the lane goes on with what is left.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.held) await this.held;
    let release!: () => void;
    this.held = new Promise<void>((r) => (release = r));
    try {
      while (this.draining) await new Promise((r) => setTimeout(r, 5));
      return await fn();
    } finally {
      this.held = null;
      release();
      if (!this.stopped) void this.drain(false);
    }
  }

  /**
   * Stops taking jobs and waits (up to `waitMs`) for the one in flight. A job still waiting for
   * its device then stays where it is (in doubt, or with its progress): the next start asks the
   * device about it, so closing the device afterwards is safe.
   */
  async stop(waitMs: number): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
    clearTimeout(timer);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async drain(idleCheck: boolean): Promise<void> {
    if (idleCheck) this.idleWanted = true;
    if (this.draining || this.held) {
      // The drain in flight (or the one after `exclusive`) picks this up.
      this.again = true;
      return;
    }
    if (this.stopped || !this.drainer) return;
    this.draining = true;
    try {
      do {
        this.again = false;
        const idleNow = this.idleWanted;
        this.idleWanted = false;
        const worked = await this.work();
        if (worked === 'waiting' || this.held) break;
        if (worked === 'progress') this.drainer?.drained?.();
        if (worked === 'nothing' && idleNow) await this.drainer?.idle?.();
      } while (this.again && !this.stopped && !this.held);
    } catch (error) {
      this.deps.log(`outbox ${this.lane}: ${errorText(error)}`);
      this.scheduleRetry();
    } finally {
      this.draining = false;
      this.schedulePoll();
    }
  }

  /** Jobs until none is left, one must wait, or the worker stops. */
  private async work(): Promise<'nothing' | 'progress' | 'waiting'> {
    const { db } = this.deps;
    let worked: 'nothing' | 'progress' = 'nothing';
    for (let entry = headOfLane(db, this.lane); entry && !this.stopped && !this.held && this.drainer; entry = headOfLane(db, this.lane)) {
      const outcome = await this.runOne(this.drainer, entry);
      if (outcome === 'waiting') return 'waiting';
      if (outcome === 'stopped') return worked;
      worked = 'progress';
    }
    return worked;
  }

  private async runOne(drainer: Drainer, entry: OutboxEntry): Promise<'next' | 'waiting' | 'stopped'> {
    const { db } = this.deps;
    let job: Job;
    try {
      if (!isEffectKind(entry.kind)) throw new Error(`unknown effect kind ${entry.kind}`);
      job = { entry, kind: entry.kind, payload: readPayload(entry.kind, entry.version, entry.payload) };
    } catch (error) {
      // A payload that cannot be read never will be: set aside for a person, the lane goes on.
      const reason = `unreadable: ${errorText(error)}`;
      markFailed(db, entry.id, { error: reason, counted: true });
      this.deps.log(`outbox ${this.lane}: ${entry.kind} ${entry.id} set aside: ${reason}`);
      drainer.setAside?.(entry, reason);
      return 'next';
    }
    const control: JobControl = {
      progress: (steps) => setProgress(db, entry.id, steps),
      inDoubt: (marker) => markInDoubt(db, entry.id, marker),
      notDone: () => markNotDone(db, entry.id),
      note: (marker) => setMarker(db, entry.id, marker),
      stopping: () => this.stopped,
    };
    let outcome: JobOutcome;
    try {
      outcome = await drainer.run(job, control);
    } catch (error) {
      outcome = { outcome: 'retry', error: errorText(error), counted: false };
    }
    const next = this.record(entry, outcome);
    drainer.after?.(job, outcome);
    return next;
  }

  /** Stores how a job ended; says whether the lane goes on. */
  private record(entry: OutboxEntry, outcome: JobOutcome): 'next' | 'waiting' | 'stopped' {
    const { db, clock } = this.deps;
    switch (outcome.outcome) {
      case 'done':
        markDone(db, entry.id, {
          now: clock.now().toISOString(),
          counted: outcome.counted,
          ...(outcome.result !== undefined ? { result: outcome.result } : {}),
          progress: getEntry(db, entry.id)?.progress ?? 0,
        });
        this.failures = 0;
        return 'next';
      case 'failed':
        markFailed(db, entry.id, { error: outcome.error, counted: outcome.counted });
        return 'next';
      case 'stopped':
        return 'stopped';
      case 'retry': {
        this.failures += 1;
        const delay = Math.max(backoffMs(this.failures, this.options, this.deps.random ?? Math.random), outcome.retryAfterMs ?? 0);
        markRetry(db, entry.id, { error: outcome.error, counted: outcome.counted, nextAttemptAt: new Date(clock.now().getTime() + delay).toISOString() });
        this.scheduleRetry(delay);
        return 'waiting';
      }
    }
  }

  private schedulePoll(): void {
    const { pollMs } = this.options;
    if (this.stopped || !this.drainer?.idle || pollMs <= 0 || this.retryTimer || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.drain(true);
    }, pollMs);
    this.pollTimer.unref?.();
  }

  private scheduleRetry(delay = backoffMs(Math.max(1, this.failures), this.options, this.deps.random ?? Math.random)): void {
    if (this.stopped || this.retryTimer) return;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.drain(false);
    }, delay);
    this.retryTimer.unref?.();
  }
}

/**
 * The one outbox worker: every lane's entries, oldest first, with retries (capped exponential
 * back-off with jitter), an idle poll, and a wake-up when a transaction queued something. Each
 * lane's drainer carries out its jobs exactly once: it records its progress and asks its device
 * what happened before doing anything again.
 */
export class OutboxWorker {
  private readonly lanes = new Map<Lane, LaneRunner>();

  constructor(private readonly deps: OutboxWorkerDeps) {}

  /** Declares a lane (once) and gives it a drainer, or none (nothing connected: entries wait). */
  attach(lane: Lane, drainer: Drainer | null, options: LaneOptions = {}): void {
    let runner = this.lanes.get(lane);
    if (!runner) {
      runner = new LaneRunner(lane, this.deps, { retryMs: 1000, maxRetryMs: 15_000, pollMs: 10_000, fullJitter: false });
      this.lanes.set(lane, runner);
    }
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<Required<LaneOptions>>;
    runner.attach(drainer, given);
  }

  /** At start-up: carry out what a crash or an absent device left, and learn each device's state. */
  start(lane?: Lane): void {
    for (const runner of this.runners(lane)) runner.start();
  }

  /** Wakes a lane (or all): something was queued, or its device may be back. */
  kick(lane?: Lane): void {
    for (const runner of this.runners(lane)) runner.kick();
  }

  /** Runs `fn` while the lane is between jobs, holding it there (swapping its device). */
  exclusive<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
    const runner = this.lanes.get(lane);
    return runner ? runner.exclusive(fn) : fn();
  }

  /** Resolves when the lane (or every lane) has nothing in flight. */
  async idle(lane?: Lane): Promise<void> {
    for (const runner of this.runners(lane)) await runner.idle();
  }

  /** Stops after the step in flight (waiting at most `waitMs` for it); what is left stays in the outbox for the next start. */
  async stop(lane?: Lane, waitMs = 5000): Promise<void> {
    await Promise.all(this.runners(lane).map((runner) => runner.stop(waitMs)));
  }

  private runners(lane?: Lane): LaneRunner[] {
    if (lane === undefined) return [...this.lanes.values()];
    const runner = this.lanes.get(lane);
    return runner ? [runner] : [];
  }
}
