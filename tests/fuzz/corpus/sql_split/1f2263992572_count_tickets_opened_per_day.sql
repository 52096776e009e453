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

