CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TABLE people ADD COLUMN current_mood mood;
