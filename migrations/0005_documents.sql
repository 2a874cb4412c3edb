-- Documents with frozen facts and one outbox.
--
-- Every sales document gets a type (receipt now; credit notes, cash movements, inventories and Z
-- reports later). At confirm its money facts are frozen beside it — each row's sum and discount,
-- VAT per rate, tenders per payment method, the amount payable and the paper as printed — and
-- nothing recomputes them afterwards: views, reprints, fiscal documents and reports read them.
-- Print jobs and fiscal jobs become entries of one outbox table, drained by one worker.
--
-- Existing confirmed receipts get their facts computed here with the same arithmetic the till
-- confirmed them with (half-up to the cent, mirrored for negatives; VAT taken out of each rate's
-- gross sum), in exact integer SQL; their paper is the first non-pro-forma printout they had.

-- 1. The document type, and the amount payable frozen next to the total and the rounding.
ALTER TABLE receipts ADD COLUMN doc_type TEXT NOT NULL DEFAULT 'receipt'
  CHECK (doc_type IN ('receipt', 'credit_note', 'cash_movement', 'inventory', 'z_report'));
ALTER TABLE receipts ADD COLUMN payable_minor INTEGER;

-- Each row's sum and discount, frozen at confirm (null on drafts: drafts are computed live).
ALTER TABLE receipt_rows ADD COLUMN sum_minor INTEGER;
ALTER TABLE receipt_rows ADD COLUMN discount_minor INTEGER;

-- VAT per rate of a confirmed document.
CREATE TABLE document_vat_lines (
  document_id  TEXT NOT NULL REFERENCES receipts(id),
  rate_bp      INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  net_minor    INTEGER NOT NULL,
  vat_minor    INTEGER NOT NULL,
  gross_minor  INTEGER NOT NULL,
  PRIMARY KEY (document_id, rate_bp),
  CHECK (net_minor + vat_minor = gross_minor)
) STRICT;

-- Payments of a confirmed document summed per method: what the books and the day close read.
CREATE TABLE document_tenders (
  document_id     TEXT NOT NULL REFERENCES receipts(id),
  method          TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'prepayment')),
  amount_minor    INTEGER NOT NULL,
  tendered_minor  INTEGER NOT NULL,
  change_minor    INTEGER NOT NULL CHECK (change_minor >= 0),
  rounding_minor  INTEGER NOT NULL,
  PRIMARY KEY (document_id, method),
  CHECK (method = 'cash' OR (change_minor = 0 AND rounding_minor = 0))
) STRICT;

-- The paper of a confirmed document as it was printed at confirm; reprints print it as a COPY.
CREATE TABLE document_papers (
  document_id  TEXT PRIMARY KEY REFERENCES receipts(id),
  version      INTEGER NOT NULL CHECK (version >= 1),
  paper        TEXT NOT NULL CHECK (json_valid(paper))
) STRICT;

-- 2. The one outbox. `seq` is the order entries of a lane are carried out in.
CREATE TABLE outbox (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT NOT NULL UNIQUE,
  lane             TEXT NOT NULL CHECK (length(lane) BETWEEN 1 AND 32),
  kind             TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  version          INTEGER NOT NULL CHECK (version >= 1),
  document_id      TEXT REFERENCES receipts(id),
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_doubt', 'done', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT,
  last_error       TEXT,
  progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress >= 0),
  marker           TEXT,
  result           TEXT,
  created_at       TEXT NOT NULL,
  done_at          TEXT
) STRICT;
CREATE INDEX outbox_open ON outbox(lane, seq) WHERE status IN ('pending', 'in_doubt');
CREATE INDEX outbox_document ON outbox(document_id) WHERE document_id IS NOT NULL;
CREATE INDEX outbox_kind ON outbox(kind, status);

-- 3. Today's receipts, moved: the confirmed ones' facts, computed as they were confirmed.
DROP TRIGGER receipts_confirmed_no_update;
DROP TRIGGER receipt_rows_confirmed_no_update;

UPDATE receipt_rows
   SET sum_minor = CASE WHEN x >= 0 THEN (x + 5000000) / 10000000 ELSE -((5000000 - x) / 10000000) END,
       discount_minor = (CASE WHEN y >= 0 THEN (y + 500) / 1000 ELSE -((500 - y) / 1000) END)
                      - (CASE WHEN x >= 0 THEN (x + 5000000) / 10000000 ELSE -((5000000 - x) / 10000000) END)
  FROM (SELECT rr.id AS row_id,
               rr.quantity_milli * rr.unit_price_minor * (10000 - rr.discount_bp) AS x,
               rr.quantity_milli * rr.unit_price_minor AS y
          FROM receipt_rows rr JOIN receipts r ON r.id = rr.receipt_id
         WHERE r.status = 'confirmed') AS facts
 WHERE receipt_rows.id = facts.row_id;

INSERT INTO document_vat_lines (document_id, rate_bp, net_minor, vat_minor, gross_minor)
  SELECT document_id, rate_bp, gross - vat, vat, gross
    FROM (SELECT document_id, rate_bp, gross,
                 CASE WHEN gross >= 0
                      THEN (2 * gross * rate_bp + 10000 + rate_bp) / (2 * (10000 + rate_bp))
                      ELSE -((2 * (-gross) * rate_bp + 10000 + rate_bp) / (2 * (10000 + rate_bp))) END AS vat
            FROM (SELECT rr.receipt_id AS document_id, rr.vat_rate_bp AS rate_bp, sum(rr.sum_minor) AS gross
                    FROM receipt_rows rr JOIN receipts r ON r.id = rr.receipt_id
                   WHERE r.status = 'confirmed'
                   GROUP BY rr.receipt_id, rr.vat_rate_bp));

