CREATE TABLE warehouses (
    id serial PRIMARY KEY,
    code char(4) NOT NULL,
    opened timestamp
);
CREATE TABLE stock (
    warehouse_id integer NOT NULL REFERENCES warehouses (id),
    product_id bigint NOT NULL,
    quantity integer NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_id, product_id)
);
CREATE INDEX ix_stock_product ON stock (product_id);
