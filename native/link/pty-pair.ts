import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Two pseudo-terminals wired to each other: bytes written to one are read from the other. */
  a: string;
  b: string;
  close(): Promise<void>;
}

export function hasSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * A virtual null-modem cable (socat PTY pair). The simulated printer sits on one end and the
 * real serial driver on the other, so the simulator exercises the same serial I/O as hardware.
 */
export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  if (!hasSocat()) throw new Error('socat is not installed (Debian: apt-get install socat); it provides virtual serial ports');
  const dir = mkdtempSync(join(tmpdir(), 'till-pty-'));
  const a = join(dir, 'ttyA');
  const b = join(dir, 'ttyB');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(a) && existsSync(b))) {
    if (socat.exitCode !== null || Date.now() > deadline) {
      socat.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`socat did not create the PTY pair within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    a,
    b,
    async close() {
      if (socat.exitCode === null) {
        socat.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
