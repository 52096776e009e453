CREATE UNIQUE INDEX ux_users_email ON users (lower(email));
