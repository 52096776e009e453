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

