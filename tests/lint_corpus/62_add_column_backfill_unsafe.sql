-- the same change written the quick way
ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'new';
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'sent'));
