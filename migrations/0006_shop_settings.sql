-- The shop's identity, the till's name and the time zone become settings. A till that already
-- printed receipts keeps printing the shop as it did: its last paper gives the settings their
-- first values (only where nothing is set yet).
--
-- And confirmed documents are closed from every side: a draft's row or payment cannot be moved
-- into a confirmed document either.

INSERT OR IGNORE INTO settings (key, value)
  SELECT 'shopName', json_quote(json_extract(paper, '$.shopName'))
    FROM (SELECT paper FROM document_papers ORDER BY rowid DESC LIMIT 1)
   WHERE json_type(paper, '$.shopName') = 'text';
INSERT OR IGNORE INTO settings (key, value)
  SELECT 'tillName', json_quote(json_extract(paper, '$.tillName'))
    FROM (SELECT paper FROM document_papers ORDER BY rowid DESC LIMIT 1)
   WHERE json_type(paper, '$.tillName') = 'text';
INSERT OR IGNORE INTO settings (key, value)
  SELECT 'timeZone', json_quote(json_extract(paper, '$.timeZone'))
    FROM (SELECT paper FROM document_papers ORDER BY rowid DESC LIMIT 1)
   WHERE json_type(paper, '$.timeZone') = 'text';
-- Its first header line was the address; the others (registration and VAT numbers as the shop
-- wrote them) stay header lines, printed as before.
INSERT OR IGNORE INTO settings (key, value)
  SELECT 'shopAddress', json_quote(json_extract(paper, '$.shopLines[0]'))
    FROM (SELECT paper FROM document_papers ORDER BY rowid DESC LIMIT 1)
   WHERE json_type(paper, '$.shopLines[0]') = 'text';
INSERT OR IGNORE INTO settings (key, value)
  SELECT 'receiptHeader', json_remove(json_extract(paper, '$.shopLines'), '$[0]')
    FROM (SELECT paper FROM document_papers ORDER BY rowid DESC LIMIT 1)
   WHERE json_type(paper, '$.shopLines') = 'array' AND json_array_length(paper, '$.shopLines') > 1;

CREATE TRIGGER receipt_rows_no_move_into_confirmed BEFORE UPDATE OF receipt_id ON receipt_rows
  WHEN (SELECT status FROM receipts WHERE id = NEW.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER payments_no_move_into_confirmed BEFORE UPDATE OF receipt_id ON payments
  WHEN (SELECT status FROM receipts WHERE id = NEW.receipt_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
CREATE TRIGGER outbox_no_move_into_confirmed BEFORE UPDATE OF document_id ON outbox
  WHEN (SELECT status FROM receipts WHERE id = NEW.document_id) = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'receipt is confirmed'); END;
