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

