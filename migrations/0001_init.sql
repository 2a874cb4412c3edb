-- The till's first schema. Money is integer minor units (*_minor), quantities integer thousandths
-- (*_milli), VAT rates basis points (*_bp), times ISO-8601 UTC text. Tables are STRICT.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
  id           TEXT PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
  -- The RASO/B1 integration caps product names at 80 characters.
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  unit         TEXT NOT NULL CHECK (unit IN ('pcs', 'kg')),
  price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
  vat_rate_bp  INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- An article may have several barcodes; a barcode belongs to exactly one article.
CREATE TABLE article_barcodes (
  barcode     TEXT PRIMARY KEY CHECK (length(barcode) BETWEEN 1 AND 64),
  article_id  TEXT NOT NULL REFERENCES articles(id)
) STRICT;
CREATE INDEX article_barcodes_article ON article_barcodes(article_id);

-- Gapless numbering: next_number is taken and incremented inside the confirming transaction.
CREATE TABLE number_series (
  code         TEXT PRIMARY KEY,
  prefix       TEXT NOT NULL,
  next_number  INTEGER NOT NULL CHECK (next_number >= 1)
) STRICT;

CREATE TABLE receipts (
  id            TEXT PRIMARY KEY,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'confirmed')),
  series_code   TEXT NOT NULL REFERENCES number_series(code),
  number        INTEGER,
  currency      TEXT NOT NULL CHECK (length(currency) = 3),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  confirmed_at  TEXT,
  -- Frozen at confirm from the totals function, for reports; rows stay the source of truth.
  total_minor   INTEGER,
  UNIQUE (series_code, number),
  CHECK ((status = 'confirmed') = (number IS NOT NULL AND confirmed_at IS NOT NULL AND total_minor IS NOT NULL))
) STRICT;
CREATE INDEX receipts_draft ON receipts(status, created_at);

CREATE TABLE receipt_rows (
  id                TEXT PRIMARY KEY,
  receipt_id        TEXT NOT NULL REFERENCES receipts(id),
  line_no           INTEGER NOT NULL CHECK (line_no >= 1),
  article_id        TEXT NOT NULL REFERENCES articles(id),
  -- Copied from the article when the row is added: a later price change never alters a sale.
  code              TEXT NOT NULL,
  name              TEXT NOT NULL,
  unit              TEXT NOT NULL CHECK (unit IN ('pcs', 'kg')),
  quantity_milli    INTEGER NOT NULL CHECK (quantity_milli <> 0),
  unit_price_minor  INTEGER NOT NULL,
  vat_rate_bp       INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  UNIQUE (receipt_id, line_no)
) STRICT;

CREATE TABLE payments (
  id              TEXT PRIMARY KEY,
  receipt_id      TEXT NOT NULL REFERENCES receipts(id),
  method          TEXT NOT NULL CHECK (method IN ('cash', 'card')),
  amount_minor    INTEGER NOT NULL,
  tendered_minor  INTEGER NOT NULL,
  change_minor    INTEGER NOT NULL CHECK (change_minor >= 0),
  created_at      TEXT NOT NULL,
  CHECK (method = 'cash' OR change_minor = 0)
) STRICT;
CREATE INDEX payments_receipt ON payments(receipt_id);

-- The print outbox: written in the confirming transaction, drained by the print worker.
CREATE TABLE print_jobs (
  id          TEXT PRIMARY KEY,
  receipt_id  TEXT NOT NULL REFERENCES receipts(id),
  document    TEXT NOT NULL,            -- PrintableReceipt JSON, frozen at confirm
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  printed_at  TEXT
) STRICT;
CREATE INDEX print_jobs_pending ON print_jobs(status, created_at);

-- Confirmed documents are immutable: the core refuses, and so does the database.
CREATE TRIGGER receipts_confirmed_no_update BEFORE UPDATE ON receipts
  WHEN OLD.status = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER receipts_confirmed_no_delete BEFORE DELETE ON receipts
  WHEN OLD.status = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;

CREATE TRIGGER receipt_rows_confirmed_no_insert BEFORE INSERT ON receipt_rows
  WHEN (SELECT status FROM receipts WHERE id = NEW.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER receipt_rows_confirmed_no_update BEFORE UPDATE ON receipt_rows
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER receipt_rows_confirmed_no_delete BEFORE DELETE ON receipt_rows
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;

CREATE TRIGGER payments_confirmed_no_insert BEFORE INSERT ON payments
  WHEN (SELECT status FROM receipts WHERE id = NEW.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER payments_confirmed_no_update BEFORE UPDATE ON payments
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER payments_confirmed_no_delete BEFORE DELETE ON payments
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;

-- A printed job stays printed: reprints are new jobs marked as copies.
CREATE TRIGGER print_jobs_done_stays_done BEFORE UPDATE ON print_jobs
  WHEN OLD.status = 'done'
  BEGIN SELECT RAISE(ABORT, 'print job is done'); END;

INSERT INTO number_series (code, prefix, next_number) VALUES ('K', 'K', 1);
