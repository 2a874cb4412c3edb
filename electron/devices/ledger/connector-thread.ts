import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { connectorOf, type LedgerConnection } from './connection.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import type { ThreadReply, ThreadRequest } from './threaded-connector.js';

/**
 * The ledger's connector on a thread of its own: building and reading its requests (JSON, XML,
 * CSV, a day's report), waiting on the network and on hledger never take time from the till's
 * main thread, which serves the cashier's scans and keys.
 */
// Loaded anywhere but as the thread (a module check, a bundler), it does nothing.
if (parentPort && workerData) serve(parentPort, workerData as { connection: LedgerConnection; secret: string });

function serve(port: MessagePort, { connection, secret }: { connection: LedgerConnection; secret: string }): void {
  let connector: LedgerConnector | null = null;
  let ready: ThreadReply;
  try {
    connector = connectorOf(connection, secret);
    ready = { type: 'ready', name: connector?.name ?? 'none', hasArticles: typeof connector?.listArticles === 'function' };
  } catch (error) {
    ready = { type: 'ready', failed: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(ready);
  port.on('message', (request: ThreadRequest) => {
    void answer(connector, request).then((reply) => port.postMessage(reply));
  });
}

async function answer(connector: LedgerConnector | null, request: ThreadRequest): Promise<ThreadReply> {
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
