CREATE TABLE logouts (
    user_id bigint NOT NULL,
    at timestamptz NOT NULL
);
