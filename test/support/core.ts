import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore, type Core, type CoreOptions } from '../../electron/app/core.js';
import type { Channel, Input, Output } from '../../electron/contract/api.js';
import type { Wire } from '../../electron/contract/errors.js';
import type { Clock, Ids } from '../../electron/usecases/ports.js';
import { entriesOfKind } from '../../electron/db/outbox-repo.js';

// From the file path, not `new URL('../..', import.meta.url)`: under jsdom (the renderer tests start
// the core too) the global URL is jsdom's, which does not resolve against a file: URL.
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function fixedClock(start = '2026-11-22T10:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export function sequentialIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(5, '0')}` };
}

export function tempDir(name = 'till-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), name));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestCore extends Core {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Wire<Output<C>>>;
  /** Calls and expects success. */
  ok<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  clock: TestClock;
  dataDir: string;
}

/** A core on a real SQLite file in a temp folder, with a fixed clock and readable ids. */
export async function startTestCore(options: Partial<CoreOptions> & { dataDir?: string } = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir().path;
  const clock = fixedClock();
  const core = await startCore({
    databaseFile: join(dataDir, 'till.sqlite'),
    appRoot: APP_ROOT,
    printer: { kind: 'none' },
    clock,
    ids: sequentialIds(),
    checkOutputs: true,
    printRetryMs: 50,
    terminal: { kind: 'stand-in', delayMs: 0, idCode: '38001085718' },
    hidScanners: false,
    ...options,
  });
  const call = async <C extends Channel>(channel: C, input: Input<C>) =>
    (await core.dispatch(channel, input)) as Wire<Output<C>>;
  // The core itself, not a spread copy: `printer` and `printWorker` are getters that follow a
  // printer switched on the settings screen.
  return Object.assign(core, {
    clock,
    dataDir,
    call,
    async ok<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
      const wire = await call(channel, input);
      if (!wire.ok) throw new Error(`${channel} failed: ${wire.error.code} ${wire.error.message}`);
      return wire.value;
    },
  });
}

/** The outbox entries of one kind (oldest first), their payloads parsed: what the worker will carry out. */
export function outboxOf<T = Record<string, unknown>>(
  db: Core['db'],
  kind: string,
  documentId?: string,
): { id: string; status: string; documentId: string | null; attempts: number; progress: number; payload: T }[] {
  return entriesOfKind(db, kind, documentId).map((e) => ({
    id: e.id,
    status: e.status,
    documentId: e.documentId,
    attempts: e.attempts,
    progress: e.progress,
    payload: JSON.parse(e.payload) as T,
  }));
}

/** A till with the ZVT terminal simulator over a serial PTY; a short timeout notices a dropped line in seconds. */
export const startZvtTill = (options: Partial<CoreOptions> = {}) =>
  startTestCore({ terminal: { kind: 'zvt', transport: 'sim', responseTimeoutMs: 3000 }, ...options });

/** The core's simulated ZVT terminal (the till must have been started with one). */
export function zvtSimOf(core: Core) {
  const sim = core.terminalSimulator;
  if (!sim) throw new Error('no ZVT simulator');
  return sim;
}

/** The core's simulated POSNET fiscal printer (set on the settings screen as `posnet:sim`). */
export function fiscalSimOf(core: Core) {
  const sim = core.fiscal.simulator;
  if (!sim) throw new Error('no simulated fiscal printer');
  return sim;
}
