ALTER TABLE experiments ADD COLUMN bucket double precision DEFAULT random();
