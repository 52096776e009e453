CREATE TABLE coupons (code text, percent integer);
ALTER TABLE coupons ALTER COLUMN code SET NOT NULL;
