ALTER TABLE legacy_events ADD COLUMN id serial PRIMARY KEY;
