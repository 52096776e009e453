-- the table is created in the same migration: nobody reads it yet
CREATE TABLE audit_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text
);
ALTER TABLE audit_notes ADD COLUMN author text NOT NULL;
