UPDATE products SET currency = 'EUR' WHERE currency IS NULL;
