import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { startHttpHost, type HttpHost } from '../../../electron/host/http-host.js';
import { ACCESS_FILE } from '../../../electron/host/browser-access.js';
import { openDatabase } from '../../../electron/db/open.js';
import { startTestCore, tempDir, type TestCore } from '../../support/core.js';
import { startTillProcess, type TillProcess } from '../../support/till-process.js';

/** A raw request with the headers a page, another program or a hostile page would send. */
function raw(
  port: number,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        data += c;
        // The event stream never ends by itself: its first line is enough.
        if (res.headers['content-type']?.startsWith('text/event-stream')) req.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
let umask: number;
const dirs: { remove(): void }[] = [];
beforeAll(() => {
  // The usual desktop umask: files would be created readable by everyone without care.
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  for (const dir of dirs) dir.remove();
});

describe('browser mode: the access link survives a restart', () => {
  const tills: TillProcess[] = [];
  afterEach(async () => {
    await Promise.all(tills.splice(0).map((t) => t.kill('SIGKILL')));
  });
  const start = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const till = await startTillProcess(args, 20_000, env);
    tills.push(till);
    return till;
  };
  const session = (till: TillProcess, token: string) => raw(till.port, '/api/session', { headers: { 'x-pos-token': token } });

  it('keeps the token and the address; --new-token and POS_NEW_TOKEN=1 make a new one and the old is refused', async () => {
    const parent = tempDir('till-browser-');
    dirs.push(parent);
    const dataDir = join(parent.path, 'shop', 'data');
    const args = ['--data-dir', dataDir, '--printer', 'none', '--terminal', 'none', '--scanner', 'none', '--no-demo'];

    const first = await start(args);
    expect((await session(first, first.token)).status).toBe(204);
    // Private from the start: the folder, the database, the token and the lock.
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of ['till.sqlite', 'till.sqlite-wal', 'till.sqlite-shm', ACCESS_FILE, 'till.lock']) {
      expect(modeOf(join(dataDir, file)), file).toBe(0o600);
    }
    expect(readFileSync(join(dataDir, ACCESS_FILE), 'utf8')).toContain(first.token);
    await first.kill('SIGTERM');

    const again = await start(args);
    expect(again.url).toBe(first.url);
    expect((await session(again, first.token)).status).toBe(204);
    await again.kill('SIGTERM');

    const rotated = await start([...args, '--new-token']);
    expect(rotated.token).not.toBe(first.token);
    expect(rotated.port).toBe(first.port);
    expect(rotated.output()).toContain('A new access token was made');
    expect((await session(rotated, first.token)).status).toBe(401);
    expect((await session(rotated, rotated.token)).status).toBe(204);
    const oldCall = await raw(rotated.port, '/api/invoke/receipt.new', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-token': first.token },
      body: '{}',
    });
    expect(oldCall.status).toBe(401);
    expect(modeOf(join(dataDir, ACCESS_FILE))).toBe(0o600);
    await rotated.kill('SIGTERM');

    const byVariable = await start(args, { POS_NEW_TOKEN: '1' });
    expect([first.token, rotated.token]).not.toContain(byVariable.token);
    expect((await session(byVariable, rotated.token)).status).toBe(401);
  }, 90_000);
});

describe('browser mode host: the token travels in its header, broken requests are the client’s error', () => {
  const TOKEN = 'test-token-0123456789';
  let core: TestCore;
  let host: HttpHost;
  const staticDir = tempDir('till-static-');
  dirs.push(staticDir);

  beforeAll(async () => {
    writeFileSync(join(staticDir.path, 'index.html'), '<!doctype html><title>till</title>');
    core = await startTestCore();
    host = await startHttpHost({ dispatch: core.dispatch, events: core.events, staticDir: staticDir.path, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await host.close();
    await core.close();
  });

  const post = (path: string, headers: Record<string, string>) => raw(host.port, path, { method: 'POST', headers, body: '{}' });
  const receipts = () => (core.db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;

  it('takes the token from the x-pos-token header only; the event stream alone also from ?token=', async () => {
    expect((await post(`/api/invoke/receipt.new?token=${TOKEN}`, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await raw(host.port, `/api/session?token=${TOKEN}`)).status).toBe(401);
    expect(receipts()).toBe(0);
    expect((await raw(host.port, '/api/session', { headers: { 'x-pos-token': TOKEN } })).status).toBe(204);
    expect((await raw(host.port, '/api/session', { headers: { 'x-pos-token': 'old-token' } })).status).toBe(401);

    const stream = await raw(host.port, `/api/events?token=${TOKEN}`);
    expect(stream.status).toBe(200);
    expect(stream.body).toContain(': connected');
    expect((await raw(host.port, '/api/events?token=old-token')).status).toBe(401);
  });

  it('answers broken percent-encoding with 400, not 500', async () => {
    expect((await raw(host.port, '/%')).status).toBe(400);
    expect((await raw(host.port, '/assets/%E0%A4%A')).status).toBe(400);
    expect((await post('/api/invoke/%E0', { 'content-type': 'application/json', 'x-pos-token': TOKEN })).status).toBe(400);
    expect((await post('/api/invoke/%', { 'content-type': 'application/json', 'x-pos-token': TOKEN })).status).toBe(400);
    // Still a working host afterwards.
    expect((await raw(host.port, '/')).status).toBe(200);
  });

  it('matches the JSON content type exactly, parameters allowed', async () => {
    const call = (contentType: string) => post('/api/invoke/receipt.new', { 'content-type': contentType, 'x-pos-token': TOKEN });
    for (const refused of ['application/jsonx', 'text/plain', 'application/json-patch+json', '']) {
      expect((await call(refused)).status, refused).toBe(415);
    }
    expect(receipts()).toBe(0);
    for (const accepted of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      expect((await call(accepted)).status, accepted).toBe(200);
    }
    expect(receipts()).toBe(3);
  });
});

describe('database files are private whatever the umask', () => {
  it('creates the folder 0700 and the database, -wal and -shm 0600; makes an older 0644 database private', () => {
    const parent = tempDir('till-modes-');
    dirs.push(parent);
    const fresh = join(parent.path, 'new', 'till.sqlite');
    const db = openDatabase({ file: fresh });
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect(modeOf(join(parent.path, 'new'))).toBe(0o700);
    for (const file of [fresh, `${fresh}-wal`, `${fresh}-shm`]) expect(modeOf(file), file).toBe(0o600);
    db.close();

    const oldDir = join(parent.path, 'old');
    mkdirSync(oldDir, { mode: 0o755 });
    const old = join(oldDir, 'till.sqlite');
    writeFileSync(old, '');
    chmodSync(old, 0o644);
    const reopened = openDatabase({ file: old });
    for (const file of [old, `${old}-wal`, `${old}-shm`]) expect(modeOf(file), file).toBe(0o600);
    reopened.close();

    const memory = openDatabase({ file: ':memory:' });
    expect(memory.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    memory.close();
  });
});
