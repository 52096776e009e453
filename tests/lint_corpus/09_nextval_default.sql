CREATE SEQUENCE ticket_numbers;
ALTER TABLE tickets ADD COLUMN number bigint DEFAULT nextval('ticket_numbers');
