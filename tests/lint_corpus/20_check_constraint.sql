ALTER TABLE products ADD CONSTRAINT ck_products_price CHECK (price >= 0);
