CREATE TABLE comments (
    id bigserial PRIMARY KEY,
    body text
);
