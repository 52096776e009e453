-- create plans and subscriptions
--
-- Revision ID: ee9e92d5246a
-- Revises: 80c86241dbe2
-- Create Date: 2026-11-10 08:47:36.015588
-- Branch Labels: billing

-- migrate:upgrade
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    code VARCHAR(20) NOT NULL UNIQUE,
    monthly_cents INTEGER NOT NULL CHECK (monthly_cents >= 0),
    included_tickets INTEGER
);

INSERT INTO plans (code, monthly_cents, included_tickets) VALUES
    ('free', 0, 10),
    ('team', 2900, 200),
    ('enterprise', 9900, NULL);

CREATE TABLE subscriptions (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO subscriptions (user_id, plan_id)
SELECT users.id, plans.id FROM users, plans WHERE plans.code = 'free';

-- migrate:downgrade
DROP TABLE subscriptions;
DROP TABLE plans;
