CREATE TABLE countries (
    id bigint PRIMARY KEY,
    iso_code text NOT NULL
);
