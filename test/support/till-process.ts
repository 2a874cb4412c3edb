import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Channel, Input, Output } from '../../electron/contract/api.js';
import type { Wire } from '../../electron/contract/errors.js';
import { APP_ROOT } from './core.js';

export interface TillProcess {
  url: string;
  /** The process id (the one the data directory's lock names). */
  pid: number;
  port: number;
  token: string;
  output(): string;
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Wire<Output<C>>>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm start` in browser mode, in its own process; `env` adds to (or overrides) the environment. */
function spawnTill(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(APP_ROOT, 'electron', 'start.ts'), '--browser', ...args], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POS_PORT: '', POS_DATA_DIR: '', POS_PRINTER: '', POS_NEW_TOKEN: '', ...env },
  });
}

/**
 * Runs a till that is expected to stop by itself (a second till on a data directory in use, bad
 * options): resolves with its exit code and everything it printed.
 */
export async function runTillToExit(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const child = spawnTill(args, env);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the till did not stop within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    // 'close', not 'exit': everything the till printed has arrived by then.
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    });
  });
}

/**
 * Runs the till exactly as `npm start` does (browser mode, its own process), so tests can kill it
 * like a power cut would and start it again on the same data.
 */
export async function startTillProcess(args: string[], timeoutMs = 20_000, env: NodeJS.ProcessEnv = {}): Promise<TillProcess> {
  const child = spawnTill(args, env);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the till did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the till exited during start:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const port = Number(parsed.port);
  const token = parsed.hash.slice('#token='.length);

  return {
    url,
    pid: child.pid ?? 0,
    port,
    token,
    output: () => out,
    call: <C extends Channel>(channel: C, input: Input<C>) =>
      new Promise<Wire<Output<C>>>((resolve, reject) => {
        const body = JSON.stringify(input);
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: `/api/invoke/${channel}`,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-pos-token': token },
          },
          (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (data += c));
            res.on('end', () => {
              try {
                resolve(JSON.parse(data) as Wire<Output<C>>);
              } catch {
                reject(new Error(`HTTP ${res.statusCode}: ${data}`));
              }
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // A till that does not stop within 5 s is a bug the test should see, not a hung suite.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      if (signal === 'SIGTERM' && child.signalCode === 'SIGKILL') throw new Error(`the till ignored SIGTERM:\n${out}`);
    },
  };
}

export async function ok<T>(wire: Promise<Wire<T>>): Promise<T> {
  const w = await wire;
  if (!w.ok) throw new Error(`call failed: ${w.error.code} ${w.error.message}`);
  return w.value;
}
