CREATE TABLE order_tags (
    order_id bigint NOT NULL,
    tag text NOT NULL
);
ALTER TABLE order_tags ADD CONSTRAINT fk_order_tags_order FOREIGN KEY (order_id) REFERENCES orders (id);
