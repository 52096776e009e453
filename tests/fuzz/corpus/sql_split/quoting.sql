INSERT INTO t VALUES ('it''s; fine', "a;b", E'back\\slash\'; quote');
/* a /* nested */ comment; */ SELECT 1; -- trailing; comment
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
DO $$ BEGIN PERFORM 1; END $$;
CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; DELETE FROM u; END;
CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
SELECT 'unterminated
