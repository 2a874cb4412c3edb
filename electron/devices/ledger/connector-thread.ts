import { parentPort, workerData } from 'node:worker_threads';
import { connectorOf, type LedgerConnection } from './connection.js';
import { LedgerError } from './connector.js';
import type { ThreadReply, ThreadRequest } from './threaded-connector.js';

/**
 * The ledger's connector on a thread of its own: building and reading its requests (JSON, XML,
 * CSV, a day's report), waiting on the network and on hledger never take time from the till's
 * main thread, which serves the cashier's scans and keys.
 */
const { connection, secret } = workerData as { connection: LedgerConnection; secret: string };
const port = parentPort;
if (!port) throw new Error('the ledger connector thread runs as a worker');

let ready: { name: string; hasArticles: boolean } | { failed: string };
const connector = (() => {
  try {
    const made = connectorOf(connection, secret);
    ready = { name: made?.name ?? 'none', hasArticles: typeof made?.listArticles === 'function' };
    return made;
  } catch (error) {
    ready = { failed: error instanceof Error ? error.message : String(error) };
    return null;
  }
})();
port.postMessage({ type: 'ready', ...ready } satisfies ThreadReply);

port.on('message', (request: ThreadRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});

async function answer(request: ThreadRequest): Promise<ThreadReply> {
  try {
    if (!connector) throw new LedgerError('permanent', 'no ledger connector on this thread');
    switch (request.op) {
      case 'post':
        return { type: 'answer', id: request.id, value: await connector.post(request.doc) };
      case 'find':
        return { type: 'answer', id: request.id, value: await connector.find(request.doc) };
      case 'health':
        return { type: 'answer', id: request.id, value: await connector.health() };
      case 'listArticles':
        return { type: 'answer', id: request.id, value: (await connector.listArticles?.()) ?? [] };
      case 'close':
        await connector.close?.();
        return { type: 'answer', id: request.id, value: null };
    }
  } catch (error) {
    return {
      type: 'failure',
      id: request.id,
      errorClass: error instanceof LedgerError ? error.errorClass : null,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof LedgerError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
}
