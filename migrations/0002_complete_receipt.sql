-- The complete cash receipt: customers and price formulas, warehouses with stock, objects,
-- salespeople, row discounts, saved/modified states, several payment methods with 5-cent cash
-- rounding, and the card-terminal journal. Settings live in `settings` as JSON values; a missing
-- key means the built-in default, so a new setting never needs a migration.

CREATE TABLE warehouses (
  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  name  TEXT NOT NULL
) STRICT;
INSERT INTO warehouses (code, name) VALUES ('MAIN', 'Main store');

-- Accounting dimension ("objekt"): optional per receipt, passed to the ledger.
CREATE TABLE objects (
  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  name  TEXT NOT NULL
) STRICT;

CREATE TABLE salespeople (
  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  name  TEXT NOT NULL
) STRICT;

ALTER TABLE number_series ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE number_series SET name = 'Cash receipts' WHERE code = 'K';

CREATE TABLE price_lists (
  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  name  TEXT NOT NULL
) STRICT;

CREATE TABLE price_list_items (
  price_list_code  TEXT NOT NULL REFERENCES price_lists(code),
  article_id       TEXT NOT NULL REFERENCES articles(id),
  price_minor      INTEGER NOT NULL CHECK (price_minor >= 0),
  PRIMARY KEY (price_list_code, article_id)
) STRICT;

-- A customer's price formula: a discount % and, optionally, a price list to take prices from.
CREATE TABLE price_formulas (
  code             TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  name             TEXT NOT NULL,
  discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  price_list_code  TEXT REFERENCES price_lists(code)
) STRICT;

CREATE TABLE customers (
  id                  TEXT PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- National ID code (isikukood) read from the ID card, or a company registry code.
  id_code             TEXT NOT NULL DEFAULT '',
  phone               TEXT NOT NULL DEFAULT '',
  email               TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  vat_no              TEXT NOT NULL DEFAULT '',
  price_formula_code  TEXT REFERENCES price_formulas(code)
) STRICT;
CREATE INDEX customers_id_code ON customers(id_code) WHERE id_code <> '';
CREATE INDEX customers_phone ON customers(phone) WHERE phone <> '';

-- Stock on hand per warehouse; an article without a row here has no stock kept.
CREATE TABLE stock (
  warehouse_code  TEXT NOT NULL REFERENCES warehouses(code),
  article_id      TEXT NOT NULL REFERENCES articles(id),
  quantity_milli  INTEGER NOT NULL,
  PRIMARY KEY (warehouse_code, article_id)
) STRICT;

ALTER TABLE articles ADD COLUMN zero_price_policy TEXT CHECK (zero_price_policy IN ('none', 'warn', 'forbid'));
ALTER TABLE articles ADD COLUMN image_url TEXT;

-- Header fields. Columns added to an existing table may only reference others when nullable;
-- the core always fills warehouse_code for new receipts.
ALTER TABLE receipts ADD COLUMN customer_id TEXT REFERENCES customers(id);
ALTER TABLE receipts ADD COLUMN customer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN vat_no TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN price_formula_code TEXT REFERENCES price_formulas(code);
ALTER TABLE receipts ADD COLUMN object_code TEXT REFERENCES objects(code);
ALTER TABLE receipts ADD COLUMN warehouse_code TEXT REFERENCES warehouses(code);
ALTER TABLE receipts ADD COLUMN credit_of TEXT REFERENCES receipts(id);
-- Directo's New / Modified / View: `dirty` = changes since the last save; the snapshot is the
-- saved state that Leave goes back to.
ALTER TABLE receipts ADD COLUMN dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1));
ALTER TABLE receipts ADD COLUMN saved_at TEXT;
ALTER TABLE receipts ADD COLUMN saved_snapshot TEXT;
ALTER TABLE receipts ADD COLUMN printed_at TEXT;
-- Frozen at confirm next to total_minor: the rounding line and the account it is booked to
-- (the account in force at the time of the sale, whatever the settings say later).
ALTER TABLE receipts ADD COLUMN rounding_minor INTEGER;
ALTER TABLE receipts ADD COLUMN rounding_account TEXT;

ALTER TABLE receipt_rows ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000);
ALTER TABLE receipt_rows ADD COLUMN serial_no TEXT NOT NULL DEFAULT '';
ALTER TABLE receipt_rows ADD COLUMN salesperson_code TEXT REFERENCES salespeople(code);

-- Every call to the card terminal is journalled before it is made, so a crash mid-payment
-- leaves a trace the terminal can be asked about instead of a silent double charge.
CREATE TABLE terminal_requests (
  id            TEXT PRIMARY KEY,
  receipt_id    TEXT REFERENCES receipts(id),
  kind          TEXT NOT NULL CHECK (kind IN ('payment', 'reversal')),
  amount_minor  INTEGER NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'unknown')),
  reference     TEXT,
  message       TEXT,
  created_at    TEXT NOT NULL,
  finished_at   TEXT
) STRICT;
CREATE INDEX terminal_requests_pending ON terminal_requests(status) WHERE status = 'pending';

-- Payments gain transfer and prepayment, the cash rounding and the terminal's reference. A CHECK
-- cannot be altered in SQLite, so the table is rebuilt (its triggers go with it and come back).
CREATE TABLE payments_new (
  id                   TEXT PRIMARY KEY,
  receipt_id           TEXT NOT NULL REFERENCES receipts(id),
  method               TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'prepayment')),
  amount_minor         INTEGER NOT NULL,
  tendered_minor       INTEGER NOT NULL,
  change_minor         INTEGER NOT NULL CHECK (change_minor >= 0),
  -- 5-cent rounding this cash payment settled with: never more than 2 cents either way.
  rounding_minor       INTEGER NOT NULL DEFAULT 0 CHECK (rounding_minor BETWEEN -2 AND 2),
  reference            TEXT,
  terminal_request_id  TEXT REFERENCES terminal_requests(id),
  created_at           TEXT NOT NULL,
  CHECK (method = 'cash' OR (change_minor = 0 AND rounding_minor = 0))
) STRICT;
INSERT INTO payments_new (id, receipt_id, method, amount_minor, tendered_minor, change_minor, created_at)
  SELECT id, receipt_id, method, amount_minor, tendered_minor, change_minor, created_at FROM payments ORDER BY rowid;
DROP TABLE payments;
ALTER TABLE payments_new RENAME TO payments;
CREATE INDEX payments_receipt ON payments(receipt_id);

CREATE TRIGGER payments_confirmed_no_insert BEFORE INSERT ON payments
  WHEN (SELECT status FROM receipts WHERE id = NEW.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER payments_confirmed_no_update BEFORE UPDATE ON payments
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER payments_confirmed_no_delete BEFORE DELETE ON payments
  WHEN (SELECT status FROM receipts WHERE id = OLD.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
