-- Indexes the X and Z reports sum a day's documents from, so a busy day (50 000 receipts) reports
-- in well under a quarter of a second. Nothing here changes what the reports sum: the documents'
-- frozen facts, found through the documents of the day.
--
-- The day's confirmed documents by id, from the index alone: the VAT lines, tenders and rows are
-- found by document id, and without this every document's table row would be read for its id.
-- In id order, so the lookups below walk their indexes forwards.
CREATE INDEX receipts_day_documents ON receipts(day_id, status, id) WHERE day_id IS NOT NULL;

-- Each document's facts with the figures the reports add up, so a lookup reads the index alone
-- (the primary keys hold only the document and the rate or method).
CREATE INDEX document_vat_lines_sums ON document_vat_lines(document_id, rate_bp, net_minor, vat_minor, gross_minor);
CREATE INDEX document_tenders_sums ON document_tenders(document_id, method, amount_minor);
CREATE INDEX receipt_rows_discounts ON receipt_rows(receipt_id, discount_minor);

-- The drawer opened without a sale while a day was open: counted by time from the device log,
-- which only grows (every print, kick and fault of every day), so it is not read whole each time.
CREATE INDEX device_log_drawer_opens ON device_log(at) WHERE device = 'drawer' AND event = 'drawer.open';
