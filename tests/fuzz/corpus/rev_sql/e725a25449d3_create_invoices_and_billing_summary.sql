-- create invoices and billing summary
--
-- Revision ID: e725a25449d3
-- Revises: ee9e92d5246a
-- Create Date: 2026-11-16 13:58:09.904417
-- Depends On: 6910ac20911c

-- migrate:upgrade
-- billing_summary reads ticket_stats from the reporting branch: hence Depends On.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    period CHAR(7) NOT NULL,
    amount_cents INTEGER NOT NULL,
    UNIQUE (user_id, period)
);

CREATE INDEX ix_invoices_period ON invoices (period);

CREATE VIEW billing_summary AS
SELECT (SELECT COUNT(*) FROM subscriptions) AS subscribers,
       (SELECT COALESCE(SUM(amount_cents), 0) FROM invoices) AS invoiced_cents,
       (SELECT COALESCE(SUM(tickets), 0) FROM ticket_stats WHERE status <> 'closed') AS open_tickets;

-- migrate:downgrade
DROP VIEW billing_summary;
DROP INDEX ix_invoices_period;
DROP TABLE invoices;
