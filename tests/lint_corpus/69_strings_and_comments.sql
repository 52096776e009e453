/* a block comment; with a semicolon */
INSERT INTO settings (key, value) VALUES ('banner', 'closed; back soon');
INSERT INTO settings (key, value) VALUES ('motd', $txt$it's; fine$txt$);
UPDATE settings SET value = 'x' -- trailing comment without WHERE in it
    WHERE key = 'motd';
