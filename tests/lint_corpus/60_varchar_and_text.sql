CREATE TABLE languages (
    code varchar(8) NOT NULL,
    name text NOT NULL
);
