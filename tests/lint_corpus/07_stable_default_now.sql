-- now() is stable within a transaction: the default is evaluated once
ALTER TABLE events ADD COLUMN imported_at timestamptz DEFAULT now();
