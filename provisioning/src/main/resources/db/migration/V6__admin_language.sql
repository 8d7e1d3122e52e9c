-- The admin UI language each administrator chose (zh, kk, ug or en); NULL = not chosen yet,
-- the UI then uses the language of the login page (Chinese by default).
-- Plain SQL that H2 and PostgreSQL both accept.

ALTER TABLE admins ADD COLUMN language VARCHAR(8);
