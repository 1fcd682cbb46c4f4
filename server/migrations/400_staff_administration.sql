-- Up Migration
-- Administration of staff in the app (issue 10): a staff member's position and work phone (the
-- executor line of letters), and a department an administrator has disabled. A disabled department
-- keeps its history and its closed appeals; it takes no new staff (server/src/accounts/departments.ts).
-- None of these columns is replicated: the desktop documents of users and departments are unchanged.

ALTER TABLE users
  ADD COLUMN position text NOT NULL DEFAULT '',
  ADD COLUMN phone text NOT NULL DEFAULT '';

ALTER TABLE departments
  ADD COLUMN disabled boolean NOT NULL DEFAULT false;
