/**
 * The ledger's connector on a worker thread: the same answers as on the till's thread, and a
 * thread that dies mid-post ends that post as "unknown" (looked up before sending again), with the
 * next call on a new thread.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/devices/ledger/connector.js';
import { ThreadedConnector } from '../../../electron/devices/ledger/threaded-connector.js';
import { startDirectoFake, type DirectoFake } from '../../support/directo-fake.js';
import { cashIn } from '../../support/ledger-documents.js';
import { waitFor } from '../../support/wait.js';

let fake: DirectoFake | null = null;
let connector: ThreadedConnector | null = null;
let dir: string | null = null;
afterEach(async () => {
  await connector?.close();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  connector = null;
  fake = null;
  dir = null;
});

describe('the connector on its own thread', () => {
  it('posts, finds and names the ledger as the connector itself would, on another thread', async () => {
    dir = await mkdtemp(join(tmpdir(), 'till-thread-'));
    connector = new ThreadedConnector({ kind: 'file', dir }, '', { name: 'file export', hasArticles: false });
    expect(await connector.post(cashIn())).toBe('posted');
    expect(await connector.find(cashIn())).toBe(true);
    expect(await connector.post(cashIn())).toBe('duplicate');
    expect(connector.name).toBe(`file export ${dir}`);
    expect(connector.thread?.threadId).toBeGreaterThan(threadId);
    expect((await connector.health()).ok).toBe(true);
    // A refusal keeps its class across the thread.
    const refused = await connector.post({ ...cashIn(), date: '2025-13-45' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).errorClass).toBe('permanent');
  });

  it('a thread that dies while a post waits: unknown, then looked up on a new thread, posted once', async () => {
    fake = await startDirectoFake({ holdMs: 5_000 });
    connector = new ThreadedConnector({ kind: 'directo', url: fake.url }, fake.token, { name: 'Directo', hasArticles: true });
    fake.inject('delay-after');
    const post = connector.post(cashIn()).catch((e: unknown) => e);
    const first = connector;
    await waitFor(() => fake?.puts() === 1 && first.thread !== null, 'the put reached Directo');
    const dying = first.thread;
    await dying?.terminate();
    const lost = await post;
    expect((lost as LedgerError).errorClass).toBe('unknown');
    // What the uploader does next: look it up (a new thread) — it is there, so nothing is sent again.
    expect(await connector.find(cashIn())).toBe(true);
    expect(connector.thread).not.toBe(dying);
    expect(fake.stored('receipt')).toHaveLength(1);
    expect(fake.puts()).toBe(1);
  });
});
