import { describe, expect, it } from 'vitest';
import { PosError } from '../../../electron/contract/errors.js';
import { parseLedgerConnection } from '../../../electron/devices/ledger/module.js';

const refusal = (text: string): unknown => {
  try {
    parseLedgerConnection(text);
    return null;
  } catch (err) {
    return err instanceof PosError ? { code: err.code, field: err.details?.field } : err;
  }
};

describe('the ledger connection as typed in settings', () => {
  it('takes none and an hledger-web on this machine with the journal it serves', () => {
    expect(parseLedgerConnection(' none ')).toEqual({ kind: 'none' });
    expect(parseLedgerConnection('')).toEqual({ kind: 'none' });
    expect(parseLedgerConnection('hledger-web:http://127.0.0.1:5077?journal=%2Fsrv%2Fpos%20books.journal')).toEqual({
      kind: 'hledger-web',
      baseUrl: 'http://127.0.0.1:5077',
      journalFile: '/srv/pos books.journal',
    });
  });

  it('refuses hledger-web without its journal (lookups through hledger-web alone can miss a fresh add), off this machine, or unknown', () => {
    expect(refusal('hledger-web:http://127.0.0.1:5077')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('hledger-web:http://192.0.2.7:5077?journal=/srv/pos.journal')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('directo:https://example.test')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
  });
});
