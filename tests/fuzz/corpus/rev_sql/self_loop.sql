-- self loop
--
-- Revision ID: abc
-- Revises: abc

-- migrate:upgrade
SELECT 1;
