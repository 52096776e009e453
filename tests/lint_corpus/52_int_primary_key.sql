CREATE TABLE regions (
    id integer PRIMARY KEY,
    name text NOT NULL
);
