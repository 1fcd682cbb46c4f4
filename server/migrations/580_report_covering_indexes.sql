-- Up Migration
-- The on-time report (server/src/reports/on-time.ts, issue 14) reads every appeal answered in the
-- period (about 40,000 of a million in a month, 120,000 in a quarter) and every open overdue one. With
-- the indexes of migration 530 each of those rows was a fetch from the table's heap, and the rows of a
-- month lie all over it (appeals are answered in another order than they came): over 1,000,000 appeals
-- ~73,000 page reads a month, 676 ms p95 for the whole report (tests/bench/reports.bench.ts). Before the
-- table was partitioned by organisation (migration 550) the planner hid that cost by reading the
-- three parts of the query in two parallel workers (491 ms); on a partition it plans them in one.
-- The same indexes now carry the columns the report reads (INCLUDE), so the report is an index-only
-- scan: ~1,800 page reads a month (answers ~1,100, open appeals ~700; built in ~5 s over a million
-- appeals). The partitions' indexes follow the parent's (a new organisation's partition gets them
-- when attached). Index-only needs the visibility map, which autovacuum keeps on each partition;
-- a page changed since its last vacuum is read from the heap as before.
DROP INDEX report_appeal_facts_answered_idx;
CREATE INDEX report_appeal_facts_answered_idx
  ON report_appeal_facts (org_id, (coalesce(answered_at, closed_at)))
  INCLUDE (answered_at, closed_at, status, department_id, assignee_id, channel, regime, extended,
           registered_at, received_at, legal_deadline, term_at)
  WHERE NOT deleted;
DROP INDEX report_appeal_facts_forwarded_idx;
CREATE INDEX report_appeal_facts_forwarded_idx ON report_appeal_facts (org_id, forwarded_at)
  INCLUDE (department_id, assignee_id, channel, regime)
  WHERE NOT deleted AND forwarded_at IS NOT NULL;
DROP INDEX report_appeal_facts_open_idx;
CREATE INDEX report_appeal_facts_open_idx ON report_appeal_facts (org_id, due_at)
  INCLUDE (department_id, assignee_id, channel, regime)
  WHERE NOT deleted AND status NOT IN ('answered', 'closed', 'forwarded', 'merged', 'converted');

-- Down Migration
DROP INDEX report_appeal_facts_open_idx;
CREATE INDEX report_appeal_facts_open_idx ON report_appeal_facts (org_id, due_at)
  WHERE NOT deleted AND status NOT IN ('answered', 'closed', 'forwarded', 'merged', 'converted');
DROP INDEX report_appeal_facts_forwarded_idx;
CREATE INDEX report_appeal_facts_forwarded_idx ON report_appeal_facts (org_id, forwarded_at)
  WHERE NOT deleted AND forwarded_at IS NOT NULL;
DROP INDEX report_appeal_facts_answered_idx;
CREATE INDEX report_appeal_facts_answered_idx
  ON report_appeal_facts (org_id, (coalesce(answered_at, closed_at))) WHERE NOT deleted;
