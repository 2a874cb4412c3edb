import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNewJournal } from '../../electron/devices/ledger/hledger-journal.js';
import { waitFor } from './wait.js';

/** A real hledger-web on a free loopback port, serving a new journal in a temporary folder. */
export type HledgerWeb = {
  baseUrl: string;
  port: number;
  journalFile: string;
  /** What hledger-web printed (for a failing test's message). */
  log: () => string;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startHledgerWeb(accounts: string[], currency: string, goods: string[] = []): Promise<HledgerWeb> {
  const dir = await mkdtemp(join(tmpdir(), 'till-hledger-'));
  const journalFile = join(dir, 'till.journal');
  await writeNewJournal(journalFile, accounts, currency, goods);
  let output = '';
  // The port is free when picked and taken a moment later; a race with another process retries.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn('hledger-web', ['-f', journalFile, '--serve-api', '--host=127.0.0.1', `--port=${port}`, '--capabilities=view,add'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const baseUrl = `http://127.0.0.1:${port}`;
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`hledger-web exited: ${output}`);
          const res = await fetch(`${baseUrl}/version`).catch(() => null);
          return res?.ok ? true : false;
        },
        'hledger-web /version',
        15_000,
      );
      return { baseUrl, port, journalFile, log: () => output, stop };
    } catch (err) {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (attempt >= 2) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
}

/** `hledger -f FILE check -s`: the exit code and what it said. */
export function hledgerCheck(journalFile: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('hledger', ['-f', journalFile, 'check', '-s'], (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * How often each key's tag appears in the journal text, counted on the raw file (not through
 * hledger) so that the count holds even for a journal hledger could no longer load.
 */
export async function keyCounts(journalFile: string): Promise<Map<string, number>> {
  const text = await readFile(journalFile, 'utf8');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/; pos-id:([^\s,]+)/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

/** Transactions in the journal, as hledger reads it. */
export function printedTransactions(journalFile: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    execFile('hledger', ['-f', journalFile, 'print', '-O', 'json'], { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`hledger print: ${stderr}`));
      resolve(JSON.parse(stdout) as unknown[]);
    });
  });
}
