-- The till's day: opened with a float, closed with a count, numbered by its Z report.
--
-- Every confirmed document belongs to the day that was open when it was confirmed (receipts.day_id,
-- set in the confirming transaction), so a receipt confirmed after a close is the next day's. A
-- close writes the day's cash movements, its difference, its Z number and its report in one
-- transaction; a closed day never changes.

CREATE TABLE days (
  id                   TEXT PRIMARY KEY,
  till                 TEXT NOT NULL,
  opened_at            TEXT NOT NULL,
  opening_float_minor  INTEGER NOT NULL CHECK (opening_float_minor >= 0),
  closed_at            TEXT,
  -- Gapless per till: the next Z number is taken inside the closing transaction.
  z_number             INTEGER CHECK (z_number >= 1),
  expected_minor       INTEGER,
  counted_minor        INTEGER CHECK (counted_minor >= 0),
  difference_minor     INTEGER,
  remains_minor        INTEGER CHECK (remains_minor >= 0),
  difference_reason    TEXT NOT NULL DEFAULT '',
  -- The Z report as it was closed: reprints and the books read it, never recompute it.
  report               TEXT CHECK (report IS NULL OR json_valid(report)),
  UNIQUE (till, z_number),
  CHECK ((closed_at IS NULL) = (z_number IS NULL)),
  CHECK (closed_at IS NULL OR (counted_minor IS NOT NULL AND remains_minor IS NOT NULL AND report IS NOT NULL))
) STRICT;
-- One open day per till at a time.
CREATE UNIQUE INDEX days_open ON days(till) WHERE closed_at IS NULL;
CREATE TRIGGER days_closed_no_update BEFORE UPDATE ON days
  WHEN OLD.closed_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'the day is closed'); END;
CREATE TRIGGER days_no_delete BEFORE DELETE ON days
  BEGIN SELECT RAISE(ABORT, 'a day is a fact'); END;

-- Cash put in or taken out during the day or at its close, and the close's difference.
CREATE TABLE cash_movements (
  id            TEXT PRIMARY KEY,
  day_id        TEXT NOT NULL REFERENCES days(id),
  kind          TEXT NOT NULL CHECK (kind IN ('cash_in', 'cash_out', 'difference')),
  -- Where cash went or came from (bank, collection, safe, change); the account a difference is booked to.
  direction     TEXT NOT NULL DEFAULT '',
  amount_minor  INTEGER NOT NULL CHECK (amount_minor <> 0),
  comment       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  CHECK (kind = 'difference' OR amount_minor > 0)
) STRICT;
CREATE INDEX cash_movements_day ON cash_movements(day_id);
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'a cash movement is a fact'); END;
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'a cash movement is a fact'); END;
-- Nothing is added to a closed day.
CREATE TRIGGER cash_movements_day_open BEFORE INSERT ON cash_movements
  WHEN (SELECT closed_at FROM days WHERE id = NEW.day_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'the day is closed'); END;

ALTER TABLE receipts ADD COLUMN day_id TEXT REFERENCES days(id);
-- The X and Z reports sum a day's documents from this index alone (50 000 receipts in a day).
CREATE INDEX receipts_day ON receipts(day_id, status, doc_type, series_code, number, total_minor, rounding_minor) WHERE day_id IS NOT NULL;

-- A document is confirmed into an open day, never outside one: the reports miss nothing.
CREATE TRIGGER receipts_confirm_needs_open_day BEFORE UPDATE OF status ON receipts
  WHEN NEW.status = 'confirmed' AND NEW.doc_type IN ('receipt', 'credit_note')
   AND (NEW.day_id IS NULL OR (SELECT closed_at FROM days WHERE id = NEW.day_id) IS NOT NULL)
  BEGIN SELECT RAISE(ABORT, 'a confirmed document belongs to an open day'); END;
