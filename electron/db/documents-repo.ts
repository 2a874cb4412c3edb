/**
 * The frozen facts of confirmed documents: each row's sum and discount, VAT per rate, tenders per
 * payment method, and the paper as printed. Written once, in the confirming transaction; triggers
 * refuse any change afterwards (migrations/0005_documents.sql).
 */
import type { DocumentFacts, Tender } from '../domain/document.js';
import type { PaymentMethod } from '../domain/payment.js';
import type { VatLine } from '../domain/totals.js';
import type { Db } from './open.js';

/**
 * Writes the facts of a draft about to be confirmed: row sums (in `rowIds` order), VAT lines and
 * tenders. Call inside the confirming transaction, before the document is marked confirmed.
 */
export function writeFacts(db: Db, documentId: string, rowIds: readonly string[], facts: DocumentFacts): void {
  if (rowIds.length !== facts.rows.length) throw new Error(`facts for ${facts.rows.length} rows, document has ${rowIds.length}`);
  const row = db.prepare(`UPDATE receipt_rows SET sum_minor = ?, discount_minor = ? WHERE id = ? AND receipt_id = ?`);
  facts.rows.forEach((f, i) => row.run(f.sumMinor, f.discountMinor, rowIds[i], documentId));
  const vat = db.prepare(`INSERT INTO document_vat_lines (document_id, rate_bp, net_minor, vat_minor, gross_minor) VALUES (?, ?, ?, ?, ?)`);
  for (const v of facts.vat) vat.run(documentId, v.rateBp, v.netMinor, v.vatMinor, v.grossMinor);
  const tender = db.prepare(
    `INSERT INTO document_tenders (document_id, method, amount_minor, tendered_minor, change_minor, rounding_minor) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const t of facts.tenders) tender.run(documentId, t.method, t.amountMinor, t.tenderedMinor, t.changeMinor, t.roundingMinor);
}

export interface FrozenMoney {
  vat: VatLine[];
  tenders: Tender[];
}

const METHOD_ORDER: Record<PaymentMethod, number> = { cash: 0, card: 1, transfer: 2, prepayment: 3 };

export function readFacts(db: Db, documentId: string): FrozenMoney {
  const vat = db
    .prepare(
      `SELECT rate_bp AS rateBp, gross_minor AS grossMinor, net_minor AS netMinor, vat_minor AS vatMinor
         FROM document_vat_lines WHERE document_id = ? ORDER BY rate_bp DESC`,
    )
    .all(documentId) as VatLine[];
  const tenders = (
    db
      .prepare(
        `SELECT method, amount_minor AS amountMinor, tendered_minor AS tenderedMinor, change_minor AS changeMinor,
                rounding_minor AS roundingMinor
           FROM document_tenders WHERE document_id = ?`,
      )
      .all(documentId) as Tender[]
  ).sort((a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method]);
  return { vat, tenders };
}

/** Keeps the paper a confirmed document was printed with (once; a trigger refuses a second). */
export function writePaper(db: Db, documentId: string, version: number, paper: string): void {
  db.prepare(`INSERT INTO document_papers (document_id, version, paper) VALUES (?, ?, ?)`).run(documentId, version, paper);
}

export function readPaper(db: Db, documentId: string): { version: number; paper: string } | null {
  return (
    (db.prepare(`SELECT version, paper FROM document_papers WHERE document_id = ?`).get(documentId) as
      | { version: number; paper: string }
      | undefined) ?? null
  );
}
