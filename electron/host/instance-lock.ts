import { closeSync, fstatSync, linkSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, replacePrivateFile, tempNameFor, writeNewPrivateFile } from './private-files.js';

/**
 * One till per data directory: two tills on one database would both drain the outbox and print
 * every receipt twice. The running till holds `till.lock` in the data directory; a second start
 * finds it, says where the first one runs and exits.
 *
 * Why a pid file and not a time-based lock (such as proper-lockfile's mkdir + mtime refresh):
 * a till busy for seconds (a migration, a checkpoint on a slow disk) must never be judged gone
 * while it lives, and the lock has to carry what the second start tells the cashier (since when,
 * which address). A lock is stale only when its process is provably gone: its pid is not alive,
 * or (Linux) the machine has rebooted since or the pid now belongs to another process. Without
 * that last check a power cut would leave a lock whose pid some other program gets after the
 * reboot, and the till would refuse to start in the morning.
 */
export const LOCK_FILE = 'till.lock';

export type TillMode = 'browser' | 'electron';

export interface LockHolder {
  pid: number;
  /** ISO time the holder started. */
  startedAt: string;
  mode: TillMode;
  /** Browser mode's port once it listens; null while starting and in Electron. */
  port: number | null;
  /** Linux: the boot the holder ran in and its start in clock ticks since that boot — together they name one process. */
  bootId?: string;
  processStart?: string;
}

/** A second start on a data directory a live till holds. Its message says what to do. */
export class TillAlreadyRunningError extends Error {
  readonly code = 'till.already_running';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(alreadyRunningMessage(dataDir, holder));
    this.name = 'TillAlreadyRunningError';
  }
}

export interface InstanceLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Records browser mode's port once the host listens, for the message a second start shows. */
  setPort(port: number): void;
  /** Removes the lock if it is still this process's own. Safe to call more than once. */
  release(): void;
}

export interface LockSystem {
  /** process.kill(pid, 0): true while a process with this pid exists (ours or another user's). */
  pidAlive(pid: number): boolean;
  bootId(): string | undefined;
  processStart(pid: number): string | undefined;
}

export interface AcquireOptions {
  dataDir: string;
  mode: TillMode;
  log?: (message: string) => void;
  now?: () => Date;
  system?: Partial<LockSystem>;
}

const readIfPresent = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
};

const defaultSystem: LockSystem = {
  pidAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists but belongs to another user — alive all the same.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  bootId: () => (process.platform === 'linux' ? readIfPresent('/proc/sys/kernel/random/boot_id') : undefined),
  processStart(pid) {
    if (process.platform !== 'linux') return undefined;
    const stat = readIfPresent(`/proc/${pid}/stat`);
    if (!stat) return undefined;
    // Field 22 (starttime); fields are counted after the command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  },
};

/** Local time as a shop reads it: 2026-11-22 12:00:05. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** What a second start prints: where the till runs, since when, and the address without its token. */
export function alreadyRunningMessage(dataDir: string, holder: LockHolder): string {
  const where =
    holder.mode === 'electron'
      ? 'It runs in its own window (Electron).'
      : holder.port === null
        ? 'It runs in browser mode and is still starting; its address appears in its window.'
        : `It runs in browser mode at http://127.0.0.1:${holder.port}/ — open the link it printed when it started (that address with #token=…).`;
  return [
    'The till is already running on this data directory; a second till on the same database would print receipts twice.',
    `  data directory: ${dataDir}`,
    `  running since:  ${localTime(holder.startedAt)} (process ${holder.pid})`,
    `  ${where}`,
    'Use that till, or stop it (Ctrl+C in its window, or close its window) and start again.',
  ].join('\n');
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(v.pid) || (v.pid ?? 0) <= 0 || typeof v.startedAt !== 'string') return null;
    if (v.mode !== 'browser' && v.mode !== 'electron') return null;
    return {
      pid: v.pid as number,
      startedAt: v.startedAt,
      mode: v.mode,
      port: Number.isInteger(v.port) ? (v.port as number) : null,
      ...(typeof v.bootId === 'string' ? { bootId: v.bootId } : {}),
      ...(typeof v.processStart === 'string' ? { processStart: v.processStart } : {}),
    };
  } catch {
    return null;
  }
}

interface FoundLock {
  holder: LockHolder | null;
  text: string;
  ino: number;
}

