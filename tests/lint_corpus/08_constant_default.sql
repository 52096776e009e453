ALTER TABLE orders ADD COLUMN retries integer DEFAULT 0;
ALTER TABLE orders ADD COLUMN note text DEFAULT 'none';
