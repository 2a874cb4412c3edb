-- Cash put in or taken out during the day gets a number of its own (M000001, M000002, …), in one
-- series without gaps: ledgers that number documents with integers or by series and number take
-- it as the movement's identity. The close's own movements are numbered by their Z report and
-- have none. Older movements keep none: they reached the ledger, if at all, under their old key.
ALTER TABLE cash_movements ADD COLUMN number TEXT;
CREATE UNIQUE INDEX cash_movements_number ON cash_movements(number) WHERE number IS NOT NULL;
