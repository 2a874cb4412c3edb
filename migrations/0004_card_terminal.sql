-- Card terminal over ZVT: what the terminal answered, kept with the request and the payment,
-- so a reversal can name the payment by the terminal's receipt number and a crash mid-payment can
-- be settled by asking the terminal instead of charging again.

ALTER TABLE terminal_requests ADD COLUMN receipt_no TEXT;      -- terminal receipt number (ZVT BMP 87)
ALTER TABLE terminal_requests ADD COLUMN trace TEXT;           -- terminal trace number (ZVT BMP 0B)
ALTER TABLE terminal_requests ADD COLUMN slip TEXT;            -- the terminal's receipt text, JSON lines
ALTER TABLE terminal_requests ADD COLUMN payment_id TEXT;      -- reversal: the payment it cancels
-- An approval found only afterwards (recovery) that no sale took: money the customer must get back.
-- Set to 1 when found, 0 again once reversed or attached to a sale.
ALTER TABLE terminal_requests ADD COLUMN orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1));
CREATE INDEX terminal_requests_orphaned ON terminal_requests(orphaned) WHERE orphaned = 1;

ALTER TABLE payments ADD COLUMN receipt_no TEXT;               -- terminal receipt number of a card payment
ALTER TABLE payments ADD COLUMN slip TEXT;                     -- the card slip (JSON lines), printed with the receipt
