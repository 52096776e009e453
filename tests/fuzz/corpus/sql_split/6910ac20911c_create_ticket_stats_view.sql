CREATE VIEW ticket_stats AS
SELECT status,
       priority,
       COUNT(*) AS tickets,
       SUM(assignee_id IS NULL) AS unassigned
  FROM tickets
 GROUP BY status, priority;

