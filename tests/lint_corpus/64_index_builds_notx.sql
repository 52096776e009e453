SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_events_type ON events (event_type);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_events_key ON events (idempotency_key);
DROP INDEX CONCURRENTLY IF EXISTS ix_events_old_type;
