DELETE FROM password_resets WHERE created_at < now() - interval '30 days';
