DROP INDEX ix_orders_status;
