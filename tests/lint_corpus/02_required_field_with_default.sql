-- NOT NULL with a constant default: PostgreSQL 11+ stores the default, no rewrite
ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';
