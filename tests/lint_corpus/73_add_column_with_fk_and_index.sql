ALTER TABLE orders ADD COLUMN referrer_id bigint REFERENCES customers (id);
CREATE INDEX ix_orders_referrer ON orders (referrer_id);
