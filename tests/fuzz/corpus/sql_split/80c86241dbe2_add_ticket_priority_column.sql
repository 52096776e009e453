ALTER TABLE tickets ADD COLUMN priority VARCHAR(20) NOT NULL DEFAULT 'normal';
CREATE INDEX ix_tickets_priority ON tickets (priority);
UPDATE tickets SET priority = 'high' WHERE title = 'Login page times out';

