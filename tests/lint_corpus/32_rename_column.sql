ALTER TABLE customers RENAME COLUMN fullname TO full_name;