INSERT INTO document_tenders (document_id, method, amount_minor, tendered_minor, change_minor, rounding_minor)
  SELECT p.receipt_id, p.method, sum(p.amount_minor), sum(p.tendered_minor), sum(p.change_minor), sum(p.rounding_minor)
    FROM payments p JOIN receipts r ON r.id = p.receipt_id
   WHERE r.status = 'confirmed'
   GROUP BY p.receipt_id, p.method;

UPDATE receipts SET payable_minor = total_minor + coalesce(rounding_minor, 0) WHERE status = 'confirmed';
UPDATE receipts SET rounding_minor = 0 WHERE status = 'confirmed' AND rounding_minor IS NULL;

-- The paper each confirmed receipt was printed with at confirm (version 1: papers written before
-- papers carried a version; the till upgrades them when it reads them).
INSERT INTO document_papers (document_id, version, paper)
  SELECT r.id, 1,
         (SELECT j.document FROM print_jobs j
           WHERE j.receipt_id = r.id AND j.kind = 'receipt' AND json_extract(j.document, '$.proForma') IS NOT 1
           ORDER BY j.created_at, j.rowid LIMIT 1)
    FROM receipts r
   WHERE r.status = 'confirmed'
     AND EXISTS (SELECT 1 FROM print_jobs j
                  WHERE j.receipt_id = r.id AND j.kind = 'receipt' AND json_extract(j.document, '$.proForma') IS NOT 1);

-- Print jobs and fiscal jobs become outbox entries, in the order they were queued.
INSERT INTO outbox (id, lane, kind, version, document_id, payload, status, attempts, last_error, progress, created_at, done_at)
  SELECT id, 'printer',
         CASE kind WHEN 'receipt' THEN 'print.receipt' WHEN 'drawer' THEN 'print.drawer' ELSE 'print.test' END,
         1, receipt_id, document,
         -- A job set aside as unprintable was 'done' without a print time: it needs a person.
         CASE WHEN status = 'done' AND printed_at IS NULL AND last_error IS NOT NULL THEN 'failed' ELSE status END,
         attempts, last_error, progress, created_at, printed_at
    FROM print_jobs ORDER BY created_at, rowid;

INSERT INTO outbox (id, lane, kind, version, document_id, payload, status, attempts, last_error, marker, result, created_at, done_at)
  SELECT id, 'fiscal', 'fiscal.receipt', 1, receipt_id, document,
         CASE status WHEN 'sent' THEN 'in_doubt' ELSE status END,
         attempts, last_error,
         CASE WHEN status = 'sent' THEN fiscal_ref END,
         CASE WHEN status = 'done' THEN fiscal_ref END,
         created_at, done_at
    FROM fiscal_jobs ORDER BY created_at, rowid;

DROP TABLE print_jobs;
DROP TABLE fiscal_jobs;

-- 4. Immutability. A confirmed document, its rows, payments and facts never change; its facts are
-- written in the confirming transaction (VAT lines and tenders while it is still a draft, the
-- paper once it is confirmed, once).
CREATE TRIGGER receipts_confirmed_no_update BEFORE UPDATE ON receipts
  WHEN OLD.status = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER receipt_rows_confirmed_no_update BEFORE UPDATE ON receipt_rows
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;

CREATE TRIGGER document_vat_lines_no_insert BEFORE INSERT ON document_vat_lines
  WHEN (SELECT status FROM receipts WHERE id = NEW.document_id) IS NOT 'draft'
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;
CREATE TRIGGER document_vat_lines_no_update BEFORE UPDATE ON document_vat_lines
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;
CREATE TRIGGER document_vat_lines_no_delete BEFORE DELETE ON document_vat_lines
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;

CREATE TRIGGER document_tenders_no_insert BEFORE INSERT ON document_tenders
  WHEN (SELECT status FROM receipts WHERE id = NEW.document_id) IS NOT 'draft'
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;
CREATE TRIGGER document_tenders_no_update BEFORE UPDATE ON document_tenders
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;
CREATE TRIGGER document_tenders_no_delete BEFORE DELETE ON document_tenders
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;

CREATE TRIGGER document_papers_no_insert BEFORE INSERT ON document_papers
  WHEN (SELECT status FROM receipts WHERE id = NEW.document_id) IS NOT 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'only a confirmed document has a paper'); END;
CREATE TRIGGER document_papers_no_update BEFORE UPDATE ON document_papers
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;
CREATE TRIGGER document_papers_no_delete BEFORE DELETE ON document_papers
  BEGIN SELECT RAISE(ABORT, 'facts are frozen at confirm'); END;

-- A row's sum is frozen with its document: a confirmed row always has one.
CREATE TRIGGER receipts_confirm_needs_row_facts BEFORE UPDATE OF status ON receipts
  WHEN NEW.status = 'confirmed' AND EXISTS (SELECT 1 FROM receipt_rows WHERE receipt_id = NEW.id AND sum_minor IS NULL)
  BEGIN SELECT RAISE(ABORT, 'confirm freezes every row''s sum'); END;

-- A done effect stays done; the effects of a confirmed document are never deleted.
CREATE TRIGGER outbox_done_stays_done BEFORE UPDATE ON outbox
  WHEN OLD.status = 'done'
  BEGIN SELECT RAISE(ABORT, 'outbox entry is done'); END;
CREATE TRIGGER outbox_confirmed_no_delete BEFORE DELETE ON outbox
  WHEN (SELECT status FROM receipts WHERE id = OLD.document_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
