CREATE TABLE tmp_staging (id bigint);
ALTER TABLE tmp_staging RENAME TO staging;
