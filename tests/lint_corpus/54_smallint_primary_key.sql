CREATE TABLE priorities (
    id smallint,
    label text,
    PRIMARY KEY (id)
);
