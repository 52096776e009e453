-- statements inside a function body are text: they run when the function runs
CREATE OR REPLACE FUNCTION purge_carts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM carts;
    UPDATE carts_stats SET purged = purged + 1;
END;
$$;
