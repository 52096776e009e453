-- create users table
--
-- Revision ID: bee475a4aa82
-- Revises: 
-- Create Date: 2026-11-02 09:14:03.512204

-- migrate:upgrade
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO users (email, name) VALUES
    ('ada@example.com', 'Ada Lovelace'),
    ('grace@example.com', 'Grace Hopper'),
    ('linus@example.com', 'Linus Torvalds');

-- migrate:downgrade
DROP TABLE users;
