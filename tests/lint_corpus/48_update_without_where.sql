UPDATE products SET currency = 'EUR';
