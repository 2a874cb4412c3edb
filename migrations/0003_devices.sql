-- Peripherals: the print outbox also carries drawer kicks and test pages, and remembers how
-- far a receipt got on paper (so a fault mid-receipt resumes without duplicate lines); the device
-- log; the fiscal outbox (Poland, POSNET).

-- print_jobs.receipt_id becomes optional (a drawer kick or a test page belongs to no receipt):
-- the table is rebuilt, its trigger with it.
CREATE TABLE print_jobs_new (
  id          TEXT PRIMARY KEY,
  receipt_id  TEXT REFERENCES receipts(id),
  kind        TEXT NOT NULL DEFAULT 'receipt' CHECK (kind IN ('receipt', 'drawer', 'test')),
  document    TEXT NOT NULL,            -- PrintableReceipt JSON frozen at confirm; {reason} for a drawer kick
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  -- Chunks of the document the printer has confirmed (status read back after each).
  progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress >= 0),
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  printed_at  TEXT,
  CHECK (kind <> 'receipt' OR receipt_id IS NOT NULL)
) STRICT;
INSERT INTO print_jobs_new (id, receipt_id, document, status, attempts, last_error, created_at, printed_at)
  SELECT id, receipt_id, document, status, attempts, last_error, created_at, printed_at FROM print_jobs ORDER BY rowid;
DROP TABLE print_jobs;
ALTER TABLE print_jobs_new RENAME TO print_jobs;
CREATE INDEX print_jobs_pending ON print_jobs(status, created_at);
CREATE TRIGGER print_jobs_done_stays_done BEFORE UPDATE ON print_jobs
  WHEN OLD.status = 'done'
  BEGIN SELECT RAISE(ABORT, 'print job is done'); END;

-- What the devices did and when: reprints, drawer opens (with the reason), faults, reconnects.
CREATE TABLE device_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  device      TEXT NOT NULL,
  event       TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '',
  receipt_id  TEXT REFERENCES receipts(id)
) STRICT;
CREATE TRIGGER device_log_append_only_update BEFORE UPDATE ON device_log
  BEGIN SELECT RAISE(ABORT, 'the device log is append-only'); END;
CREATE TRIGGER device_log_append_only_delete BEFORE DELETE ON device_log
  BEGIN SELECT RAISE(ABORT, 'the device log is append-only'); END;

-- The fiscal outbox: written in the confirming transaction, registered on the fiscal printer
-- exactly once by the fiscal worker (it asks the printer before repeating anything).
CREATE TABLE fiscal_jobs (
  id          TEXT PRIMARY KEY,
  receipt_id  TEXT NOT NULL UNIQUE REFERENCES receipts(id),
  document    TEXT NOT NULL,            -- FiscalReceipt JSON frozen at confirm
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  fiscal_ref  TEXT,
  created_at  TEXT NOT NULL,
  done_at     TEXT
) STRICT;
CREATE INDEX fiscal_jobs_open ON fiscal_jobs(status, created_at) WHERE status IN ('pending', 'sent');
CREATE TRIGGER fiscal_jobs_done_stays_done BEFORE UPDATE ON fiscal_jobs
  WHEN OLD.status = 'done'
  BEGIN SELECT RAISE(ABORT, 'fiscal job is done'); END;

-- A row whose price was set by hand or by a scale's price label keeps it: picking a customer
-- re-prices the other rows by the price formula, never these.
ALTER TABLE receipt_rows ADD COLUMN price_locked INTEGER NOT NULL DEFAULT 0 CHECK (price_locked IN (0, 1));
