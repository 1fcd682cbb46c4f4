-- Up Migration
-- Organisations, departments, users and their department membership.
-- Composite (org_id, id) keys let the database itself refuse a user joined to another
-- organisation's department.

CREATE TABLE organisations (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- shared/model/organisation.ts OrganisationSettings: timeZone, registrationNumberPattern,
  -- deadlineShiftRule, workingHours, incidentSla, portalTermDays, retentionYears
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisations_name_key UNIQUE (name),
  CONSTRAINT organisations_settings_object CHECK (jsonb_typeof(settings) = 'object')
);

CREATE TABLE departments (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  code text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT departments_org_code_key UNIQUE (org_id, code),
  CONSTRAINT departments_org_id_key UNIQUE (org_id, id)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id),
  login text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator', 'head', 'supervisor', 'admin')),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_org_id_key UNIQUE (org_id, id)
);
-- Logins are global (the login form has no organisation field) and case-insensitive.
CREATE UNIQUE INDEX users_login_key ON users (lower(login));
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE user_departments (
  org_id text NOT NULL,
  user_id text NOT NULL,
  department_id text NOT NULL,
  PRIMARY KEY (user_id, department_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, department_id) REFERENCES departments (org_id, id) ON DELETE CASCADE
);
CREATE INDEX user_departments_department_idx ON user_departments (department_id);
