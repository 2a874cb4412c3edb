import type { LedgerDocument } from '../../usecases/ledger-document.js';

/**
 * One accounting ledger as the uploader sees it. A connector posts one document at a time and can
 * tell whether a document (by its key) is already there; it sorts every failure into a class the
 * uploader acts on.
 */
export interface LedgerConnector {
  /** For the sync screen and the device log: "hledger-web http://127.0.0.1:5077". */
  readonly name: string;
  /** Is the document with this key in the ledger? (Throws a LedgerError when it cannot tell.) */
  find(doc: LedgerDocument): Promise<boolean>;
  /** Posts it; 'duplicate' when the ledger says it has it already. */
  post(doc: LedgerDocument): Promise<'posted' | 'duplicate'>;
  /** Can the ledger be reached, and is it the ledger we expect? */
  health(): Promise<{ ok: boolean; detail: string }>;
  /** Product cards as the ledger keeps them, in the import file's columns (ledgers that keep none leave it out). */
  listArticles?(): Promise<LedgerArticleRow[]>;
  close?(): Promise<void>;
}

/** A product card in the columns of the accounting program's import file, as text. */
export interface LedgerArticleRow {
  name: string;
  attributeName: string;
  groupName: string;
  measurementUnitName: string;
  priceWithoutVat: string;
  priceWithVat: string;
  vatRate: string;
  barcode: string;
}

/**
 * - temporary: try again later, as often as it takes (network, timeouts, 5xx, 429);
 * - permanent: this document will never be taken as it is (validation, a closed period): set aside
 *   for a person;
 * - unknown: it was sent and no answer came — it may be in the ledger: look it up before sending again.
 */
export type LedgerErrorClass = 'temporary' | 'permanent' | 'unknown';

export class LedgerError extends Error {
  constructor(
    readonly errorClass: LedgerErrorClass,
    message: string,
    /** A temporary error's Retry-After, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
