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
    expect(parseLedgerConnection('b1:https://www.b1.lt/')).toEqual({ kind: 'b1', baseUrl: 'https://www.b1.lt' });
    expect(parseLedgerConnection('directo:https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp')).toEqual({
      kind: 'directo',
      url: 'https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp',
    });
    expect(parseLedgerConnection('file:/srv/export')).toEqual({ kind: 'file', dir: '/srv/export' });
    expect(parseLedgerConnection('file:C:\\Kassa\\eksport')).toEqual({ kind: 'file', dir: 'C:\\Kassa\\eksport' });
  });

  it('refuses hledger-web without its journal (lookups through hledger-web alone can miss a fresh add) or off this machine, an API key over plain http, and the unknown', () => {
    expect(refusal('hledger-web:http://127.0.0.1:5077')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('hledger-web:http://192.0.2.7:5077?journal=/srv/pos.journal')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('b1:http://www.b1.lt')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('directo:http://login.directo.ee/xmlcore.asp')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('file:relative/folder')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
    expect(refusal('sftp://example.test')).toEqual({ code: 'ledger.bad_connection', field: 'ledgerConnection' });
  });
});
