import { posix, win32 } from 'node:path';
import { PosError } from '../../contract/errors.js';
import { B1Connector } from './b1.js';
import { LedgerError, type LedgerConnector } from './connector.js';
import { DirectoConnector } from './directo.js';
import { FileExportConnector } from './file-export.js';
import { HledgerWebConnector } from './hledger-web.js';

/**
 * Which ledger the till posts to, as a connection string (the settings screen's, else POS_LEDGER):
 * - `none`;
 * - `hledger-web:http://127.0.0.1:5077?journal=/path/to/pos.journal` — the file it serves, which
 *   lookups read themselves (hledger-web's own copy can be stale, see the connector);
 * - `b1:https://www.b1.lt` and `directo:https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp`
 *   — their API key or token is set apart (`ledger.setSecret`) and never shown;
 * - `file:/path/to/folder` — CSV and JSON per day for ledgers that load files.
 */
export type LedgerConnection =
  | { kind: 'none' }
  | { kind: 'hledger-web'; baseUrl: string; journalFile: string }
  | { kind: 'b1'; baseUrl: string }
  | { kind: 'directo'; url: string }
  | { kind: 'file'; dir: string };

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const refuse = (why: string) => new PosError('ledger.bad_connection', why, { field: 'ledgerConnection' });

/** An API key travels only encrypted, except to a ledger on this machine (a test double). */
function secureUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse(`not an address: ${text}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname))) return url;
  throw refuse(`the API key would travel unencrypted: ${text}`);
}

export function parseLedgerConnection(text: string): LedgerConnection {
  const t = text.trim();
  if (t === '' || t === 'none') return { kind: 'none' };
  const hledger = /^hledger-web:(https?:\/\/[^?\s]+)\?journal=(.+)$/.exec(t);
  if (hledger?.[1] && hledger[2]) {
    const url = new URL(hledger[1]);
    // hledger-web has no authentication: it is reached on this machine only.
    if (!LOOPBACK.includes(url.hostname)) throw refuse('hledger-web only on this machine');
    return { kind: 'hledger-web', baseUrl: hledger[1], journalFile: decodeURIComponent(hledger[2]) };
  }
  const service = /^(b1|directo):(\S+)$/.exec(t);
  if (service?.[1] && service[2]) {
    const url = secureUrl(service[2]).toString().replace(/\/$/, '');
    return service[1] === 'b1' ? { kind: 'b1', baseUrl: url } : { kind: 'directo', url };
  }
  const file = /^file:(.+)$/.exec(t);
  // An absolute folder on this system or on Windows (C:\export, \\server\share): a relative one would move with the working directory.
  if (file?.[1] && (posix.isAbsolute(file[1]) || win32.isAbsolute(file[1]))) return { kind: 'file', dir: file[1] };
  throw refuse(`not a ledger connection: ${t}`);
}

export const needsSecret = (c: LedgerConnection) => c.kind === 'b1' || c.kind === 'directo';

/** A ledger that takes a key, before one is set: documents wait (temporary), nothing is set aside. */
function waitingForSecret(kind: string): LedgerConnector {
  const why = () => new LedgerError('temporary', `${kind}: no API key is set on this till`);
  return {
    name: `${kind} (no API key)`,
    find: () => Promise.reject(why()),
    post: () => Promise.reject(why()),
    health: () => Promise.resolve({ ok: false, detail: `${kind}: no API key is set on this till` }),
  };
}

export function connectorOf(connection: LedgerConnection, secret: string): LedgerConnector | null {
  switch (connection.kind) {
    case 'none':
      return null;
    case 'hledger-web':
      return new HledgerWebConnector({ baseUrl: connection.baseUrl, journalFile: connection.journalFile });
    case 'b1':
      return secret ? new B1Connector({ baseUrl: connection.baseUrl, apiKey: secret }) : waitingForSecret('B1.lt');
    case 'directo':
      return secret ? new DirectoConnector({ url: connection.url, token: secret }) : waitingForSecret('Directo');
    case 'file':
      return new FileExportConnector({ dir: connection.dir });
  }
}
