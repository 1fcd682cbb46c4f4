-- Up Migration
-- The large tables are partitioned by organisation (issue 15; docs/ARCHITECTURE.md, Decisions:
-- "Large tables partitioned by organisation"): a region's ЦУР and its municipalities share one
-- cluster without sharing hot indexes. Every hot query already names its organisation (the pull:
-- org_id + seq; the inbox, the archive, reports, control, the journal: org_id first), so the planner
-- reads one organisation's partition and its indexes only.
--
-- LIST partitions, one per organisation, created with it (the trigger on organisations below) and
-- named okno_org_partition_name(table, organisation). No DEFAULT partition: an organisation has its
-- partitions from the transaction that created it, so a row never lacks one, and without a DEFAULT a
-- new organisation's partitions are attached under a SHARE UPDATE EXCLUSIVE lock of the parent,
-- which blocks no reader or writer of the other organisations.
--
-- Partitioned: sync_appeals, sync_messages, sync_conversations (the replicated documents),
-- sync_user_events (the scope events the pull reads), audit_log, report_appeal_facts,
-- control_appeal_facts. Not partitioned: inbound_events (keyed by channel account, no
-- organisation column; its rows are trimmed by the intake), the small per-organisation tables.

-- The name of an organisation's partition of a table: readable, unique by the hash, ≤ 63 bytes.
CREATE FUNCTION okno_org_partition_name(p_table text, p_org text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT p_table || '_' || left(regexp_replace(lower(p_org), '[^a-z0-9]+', '', 'g'), 24) || '_' || left(md5(p_org), 6)
$$;

-- PostgreSQL clones a parent's row triggers onto its partitions but not its TRUNCATE triggers, and a
-- partition can be truncated by name: audit_log's append-only guard is copied onto each partition.
CREATE FUNCTION okno_org_partition_guards(p_parent text, p_part text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  def text;
BEGIN
  FOR def IN SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t
              WHERE t.tgrelid = p_parent::regclass AND NOT t.tgisinternal AND t.tgtype & 32 <> 0 LOOP
    EXECUTE regexp_replace(def, ' ON \S+ ', format(' ON %I ', p_part));
  END LOOP;
END;
$$;

-- Gives the organisation its partition of every table partitioned by organisation (LIST on org_id)
-- that has none yet. The partition is made as a plain table and attached: ATTACH takes SHARE UPDATE
-- EXCLUSIVE on the parent, so other organisations' reads and writes go on meanwhile; the parent's
-- indexes, constraints and triggers are cloned onto it.
CREATE FUNCTION okno_org_partitions_create(p_org text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  parent text;
  part text;
BEGIN
  FOR parent IN
    SELECT c.relname FROM pg_partitioned_table p
      JOIN pg_class c ON c.oid = p.partrelid
      JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
     WHERE p.partstrat = 'l' AND p.partnatts = 1 AND a.attname = 'org_id'
       AND c.relnamespace = current_schema()::regnamespace AND NOT c.relispartition
     ORDER BY c.relname
  LOOP
    part := okno_org_partition_name(parent, p_org);
    CONTINUE WHEN to_regclass(quote_ident(part)) IS NOT NULL;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS '
                   'INCLUDING STORAGE)', part, parent);
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%L)', parent, part, p_org);
    PERFORM okno_org_partition_guards(parent, part);
  END LOOP;
END;
$$;

CREATE FUNCTION okno_org_partitions_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM okno_org_partitions_create(NEW.id);
  RETURN NULL;
END;
$$;

-- Whoever creates an organisation (server/src/accounts/organisations.ts, the admin CLI, a test
-- inserting the row) creates its partitions in the same transaction.
CREATE TRIGGER okno_org_partitions
  AFTER INSERT ON organisations
  FOR EACH ROW EXECUTE FUNCTION okno_org_partitions_trigger();

-- Rebuilds `p_table` with its rows as a table partitioned by LIST (org_id) (p_partitioned) or as a
-- plain one (the down migration). Kept: columns (generated ones too), defaults and the sequences
-- they draw from, CHECK and foreign keys, every index, every trigger (the report facts, the outbox),
-- functions returning the table's row type. A primary key or unique constraint without org_id gets
-- org_id in front (a partitioned table's unique keys must hold its partition key).
CREATE FUNCTION okno_rebuild_by_org(p_table text, p_partitioned boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  old_rel regclass := p_table::regclass;
  new_name text := p_table || '_rebuilt';
  cols text;
  keys text[];
  fks text[];
  idx text[];
  trg text[];
  funcs text[];
  seqs text[];
  org text;
  def text;
  r record;
BEGIN
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
    FROM pg_attribute WHERE attrelid = old_rel AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
  SELECT coalesce(array_agg(
           CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END || ' (' ||
           (SELECT string_agg(quote_ident(n), ', ' ORDER BY o)
              FROM unnest(CASE WHEN 'org_id' = ANY (names) THEN names ELSE array_prepend('org_id'::text, names) END)
                   WITH ORDINALITY AS u (n, o)) || ')'), '{}')
    INTO keys
    FROM pg_constraint k,
         LATERAL (SELECT array_agg(a.attname::text ORDER BY x.o) AS names
                    FROM unnest(k.conkey) WITH ORDINALITY AS x (attnum, o)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum) c
   WHERE k.conrelid = old_rel AND k.contype IN ('p', 'u');
  SELECT coalesce(array_agg(format('ALTER TABLE %I ADD CONSTRAINT %I %s', p_table, conname,
                                   pg_get_constraintdef(oid))), '{}')
    INTO fks FROM pg_constraint WHERE conrelid = old_rel AND contype = 'f';
  -- A partitioned index is defined `ON ONLY` its table; the rebuilt table takes it whole.
  SELECT coalesce(array_agg(replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')), '{}') INTO idx
    FROM pg_index i
   WHERE i.indrelid = old_rel
     AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = old_rel AND k.conindid = i.indexrelid);
  SELECT coalesce(array_agg(pg_get_triggerdef(oid) ORDER BY tgname), '{}') INTO trg
    FROM pg_trigger WHERE tgrelid = old_rel AND NOT tgisinternal AND tgparentid = 0;
  SELECT coalesce(array_agg(pg_get_functiondef(p.oid)), '{}') INTO funcs
    FROM pg_proc p WHERE p.prorettype = (SELECT reltype FROM pg_class WHERE oid = old_rel);
  FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
            WHERE p.prorettype = (SELECT reltype FROM pg_class WHERE oid = old_rel) LOOP
    EXECUTE format('DROP FUNCTION %s', r.f);
  END LOOP;
  SELECT coalesce(array_agg(format('ALTER SEQUENCE %s OWNED BY %I.%I', s.oid::regclass, p_table, a.attname)), '{}')
    INTO seqs
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
   WHERE d.refobjid = old_rel AND d.deptype = 'a';
  FOR r IN SELECT s.oid::regclass AS s FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
            WHERE d.refobjid = old_rel AND d.deptype = 'a' LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', r.s);
  END LOOP;

  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS '
                 'INCLUDING STORAGE INCLUDING COMMENTS) %s', new_name, p_table,
                 CASE WHEN p_partitioned THEN 'PARTITION BY LIST (org_id)' ELSE '' END);
  IF p_partitioned THEN
    -- Bare partitions: the rows go in before any index exists; the indexes are built once, after.
    FOR org IN EXECUTE format('SELECT id FROM organisations UNION SELECT DISTINCT org_id FROM %I', p_table) LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)',
                     okno_org_partition_name(p_table, org), new_name, org);
    END LOOP;
  END IF;
  EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I', new_name, cols, cols, p_table);
  EXECUTE format('DROP TABLE %I', p_table); -- with its partitions, when it had them (the down migration)
  EXECUTE format('ALTER TABLE %I RENAME TO %I', new_name, p_table);
  FOREACH def IN ARRAY keys LOOP
    EXECUTE format('ALTER TABLE %I ADD %s', p_table, def);
  END LOOP;
  FOREACH def IN ARRAY fks || idx || funcs || trg || seqs LOOP
    EXECUTE def;
  END LOOP;
  FOR r IN SELECT i.inhrelid::regclass::text AS part FROM pg_inherits i WHERE i.inhparent = p_table::regclass LOOP
    PERFORM okno_org_partition_guards(p_table, r.part);
  END LOOP;
  EXECUTE format('ANALYZE %I', p_table);
END;
$$;

SELECT okno_rebuild_by_org(t, true)
  FROM unnest(ARRAY['sync_appeals', 'sync_messages', 'sync_conversations', 'sync_user_events', 'audit_log',
                    'report_appeal_facts', 'control_appeal_facts']) AS t;

-- Down Migration
SELECT okno_rebuild_by_org(t, false)
  FROM unnest(ARRAY['sync_appeals', 'sync_messages', 'sync_conversations', 'sync_user_events', 'audit_log',
                    'report_appeal_facts', 'control_appeal_facts']) AS t;
DROP FUNCTION okno_rebuild_by_org(text, boolean);
DROP TRIGGER okno_org_partitions ON organisations;
DROP FUNCTION okno_org_partitions_trigger();
DROP FUNCTION okno_org_partitions_create(text);
DROP FUNCTION okno_org_partition_guards(text, text);
DROP FUNCTION okno_org_partition_name(text, text);
