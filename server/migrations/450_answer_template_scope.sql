-- Up Migration
-- Answer templates get a scope (issue 10, «Шаблоны ответов»): the organisation's (departmentId null)
-- or one department's, an author, and personal ones that only their author sees. `department_ids`
-- holds the department (null: the organisation's); `personal_of` is the author of a personal
-- template, derived from the document so every writer (sync push, server writes) keeps it right.
-- The pull (server/src/answer-templates/writer.ts answerTemplatesPullScope) filters on both.

ALTER TABLE sync_answer_templates
  ADD COLUMN personal_of text
  GENERATED ALWAYS AS (CASE WHEN (doc->>'personal')::boolean THEN doc->>'authorId' END) STORED;

-- Templates written before were the organisation's and shared; their author is not known. Desktops
-- migrate their copies the same way (shared/schemas/answer-templates.ts), so no new seq is needed.
UPDATE sync_answer_templates
   SET doc = jsonb_build_object('departmentId', NULL, 'authorId', NULL, 'personal', false) || doc
 WHERE NOT doc ? 'personal';

-- As in 105_sync_exits_and_sessions.sql, plus answer templates: an official who leaves a department
-- loses its templates (their own personal ones stay), one who joins gets them.
CREATE OR REPLACE FUNCTION okno_sync_user_scope_changed(
  p_org text, p_user text, old_all boolean, old_depts text[], new_all boolean, new_depts text[]
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  coll text;
  tbl text;
BEGIN
  PERFORM okno_sync_lock(p_org);
  FOREACH coll IN ARRAY ARRAY['appeals', 'messages', 'conversations'] LOOP
    tbl := 'sync_' || coll;
    EXECUTE format(
      'INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
       SELECT nextval(''okno_sync_seq''), t.org_id, $2, $3, t.id, ''exit'', okno_sync_exit_doc($3, t.doc)
         FROM %I t
        WHERE t.org_id = $1 AND NOT coalesce((t.doc->>''_deleted'')::boolean, false)
          AND ($4 OR t.department_ids && $5) AND NOT ($6 OR t.department_ids && $7)', tbl)
      USING p_org, p_user, coll, old_all, old_depts, new_all, new_depts;
    EXECUTE format(
      'INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
       SELECT nextval(''okno_sync_seq''), t.org_id, $2, $3, t.id, ''enter'', NULL
         FROM %I t
        WHERE t.org_id = $1
          AND ($6 OR t.department_ids && $7) AND NOT ($4 OR t.department_ids && $5)', tbl)
      USING p_org, p_user, coll, old_all, old_depts, new_all, new_depts;
  END LOOP;
  INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
  SELECT nextval('okno_sync_seq'), t.org_id, p_user, 'answerTemplates', t.id, 'exit', t.doc || '{"_deleted": true}'::jsonb
    FROM sync_answer_templates t
   WHERE t.org_id = p_org AND NOT coalesce((t.doc->>'_deleted')::boolean, false)
     AND t.department_ids IS NOT NULL AND (t.personal_of IS NULL OR t.personal_of = p_user)
     AND (old_all OR t.department_ids && old_depts) AND NOT (new_all OR t.department_ids && new_depts);
  INSERT INTO sync_user_events (seq, org_id, user_id, collection, doc_id, kind, doc)
  SELECT nextval('okno_sync_seq'), t.org_id, p_user, 'answerTemplates', t.id, 'enter', NULL
    FROM sync_answer_templates t
   WHERE t.org_id = p_org
     AND t.department_ids IS NOT NULL AND (t.personal_of IS NULL OR t.personal_of = p_user)
     AND (new_all OR t.department_ids && new_depts) AND NOT (old_all OR t.department_ids && old_depts);
  PERFORM pg_notify('okno_sync', p_org);
END;
$$;
