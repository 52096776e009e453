CREATE INDEX CONCURRENTLY ix_invoices_due ON invoices (due_date);
