-- Up Migration
-- Releases of the desktop app that an organisation serves to its own desktops (issue 16,
-- server/src/updates, docs/RELEASES.md). A release is one version on one channel: its installers
-- and electron-builder's update metadata (latest.yml, latest-linux.yml), whose sha512 the upload
-- checked against the bytes. The bytes live under DATA_DIR/releases, named by their SHA-256.
-- Staged rollout: a percentage of desktops (a stable hash of the device) and/or named departments
-- first; 100 means everyone. A withdrawn release is no longer offered: the previous one is, and
-- desktops that took the withdrawn one are told to go back.

CREATE TABLE desktop_releases (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  version text NOT NULL,
  channel text NOT NULL DEFAULT 'latest',
  -- per platform ('win', 'linux'): { path, sha512, releaseDate, files: [{ name, sha512, size }] }
  metadata jsonb NOT NULL,
  rollout_percent integer NOT NULL DEFAULT 100 CHECK (rollout_percent BETWEEN 0 AND 100),
  rollout_department_ids text[] NOT NULL DEFAULT '{}',
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by text,
  withdrawn_at timestamptz,
  UNIQUE (org_id, channel, version)
);

CREATE TABLE desktop_release_files (
  release_id text NOT NULL REFERENCES desktop_releases (id) ON DELETE CASCADE,
  name text NOT NULL,
  size bigint NOT NULL,
  -- electron-builder's checksum (base64 SHA-512) and the storage name (hex SHA-256)
  sha512 text NOT NULL,
  sha256 text NOT NULL,
  PRIMARY KEY (release_id, name)
);

-- Which version each desktop runs, learned from the X-Okno-Version header of its API calls.
CREATE TABLE desktop_versions (
  org_id text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- the login's device id, or `session:<id>` when the desktop sent none
  device_key text NOT NULL,
  user_id text,
  version text NOT NULL,
  platform text,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  last_sync_at timestamptz,
  PRIMARY KEY (org_id, device_key)
);
