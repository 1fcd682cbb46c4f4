-- Up Migration
-- The organisation's edits of the triage category mapping (issue 13): a portal (ПОС) subcategory, the
-- triage model's vocabulary, → one of the organisation's working subcategories. A portal subcategory
-- without a row maps by the default rules (shared/triage/working-category.ts); deleting the row is
-- «reset to default». Written by server/src/triage/category-map.ts only, audited there.
CREATE TABLE triage_category_map (
  org_id text NOT NULL REFERENCES organisations (id),
  portal text NOT NULL CHECK (length(portal) BETWEEN 1 AND 300),
  subcategory text NOT NULL CHECK (length(subcategory) BETWEEN 3 AND 100),
  set_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, portal)
);

-- Down Migration
DROP TABLE triage_category_map;
