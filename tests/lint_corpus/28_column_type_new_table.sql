CREATE TABLE rates (currency text, rate real);
ALTER TABLE rates ALTER COLUMN rate TYPE numeric;
