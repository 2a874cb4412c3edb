-- The close's stock count and who confirmed each document.
--
-- At the close the articles of the till's location that must be counted are counted; one
-- inventory document per close holds, per article, what the stock said, what was counted (an
-- article left uncounted counts as zero) and the difference, and the stock becomes the count. It
-- is written in the closing transaction, before the day is marked closed.

CREATE TABLE inventories (
  id              TEXT PRIMARY KEY,
  day_id          TEXT NOT NULL UNIQUE REFERENCES days(id),
  warehouse_code  TEXT NOT NULL REFERENCES warehouses(code),
  created_at      TEXT NOT NULL
) STRICT;
CREATE TABLE inventory_rows (
  inventory_id      TEXT NOT NULL REFERENCES inventories(id),
  line_no           INTEGER NOT NULL CHECK (line_no >= 1),
  article_id        TEXT NOT NULL REFERENCES articles(id),
  code              TEXT NOT NULL,
  name              TEXT NOT NULL,
  unit              TEXT NOT NULL,
  expected_milli    INTEGER NOT NULL,
  counted_milli     INTEGER NOT NULL CHECK (counted_milli >= 0),
  -- Was it counted, or set to zero because nobody counted it?
  counted           INTEGER NOT NULL CHECK (counted IN (0, 1)),
  difference_milli  INTEGER NOT NULL,
  CHECK (difference_milli = counted_milli - expected_milli),
  PRIMARY KEY (inventory_id, line_no)
) STRICT;
CREATE TRIGGER inventories_no_update BEFORE UPDATE ON inventories
  BEGIN SELECT RAISE(ABORT, 'an inventory is a fact'); END;
CREATE TRIGGER inventories_no_delete BEFORE DELETE ON inventories
  BEGIN SELECT RAISE(ABORT, 'an inventory is a fact'); END;
CREATE TRIGGER inventory_rows_no_update BEFORE UPDATE ON inventory_rows
  BEGIN SELECT RAISE(ABORT, 'an inventory is a fact'); END;
CREATE TRIGGER inventory_rows_no_delete BEFORE DELETE ON inventory_rows
  BEGIN SELECT RAISE(ABORT, 'an inventory is a fact'); END;
-- Nothing is counted into a closed day.
CREATE TRIGGER inventories_day_open BEFORE INSERT ON inventories
  WHEN (SELECT closed_at FROM days WHERE id = NEW.day_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'the day is closed'); END;

-- Who confirmed the document (the cashier printed on it), frozen with it: the reports' totals per
-- cashier read this, never today's settings. Older documents have none.
ALTER TABLE receipts ADD COLUMN cashier TEXT;
-- The reports' totals per cashier, from this index alone.
CREATE INDEX receipts_day_cashier ON receipts(day_id, status, doc_type, cashier, total_minor) WHERE day_id IS NOT NULL;

-- The Z report's paper as the close made it (letterhead, language, figures): a reprint or a PDF
-- made again years later is the same paper, whatever the settings say by then.
ALTER TABLE days ADD COLUMN paper TEXT CHECK (paper IS NULL OR json_valid(paper));

-- Who put cash in or took it out: the summary "for this cashier only" reads it.
ALTER TABLE cash_movements ADD COLUMN cashier TEXT;
