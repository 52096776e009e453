SET LOCAL lock_timeout = '1500ms';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS ck_orders_total;
