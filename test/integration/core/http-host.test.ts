import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { startHttpHost, type HttpHost } from '../../../electron/host/http-host.js';
import { startTestCore, tempDir, type TestCore } from '../../support/core.js';

const TOKEN = 'test-token-0123456789';
let core: TestCore;
let host: HttpHost;
const staticDir = tempDir('till-static-').path;

beforeAll(() => {
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>till</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
});
afterEach(async () => {
  await host.close();
  await core.close();
});

async function start() {
  core = await startTestCore();
  host = await startHttpHost({ dispatch: core.dispatch, events: core.events, staticDir, port: 0, token: TOKEN });
}

/** A raw request, so tests can send the headers a hostile page or another program would. */
function raw(
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = { 'content-type': 'application/json', 'x-pos-token': TOKEN };

describe('browser mode host: the contract over loopback HTTP', () => {
  it('serves the renderer with a CSP and the URL carries the token in the hash', async () => {
    await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>till</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await raw('/assets/app.js')).status).toBe(200);
    expect((await raw('/../package.json')).status).toBe(404);
    expect((await raw('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('runs a call with the token and returns the wire value', async () => {
    await start();
    const res = await raw('/api/invoke/receipt.new', { method: 'POST', headers: json, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { status: 'new', rows: [] } });
    const bad = await raw('/api/invoke/receipt.addArticle', { method: 'POST', headers: json, body: '{"receiptId":"x"}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses calls without the token, from another site, or for another host name', async () => {
    await start();
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;
    const post = (headers: Record<string, string>) => raw('/api/invoke/receipt.new', { method: 'POST', headers, body: '{}' });
    expect((await post({ 'content-type': 'application/json' })).status).toBe(401);
    expect((await post({ ...json, 'x-pos-token': 'wrong' })).status).toBe(401);
    expect((await post({ ...json, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ ...json, host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await post({ 'x-pos-token': TOKEN, 'content-type': 'text/plain' })).status).toBe(415);
    expect(count()).toBe(0);
    expect((await post({ ...json, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect(count()).toBe(1);
  });

  it('pushes core events to the page over server-sent events', async () => {
    await start();
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${TOKEN}`, headers: { host: `127.0.0.1:${host.port}` } },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            data += c;
            if (data.includes(': connected')) core.events.emit('receipt.printed', { receiptId: 'r1', number: 'K000001' });
            if (data.includes('event: receipt.printed')) {
              resolve(data);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain('data: {"receiptId":"r1","number":"K000001"}');
  });
});
