-- Up Migration
-- The thematic classifier edition (ССТУ) an organisation's administrator loaded in «Классификатор»
-- (server/src/classifier/editions.ts): one per organisation, replaced by the next load. The content is
-- the edition as shared/domain/classifier/tree.ts loadClassifier accepted it (okno-classifier/1);
-- staff desktops fetch it (GET /api/v1/classifier) and keep a copy for offline work. Without a row the
-- desktop uses the bundled sample edition.
CREATE TABLE organisation_classifiers (
  org_id text PRIMARY KEY REFERENCES organisations (id),
  edition text NOT NULL CHECK (length(edition) BETWEEN 1 AND 100),
  sample boolean NOT NULL,
  entries integer NOT NULL CHECK (entries >= 1),
  content jsonb NOT NULL,
  -- the administrator who loaded it (users.id); null: the admin CLI
  loaded_by text,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE organisation_classifiers;
