ALTER TABLE customer RENAME TO customers_v2;
