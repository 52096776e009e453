DROP INDEX CONCURRENTLY ix_invoices_legacy;
