ALTER TABLE measurements
    ALTER COLUMN value TYPE double precision,
    ALTER COLUMN unit TYPE varchar(16);
ALTER TABLE measurements ALTER COLUMN unit SET DEFAULT 'm';
