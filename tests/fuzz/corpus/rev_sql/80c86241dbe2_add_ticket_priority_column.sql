-- add ticket priority column
--
-- Revision ID: 80c86241dbe2
-- Revises: 34368f3ecdf1
-- Create Date: 2026-11-05 10:30:00.123456

-- migrate:upgrade
ALTER TABLE tickets ADD COLUMN priority VARCHAR(20) NOT NULL DEFAULT 'normal';
CREATE INDEX ix_tickets_priority ON tickets (priority);
UPDATE tickets SET priority = 'high' WHERE title = 'Login page times out';

-- migrate:downgrade
DROP INDEX ix_tickets_priority;
ALTER TABLE tickets DROP COLUMN priority;
