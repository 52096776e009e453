CREATE TABLE currencies (
    code char(3) NOT NULL,
    name character(40)
);
