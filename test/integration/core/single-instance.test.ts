import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireInstanceLock, LOCK_FILE, TillAlreadyRunningError, type InstanceLock, type LockHolder } from '../../../electron/host/instance-lock.js';
import { tempDir } from '../../support/core.js';
import { ok, runTillToExit, startTillProcess, type TillProcess } from '../../support/till-process.js';

const dirs: { remove(): void }[] = [];
const tills: TillProcess[] = [];
const locks: InstanceLock[] = [];
afterEach(async () => {
  for (const lock of locks.splice(0)) lock.release();
  await Promise.all(tills.splice(0).map((t) => t.kill('SIGKILL')));
  for (const dir of dirs.splice(0)) dir.remove();
});

function dataDir(): string {
  const dir = tempDir('till-lock-');
  dirs.push(dir);
  return dir.path;
}

/** A pid that belonged to a process and no longer does. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  const full: LockHolder = { pid: 1, startedAt: '2026-11-22T08:00:00.000Z', mode: 'browser', port: 41234, ...holder };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

const readLock = (dir: string) => JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockHolder;

describe('one till per data directory (two processes)', () => {
  it('a second start says where the till runs and since when, exits non-zero; after a crash the next start takes over', async () => {
    const dir = dataDir();
    const args = ['--data-dir', dir, '--port', '0', '--printer', 'none', '--terminal', 'none', '--scanner', 'none', '--no-demo'];
    const first = await startTillProcess(args);
    tills.push(first);
    expect(readLock(dir)).toMatchObject({ pid: first.pid, mode: 'browser', port: first.port });
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);

    const second = await runTillToExit(args);
    expect(second.code).not.toBe(0);
    expect(second.output).toContain('The till is already running on this data directory');
    expect(second.output).toContain(`data directory: ${dir}`);
    expect(second.output).toContain(`browser mode at http://127.0.0.1:${first.port}/ — open the link it printed`);
    expect(second.output).toMatch(/running since: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(process \d+\)/);
    expect(second.output).not.toContain(first.token);
    // The first till is untouched and still sells.
    expect((await ok(first.call('receipt.new', {}))).status).toBe('new');
    expect(readLock(dir).pid).toBe(first.pid);

    // A power cut: the lock stays behind, its process is gone.
    await first.kill('SIGKILL');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const third = await startTillProcess(args);
    tills.push(third);
    expect(third.output()).toMatch(/Taking over the lock of a till that stopped without closing \(process \d+, since .*\): its process is no longer running/);
    expect(readLock(dir)).toMatchObject({ pid: third.pid, port: third.port });
    expect(await ok(third.call('receipt.current', {}))).toBeDefined();

    // A clean stop removes the lock.
    await third.kill('SIGTERM');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 90_000);
});

describe('the data directory lock', () => {
  it('refuses while the holder lives and names it; a released lock is free for the next till', () => {
    const dir = dataDir();
    // The test runner's parent process stands in for a till running in Electron.
    writeLock(dir, { pid: process.ppid, mode: 'electron' });
    let error: unknown;
    try {
      locks.push(acquireInstanceLock({ dataDir: dir, mode: 'browser' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TillAlreadyRunningError);
    expect((error as TillAlreadyRunningError).code).toBe('till.already_running');
    expect((error as Error).message).toContain('It runs in its own window (Electron).');
    expect(readLock(dir).pid).toBe(process.ppid);

    rmSync(join(dir, LOCK_FILE));
    const lock = acquireInstanceLock({ dataDir: dir, mode: 'browser' });
    locks.push(lock);
    lock.setPort(8080);
    expect(readLock(dir)).toMatchObject({ pid: process.pid, mode: 'browser', port: 8080 });
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while the holder lives, and says a browser-mode till still starting has no address yet', () => {
    const dir = dataDir();
    writeLock(dir, { pid: process.ppid, port: null });
    expect(() => acquireInstanceLock({ dataDir: dir, mode: 'browser' })).toThrow(/still starting; its address appears in its window/);
    expect(readLock(dir).pid).toBe(process.ppid);
  });

  it('takes over a lock whose process is gone, whose machine has rebooted, or whose pid another program now has', () => {
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);

    const gone = dataDir();
    writeLock(gone, { pid: deadPid() });
    locks.push(acquireInstanceLock({ dataDir: gone, mode: 'browser', log }));
    expect(readLock(gone).pid).toBe(process.pid);

    const rebooted = dataDir();
    writeLock(rebooted, { pid: process.ppid, bootId: 'boot-before-the-power-cut' });
    locks.push(acquireInstanceLock({ dataDir: rebooted, mode: 'browser', log, system: { bootId: () => 'boot-now' } }));
    expect(readLock(rebooted).pid).toBe(process.pid);

    const reused = dataDir();
    writeLock(reused, { pid: process.ppid, bootId: 'b', processStart: '100' });
    locks.push(acquireInstanceLock({ dataDir: reused, mode: 'browser', log, system: { bootId: () => 'b', processStart: () => '999' } }));
    expect(readLock(reused).pid).toBe(process.pid);

    const garbage = dataDir();
    writeFileSync(join(garbage, LOCK_FILE), '{"pid": ');
    locks.push(acquireInstanceLock({ dataDir: garbage, mode: 'browser', log }));
    expect(readLock(garbage).pid).toBe(process.pid);

    expect(logs).toEqual([
      expect.stringContaining('its process is no longer running'),
      expect.stringContaining('the computer has restarted since'),
      expect.stringContaining('its process number now belongs to another program'),
      expect.stringContaining('Replacing the unreadable lock file'),
    ]);
    // No temporary files are left beside the locks.
    for (const dir of [gone, rebooted, reused, garbage]) expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('release leaves alone a lock that is no longer its own', () => {
    const dir = dataDir();
    const lock = acquireInstanceLock({ dataDir: dir, mode: 'browser' });
    locks.push(lock);
    writeLock(dir, { pid: process.ppid });
    lock.release();
    expect(readLock(dir).pid).toBe(process.ppid);
  });
});
