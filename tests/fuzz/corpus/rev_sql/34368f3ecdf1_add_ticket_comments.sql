-- add ticket comments
--
-- Revision ID: 34368f3ecdf1
-- Revises: 8452a5a651d2
-- Create Date: 2026-11-03 14:02:55.801346

-- migrate:upgrade
-- A new comment bumps its ticket's updated_at (trigger below).
CREATE TABLE ticket_comments (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX ix_ticket_comments_ticket_id ON ticket_comments (ticket_id);

CREATE TRIGGER trg_ticket_comments_touch AFTER INSERT ON ticket_comments
BEGIN
    UPDATE tickets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.ticket_id;
END;

-- migrate:downgrade
DROP TRIGGER trg_ticket_comments_touch;
DROP INDEX ix_ticket_comments_ticket_id;
DROP TABLE ticket_comments;
