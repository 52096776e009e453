-- the index was built CONCURRENTLY by an earlier migration
ALTER TABLE users ADD CONSTRAINT uq_users_login UNIQUE USING INDEX ux_users_login;
