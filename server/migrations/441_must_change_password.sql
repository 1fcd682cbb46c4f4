-- Up Migration
-- A password an administrator reset (the staff screen or `reset-password`) is a temporary one: the
-- user must set their own at the next sign-in (server/src/auth/service.ts `changePassword`). Until
-- then the sign-in answers 403 `password_change_required` and no session works.

ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
