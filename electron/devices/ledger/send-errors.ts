import { LedgerError } from './connector.js';

/**
 * What every networked connector reads from a failed request the same way: whether it certainly
 * never reached the ledger, how to say what happened, and how long the ledger asked to be left alone.
 */

/** Failures where no connection was made: sending again cannot make a second entry. */
export const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/** The system error code of a failure, looked for through its causes (fetch wraps them). */
export function errorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/** The failure's message with its code. */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${message} (${code})` : message;
}

/**
 * A send that failed without an answer. Only a connection that was never made proves nothing was
 * sent; fetch does not say whether a reset or timeout came before or after the body went out, so
 * those are `unknown` — the uploader looks the document up before sending again.
 */
export function sendFailure(key: string, err: unknown, describe: (err: unknown) => string = describeError): LedgerError {
  const code = errorCode(err);
  if (code && NOT_SENT.has(code)) return new LedgerError('temporary', `${key}: not sent: ${describe(err)}`);
  return new LedgerError('unknown', `${key}: sent, no answer: ${describe(err)}`);
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** An answer's text for a message: one line, at most 200 characters. */
export const snippet = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text).replace(/\s+/g, ' ').trim();
