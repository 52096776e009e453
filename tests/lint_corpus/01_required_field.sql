-- a NOT NULL column without a default on an existing table
ALTER TABLE accounts ADD COLUMN region text NOT NULL;
