ALTER TABEL customers ADD COLUMN nickname text;
