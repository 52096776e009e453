TRUNCATE TABLE search_cache;
