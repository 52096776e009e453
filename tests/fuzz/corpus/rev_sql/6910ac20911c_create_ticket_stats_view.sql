-- create ticket stats view
--
-- Revision ID: 6910ac20911c
-- Revises: 80c86241dbe2
-- Create Date: 2026-11-09 16:20:41.377120
-- Branch Labels: reporting

-- migrate:upgrade
CREATE VIEW ticket_stats AS
SELECT status,
       priority,
       COUNT(*) AS tickets,
       SUM(assignee_id IS NULL) AS unassigned
  FROM tickets
 GROUP BY status, priority;

-- migrate:downgrade
DROP VIEW ticket_stats;
