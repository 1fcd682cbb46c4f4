-- Up Migration
-- The responsible department («ответственный отдел») of a working category or subcategory in the
-- organisation's triage category map (issue 13): before the organisation's department learner has a
-- confident answer, a message whose suggested category maps here is suggested this department
-- (shared/triage/department-choice.ts). `category` is a working category code (`roads`) or a working
-- subcategory code (`roads.potholes`, which wins over its category). Written by
-- server/src/triage/category-map.ts only, audited there; a department of another organisation cannot
-- be named (the foreign key), and a department's row goes with it.
CREATE TABLE triage_category_departments (
  org_id text NOT NULL REFERENCES organisations (id),
  category text NOT NULL CHECK (length(category) BETWEEN 3 AND 100),
  department_id text NOT NULL,
  set_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, category),
  FOREIGN KEY (org_id, department_id) REFERENCES departments (org_id, id) ON DELETE CASCADE
);

-- Down Migration
DROP TABLE triage_category_departments;
