CREATE TABLE logins (
    user_id bigint NOT NULL,
    at timestamp NOT NULL
);
ALTER TABLE users ADD COLUMN last_seen timestamp without time zone;