/** The lock as found: its holder (null if unreadable), its text and inode; null if it is gone. */
function readLock(file: string): FoundLock | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const text = readFileSync(fd, 'utf8');
    return { ino: fstatSync(fd).ino, text, holder: parseHolder(text) };
  } finally {
    closeSync(fd);
  }
}

/** True if `file` is still the lock that was found (an inode alone may be reused at once). */
function isSameLock(file: string, found: Pick<FoundLock, 'ino' | 'text'>): boolean {
  const now = readLock(file);
  return now !== null && now.ino === found.ino && now.text === found.text;
}

/** Why a holder is not running, or null if it is. */
function staleReason(holder: LockHolder, system: LockSystem): string | null {
  // Our own pid in a lock we have not written yet: a till before a reboot happened to have it.
  if (holder.pid === process.pid) return 'its process number is now this till’s own';
  if (!system.pidAlive(holder.pid)) return 'its process is no longer running';
  const boot = system.bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return 'the computer has restarted since';
  const start = holder.processStart ? system.processStart(holder.pid) : undefined;
  if (start && start !== holder.processStart) return 'its process number now belongs to another program';
  return null;
}

/**
 * Creates the lock file with its content in one step: written beside it, then hard-linked into
 * place, which fails if a lock exists — so no one ever reads a half-written lock. File systems
 * without hard links (FAT) get an exclusive create instead.
 */
function tryCreate(file: string, text: string): boolean {
  const temp = tempNameFor(file);
  try {
    writeNewPrivateFile(temp, text);
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      try {
        writeNewPrivateFile(file, text);
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw again;
      }
    }
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a stale lock — exactly the one judged stale: it is renamed aside (only one of two
 * starters can do that) and, should another start have put a fresh lock in its place meanwhile,
 * that one is put back.
 */
function removeStale(file: string, stale: FoundLock): void {
  const aside = tempNameFor(file);
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (!isSameLock(aside, stale)) linkSync(aside, file);
  } catch {
    // A third start took the place meanwhile: that one holds the lock now.
  } finally {
    rmSync(aside, { force: true });
  }
}

/** The lock this process holds. */
function held(path: string, first: LockHolder): InstanceLock {
  let current = first;
  let released = false;
  const mine = () => {
    if (released) return false;
    const found = readLock(path);
    return found?.holder?.pid === current.pid && found.holder.startedAt === current.startedAt;
  };
  const release = () => {
    if (mine()) rmSync(path, { force: true });
    released = true;
    process.off('exit', release);
  };
  // Also on process.exit() and an uncaught error; not on SIGKILL or a power cut — the next
  // start finds the process gone and takes the lock over.
  process.on('exit', release);
  return {
    file: path,
    get holder() {
      return current;
    },
    setPort(port) {
      if (!mine()) return;
      current = { ...current, port };
      replacePrivateFile(path, JSON.stringify(current));
    },
    release,
  };
}

/** Takes the data directory's lock, or throws TillAlreadyRunningError naming the till that holds it. */
export function acquireInstanceLock(options: AcquireOptions): InstanceLock {
  const system: LockSystem = { ...defaultSystem, ...options.system };
  const now = options.now ?? (() => new Date());
  ensurePrivateDir(options.dataDir);
  const file = join(options.dataDir, LOCK_FILE);
  const bootId = system.bootId();
  const processStart = system.processStart(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    startedAt: now().toISOString(),
    mode: options.mode,
    port: null,
    ...(bootId ? { bootId } : {}),
    ...(processStart ? { processStart } : {}),
  };

  // A few rounds: each is lost only to another start taking or removing the lock at that moment.
  for (let round = 0; round < 5; round++) {
    if (tryCreate(file, JSON.stringify(holder))) return held(file, holder);
    const found = readLock(file);
    if (found === null) continue;
    if (found.holder) {
      const reason = staleReason(found.holder, system);
      if (reason === null) throw new TillAlreadyRunningError(options.dataDir, found.holder);
      options.log?.(
        `Taking over the lock of a till that stopped without closing (process ${found.holder.pid}, since ${localTime(found.holder.startedAt)}): ${reason}.`,
      );
    } else {
      options.log?.(`Replacing the unreadable lock file ${file}.`);
    }
    removeStale(file, found);
  }
  throw new Error(`Could not take the lock ${file}: other tills keep starting on this data directory at the same moment. Start one till only.`);
}
