-- count tickets opened per day
--
-- Revision ID: 1f2263992572
-- Revises: 6910ac20911c
-- Create Date: 2026-11-12 11:05:18.640093

-- migrate:upgrade
CREATE TABLE daily_ticket_counts (
    day DATE PRIMARY KEY,
    opened INTEGER NOT NULL DEFAULT 0
);

INSERT INTO daily_ticket_counts (day, opened)
SELECT date(created_at), COUNT(*) FROM tickets GROUP BY date(created_at);

CREATE TRIGGER trg_tickets_count_opened AFTER INSERT ON tickets
BEGIN
    INSERT INTO daily_ticket_counts (day, opened) VALUES (date(NEW.created_at), 1)
        ON CONFLICT (day) DO UPDATE SET opened = opened + 1;
END;

-- migrate:downgrade
DROP TRIGGER trg_tickets_count_opened;
DROP TABLE daily_ticket_counts;
