ALTER TABLE products ADD CONSTRAINT ck_products_price CHECK (price >= 0) NOT VALID;
ALTER TABLE products VALIDATE CONSTRAINT ck_products_price;
