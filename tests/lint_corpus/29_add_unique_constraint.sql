ALTER TABLE users ADD CONSTRAINT uq_users_login UNIQUE (login);
