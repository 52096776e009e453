SET lock_timeout = '2s';
DROP TABLE IF EXISTS tmp_import_1, tmp_import_2;
DROP INDEX IF EXISTS ix_tmp_import;
ALTER TABLE customers DROP COLUMN IF EXISTS legacy_code;
