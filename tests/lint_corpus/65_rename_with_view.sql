-- rename, then keep the old name readable for old clients
ALTER TABLE invoice_lines RENAME TO invoice_items;
CREATE VIEW invoice_lines AS SELECT * FROM invoice_items;
ALTER TABLE invoice_items RENAME COLUMN qty TO quantity;
