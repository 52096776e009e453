-- add reports
--
-- Revision ID: 3c3c3c3c3c3c
-- Revises: 2b2b2b2b2b2b, 1a1a1a1a1a1a
-- Create Date: 2026-01-03 09:00:00
-- Branch Labels: reports, stats
-- Depends On: 0f0f0f0f0f0f
-- Transactional: false

-- migrate:upgrade
CREATE INDEX CONCURRENTLY ix_r ON reports (id);

-- migrate:downgrade
DROP INDEX CONCURRENTLY ix_r;
