-- Credit notes: returns linked to their sale, row by row.
--
-- A credit note is a document of type 'credit_note' in its own number series, linked to the
-- receipt it returns (receipts.credit_of) and each of its rows to the sold row it returns. Its
-- quantities are negative; across all confirmed credit notes of a receipt no row comes back more
-- than it was sold (the core checks it in the confirming transaction).

INSERT OR IGNORE INTO number_series (code, prefix, next_number, name) VALUES ('KR', 'KR', 1, 'Credit notes');

ALTER TABLE receipt_rows ADD COLUMN credit_of_row TEXT REFERENCES receipt_rows(id);
-- Where a returned row's goods go: back into the warehouse, or written off as damaged.
ALTER TABLE receipt_rows ADD COLUMN stock_action TEXT CHECK (stock_action IN ('back', 'write_off'));
CREATE INDEX receipt_rows_credit_of_row ON receipt_rows(credit_of_row) WHERE credit_of_row IS NOT NULL;
CREATE INDEX receipts_credit_of ON receipts(credit_of) WHERE credit_of IS NOT NULL;

-- A refund by bank transfer names who gets it and where; the original card payment a terminal
-- cancellation gave back.
ALTER TABLE payments ADD COLUMN payee_name TEXT;
ALTER TABLE payments ADD COLUMN payee_iban TEXT;
ALTER TABLE payments ADD COLUMN payee_comment TEXT;
ALTER TABLE payments ADD COLUMN cancels_payment TEXT REFERENCES payments(id);
CREATE UNIQUE INDEX payments_cancels ON payments(cancels_payment) WHERE cancels_payment IS NOT NULL;

-- Goods written off: a stock document of its own, made when the credit note is confirmed.
CREATE TABLE stock_documents (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('write_off')),
  warehouse_code  TEXT NOT NULL REFERENCES warehouses(code),
  -- The document it follows from (the credit note whose goods came back damaged).
  source_id       TEXT NOT NULL REFERENCES receipts(id),
  created_at      TEXT NOT NULL
) STRICT;
CREATE TABLE stock_document_rows (
  document_id     TEXT NOT NULL REFERENCES stock_documents(id),
  line_no         INTEGER NOT NULL CHECK (line_no >= 1),
  article_id      TEXT NOT NULL REFERENCES articles(id),
  name            TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL CHECK (quantity_milli > 0),
  PRIMARY KEY (document_id, line_no)
) STRICT;
CREATE TRIGGER stock_documents_no_update BEFORE UPDATE ON stock_documents
  BEGIN SELECT RAISE(ABORT, 'a stock document is a fact'); END;
CREATE TRIGGER stock_documents_no_delete BEFORE DELETE ON stock_documents
  BEGIN SELECT RAISE(ABORT, 'a stock document is a fact'); END;
CREATE TRIGGER stock_document_rows_no_update BEFORE UPDATE ON stock_document_rows
  BEGIN SELECT RAISE(ABORT, 'a stock document is a fact'); END;
CREATE TRIGGER stock_document_rows_no_delete BEFORE DELETE ON stock_document_rows
  BEGIN SELECT RAISE(ABORT, 'a stock document is a fact'); END;

-- Poland: with a fiscal printer a refund is no fiscal sale; the shop keeps a returns register
-- (ewidencja zwrotów): per returned line the sale's date and document, the goods, the return's
-- date, the gross refund and its VAT, and the protocol the customer signs (the credit note).
CREATE TABLE returns_register (
  credit_note_id   TEXT NOT NULL REFERENCES receipts(id),
  line_no          INTEGER NOT NULL CHECK (line_no >= 1),
  sale_document    TEXT NOT NULL,
  sale_date        TEXT NOT NULL,
  return_date      TEXT NOT NULL,
  goods            TEXT NOT NULL,
  quantity_milli   INTEGER NOT NULL CHECK (quantity_milli > 0),
  gross_minor      INTEGER NOT NULL CHECK (gross_minor >= 0),
  vat_rate_bp      INTEGER NOT NULL,
  vat_minor        INTEGER NOT NULL,
  protocol         TEXT NOT NULL,
  PRIMARY KEY (credit_note_id, line_no)
) STRICT;
CREATE TRIGGER returns_register_no_update BEFORE UPDATE ON returns_register
  BEGIN SELECT RAISE(ABORT, 'the returns register is append-only'); END;
CREATE TRIGGER returns_register_no_delete BEFORE DELETE ON returns_register
  BEGIN SELECT RAISE(ABORT, 'the returns register is append-only'); END;

-- A credit note may refund to the card (ZVT 06 31) when the sale's card payment cannot be
-- cancelled any more: terminal requests gain the kind 'refund'. A CHECK cannot be altered, so the
-- table is rebuilt (the till runs migrations with foreign keys off and checks them all before the
-- commit: payments refer to this table by name, and find it under that name again).
CREATE TABLE terminal_requests_new (
  id            TEXT PRIMARY KEY,
  receipt_id    TEXT REFERENCES receipts(id),
  kind          TEXT NOT NULL CHECK (kind IN ('payment', 'reversal', 'refund')),
  amount_minor  INTEGER NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'unknown')),
  reference     TEXT,
  message       TEXT,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  receipt_no    TEXT,
  trace         TEXT,
  slip          TEXT,
  payment_id    TEXT,
  orphaned      INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1))
) STRICT;
INSERT INTO terminal_requests_new (id, receipt_id, kind, amount_minor, status, reference, message, created_at, finished_at,
                                   receipt_no, trace, slip, payment_id, orphaned)
  SELECT id, receipt_id, kind, amount_minor, status, reference, message, created_at, finished_at,
         receipt_no, trace, slip, payment_id, orphaned
    FROM terminal_requests ORDER BY rowid;
DROP TABLE terminal_requests;
ALTER TABLE terminal_requests_new RENAME TO terminal_requests;
CREATE INDEX terminal_requests_pending ON terminal_requests(status) WHERE status = 'pending';
CREATE INDEX terminal_requests_orphaned ON terminal_requests(orphaned) WHERE orphaned = 1;
