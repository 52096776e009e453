DROP TABLE old_sessions;
