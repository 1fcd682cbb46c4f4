-- Up Migration
-- The repeat mark (appeal_repeats, 350) travels in the replicated appeal as `repeatOf` from now on
-- (server/src/appeals/applicant-history.ts writes both through the single writer). Marks made before
-- are copied once, each with a fresh seq so the desktops pull them.
UPDATE sync_appeals a
   SET doc = a.doc || jsonb_build_object('repeatOf', r.previous_id),
       seq = okno_sync_next_seq(a.org_id),
       updated_at = now()
  FROM appeal_repeats r
 WHERE r.org_id = a.org_id AND r.appeal_id = a.id
   AND a.doc ->> 'repeatOf' IS DISTINCT FROM r.previous_id;

-- Down Migration
-- Nothing to undo: the marks stay in appeal_repeats, and `repeatOf` is a field of appeals schema v2.
