-- the column has been unused since release 4.2
-- aludel:ignore ban-drop-column nothing reads fax since 4.2
ALTER TABLE customers DROP COLUMN fax;
ALTER TABLE customers DROP COLUMN telex;
