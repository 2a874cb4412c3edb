/**
 * Pulling the plug on a day close: the till runs as its own process (test/support/close-child.ts),
 * is told to close its day, and is killed with SIGKILL a chosen time later. Meanwhile this process
 * watches the database through a read-only connection of its own, to learn when the close's
 * commit became visible: that tells how long a close takes to commit, so the kills can be spread
 * before and after it, without any hook in the till.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Input } from '../../electron/contract/api.js';
import { APP_ROOT } from './core.js';

/**
 * How node runs the child: one bundle of close-child.ts and the till it imports (node_modules
 * stay outside), so that tens of starts take a third of a second each rather than over a second
 * through tsx; through tsx when esbuild is not there.
 */
export async function closeChildEntry(): Promise<{ entry: string[]; remove(): void }> {
  const source = join(APP_ROOT, 'test', 'support', 'close-child.ts');
  try {
    const { build } = await import('esbuild');
    const dir = join(APP_ROOT, 'node_modules', '.cache', 'the-till-close-crash');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `close-child-${process.pid}.mjs`);
    await build({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
    return { entry: [outfile], remove: () => rmSync(outfile, { force: true }) };
  } catch {
    return { entry: ['--import', 'tsx', source], remove: () => undefined };
  }
}

export interface KilledClose {
  /** When the kill was sent, in ms after the close was asked for. */
  killedAtMs: number;
  /** When this process first saw the day closed, in ms after the close was asked for (null: not before the kill). */
  commitSeenAtMs: number | null;
  /** The child had begun the close before it was killed (it said so just before calling it). */
  began: boolean;
  /** The child had answered the close before it was killed. */
  answered: boolean;
  output: string;
}

/**
 * Starts the till on `databaseFile`, asks it to close the open day `dayId` with `input` and kills
 * it `delayMs` later, or as soon as it answered (at once when it stops by itself, which it
 * should not).
 */
export async function closeAndKill(
  entry: string[],
  databaseFile: string,
  dayId: string,
  input: Input<'day.close'>,
  delayMs: number | 'answered',
): Promise<KilledClose> {
  const child = spawn(process.execPath, [...entry, APP_ROOT, databaseFile], { cwd: APP_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  // 'close', not 'exit': by then everything the child wrote before it died has been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the till did not start within 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the till stopped during its start:\n${out}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  const watcher = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const closedAt = watcher.prepare(`SELECT closed_at AS closedAt FROM days WHERE id = ?`);
  let commitSeenAtMs: number | null = null;
  let killedAtMs = 0;
  let killed = false;
  let stoppedByItself = false;
  const t0 = performance.now();
  child.stdin.write(`${JSON.stringify(input)}\n`);
  await new Promise<void>((resolve) => {
    const kill = () => {
      if (killed) return;
      killed = true;
      killedAtMs = performance.now() - t0;
      child.kill('SIGKILL');
      resolve();
    };
    const timer = delayMs === 'answered' ? undefined : setTimeout(kill, delayMs);
    if (delayMs === 'answered') child.stdout.on('data', () => /^(closed|refused) /m.test(out) && kill());
    void exited.then(() => {
      clearTimeout(timer);
      stoppedByItself = !killed;
      kill();
    });
    // Every millisecond until the kill: has the close committed yet?
    const watch = () => {
      if (killed || commitSeenAtMs !== null) return;
      if ((closedAt.get(dayId) as { closedAt: string | null } | undefined)?.closedAt) commitSeenAtMs = performance.now() - t0;
      else setTimeout(watch, 1);
    };
    watch();
  });
  await exited;
  // Killed on its answer, which may follow the commit within the millisecond between two looks:
  // then the answer is when it was known to be committed.
  if (delayMs === 'answered' && commitSeenAtMs === null && (closedAt.get(dayId) as { closedAt: string | null } | undefined)?.closedAt) commitSeenAtMs = killedAtMs;
  watcher.close();
  if (stoppedByItself) throw new Error(`the till stopped by itself:\n${out}`);
  if (/^refused /m.test(out)) throw new Error(`the till refused the close:\n${out}`);
  return { killedAtMs, commitSeenAtMs, began: /^closing$/m.test(out), answered: /^closed \d+$/m.test(out), output: out };
}
