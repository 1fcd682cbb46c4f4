/**
 * The organisation's edition of the thematic classifier (ССТУ): the one module that writes
 * `organisation_classifiers` (migration 435). An administrator loads an edition in «Классификатор»
 * (../admin/classifier.ts); it is checked by the same `loadClassifier` the desktop uses to read it
 * (shared/domain/classifier/tree.ts), stored whole, replaced by the next load and audited
 * (`organisation.classifier_load`). Without a stored edition the desktop keeps the bundled sample.
 */

import type pg from 'pg';
import { type ClassifierTree, loadClassifier } from '../../../shared/domain/classifier';
import { ok, type Result } from '../../../shared/domain/result';
import { type AccountsActor, actorOf } from '../accounts/organisations';
import { appendAudit } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';

/** An edition's shape, for the administrator's summary and the journal. */
interface ClassifierCounts {
  sections: number;
  subjects: number;
  topics: number;
  /** Questions and the finer fifth level. */
  questions: number;
}

interface ClassifierEditionSummary {
  edition: string;
  sample: boolean;
  /** True when the organisation has loaded none and the bundled sample applies. */
  bundled: boolean;
  loadedAt: number | null;
  loadedByName: string | null;
  counts: ClassifierCounts;
}

function countLevels(tree: ClassifierTree): ClassifierCounts {
  const counts: ClassifierCounts = { sections: 0, subjects: 0, topics: 0, questions: 0 };
  const walk = (code: string) => {
    for (const child of tree.children(code)) {
      if (child.level === 'subject') counts.subjects += 1;
      else if (child.level === 'topic') counts.topics += 1;
      else counts.questions += 1;
      walk(child.code);
    }
  };
  for (const section of tree.sections) {
    counts.sections += 1;
    walk(section.code);
  }
  return counts;
}

interface StoredRow {
  content: unknown;
  loaded_at: Date;
  loaded_by_name: string | null;
}

async function storedRow(db: Queryable, orgId: string): Promise<StoredRow | null> {
  const found = await db.query<StoredRow>(
    `SELECT c.content, c.loaded_at, u.display_name AS loaded_by_name
       FROM organisation_classifiers c LEFT JOIN users u ON u.id = c.loaded_by AND u.org_id = c.org_id
      WHERE c.org_id = $1`,
    [orgId],
  );
  return found.rows[0] ?? null;
}

/** The edition the organisation loaded, as stored (okno-classifier/1 JSON), with when; null: none. */
export async function loadOrganisationEdition(
  db: Queryable,
  orgId: string,
): Promise<{ content: unknown; loadedAt: number } | null> {
  const row = await storedRow(db, orgId);
  return row ? { content: row.content, loadedAt: row.loaded_at.getTime() } : null;
}

/** What «Классификатор» shows: the stored edition, or the bundled sample. */
export async function classifierSummary(
  db: Queryable,
  orgId: string,
  bundled: ClassifierTree,
): Promise<ClassifierEditionSummary> {
  const row = await storedRow(db, orgId);
  const loaded = row ? loadClassifier(row.content) : null;
  const tree = loaded?.ok ? loaded.value : bundled;
  return {
    edition: tree.edition,
    sample: tree.sample,
    bundled: !loaded?.ok,
    loadedAt: loaded?.ok && row ? row.loaded_at.getTime() : null,
    loadedByName: loaded?.ok && row ? row.loaded_by_name : null,
    counts: countLevels(tree),
  };
}

/**
 * Checks an edition with `loadClassifier` and stores it as the organisation's, replacing the one
 * before; audits old → new (edition, sample, entry count). A refusal stores nothing.
 */
export async function saveClassifierEdition(
  db: pg.Pool,
  orgId: string,
  json: unknown,
  actor: AccountsActor | null,
): Promise<Result<ClassifierTree>> {
  const loaded = loadClassifier(json);
  if (!loaded.ok) return loaded;
  const tree = loaded.value;
  await inTransaction(db, async (tx) => {
    const before = await tx.query<{ edition: string; sample: boolean; entries: number }>(
      'SELECT edition, sample, entries FROM organisation_classifiers WHERE org_id = $1 FOR UPDATE',
      [orgId],
    );
    await tx.query(
      `INSERT INTO organisation_classifiers (org_id, edition, sample, entries, content, loaded_by, loaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (org_id) DO UPDATE SET edition = $2, sample = $3, entries = $4, content = $5,
         loaded_by = $6, loaded_at = now()`,
      [orgId, tree.edition, tree.sample, tree.size, JSON.stringify(json), actor?.userId ?? null],
    );
    const was = before.rows[0] ?? null;
    await appendAudit(tx, {
      orgId,
      ...actorOf(actor),
      action: 'organisation.classifier_load',
      entity: 'organisation',
      entityId: orgId,
      fields: {
        edition: { old: was?.edition ?? null, new: tree.edition },
        sample: { old: was?.sample ?? null, new: tree.sample },
        entries: { old: was?.entries ?? null, new: tree.size },
      },
      details: { source: actor ? 'api' : 'cli' },
    });
  });
  return ok(tree);
}
