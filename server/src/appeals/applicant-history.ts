/**
 * «Все обращения заявителя» and repeated appeals (issue 11; issue 13, "Repeats and duplicates").
 *
 * `GET /api/v1/appeals/:id/applicant-appeals`: the other appeals of the same person, recognised on
 * the server by a verified passport (the keyed hash of personal_data, so two applicant records with
 * one passport are one person), the phone, the e-mail, or the social profile (the citizen's account
 * in the conversation's network). Only appeals the caller may see are listed (their departments;
 * supervisors and admins: the organisation): matching runs where every applicant is, the answer
 * carries nothing outside the caller's scope. Each entry names its evidence; an earlier open or
 * recent appeal on the same subject is a repeat candidate (shared/domain/applicant/repeat.ts).
 *
 * `POST /api/v1/applicants/appeals` `{ phone?, email?, subject?, category? }`: the same for a
 * reception entry not saved yet (by the contacts typed), so the clerk sees the applicant's open or
 * recent appeal on the subject before registering another one.
 *
 * `POST /api/v1/appeals/:id/repeat` `{ previousId }`: a person marks the appeal as a repeat of an
 * earlier one of the same applicant (409 `not_same_applicant` when nothing says it is the same
 * person, `already_marked` when it is marked); `DELETE` takes the mark back. Both are audited on
 * the appeal and show in its history. A mark links; it never merges or closes anything.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  type IdentityEvidence,
  type RepeatEvidence,
  repeatEvidence,
} from '../../../shared/domain/applicant/repeat';
import { isOrganisationWide } from '../../../shared/model/roles';
import { socialNetworks } from '../../../shared/model/vocabulary';
import { appendAudit } from '../audit/audit';
import type { AuthContext } from '../auth/context';
import { requireAuth } from '../auth/require-auth';
import { inTransaction, type Queryable } from '../db/pool';
import { ApiError, notFound } from '../http/errors';
import { idParams } from '../http/params';
import { appealInScope } from './in-scope';
import { editAppeal } from './store';

type Doc = Record<string, unknown>;

/** At most this many appeals of one applicant are listed (newest first). */
const historyLimit = 200;

interface SameApplicantRow {
  id: string;
  doc: Doc;
  evidence: IdentityEvidence[];
}

export interface ApplicantAppeal {
  id: string;
  registrationNumber: string | null;
  status: string;
  regime: string;
  channel: string;
  subject: string;
  category: string | null;
  departmentId: string;
  receivedAt: number;
  closedAt: number | null;
  evidence: RepeatEvidence[];
  /** An earlier open or recent appeal on the same subject: the new one probably repeats it. */
  repeatCandidate: boolean;
}

/** The caller's appeals of the same person as appeal `id`, with how each was recognised. */
async function sameApplicant(db: Queryable, auth: AuthContext, id: string): Promise<SameApplicantRow[]> {
  const result = await db.query<SameApplicantRow>(
    `WITH me AS (
       SELECT doc, conversation_id FROM sync_appeals WHERE org_id = $1 AND id = $2
     ), passport_ids AS (
       SELECT p2.applicant_id FROM personal_data p1
         JOIN personal_data p2 ON p2.org_id = p1.org_id AND p2.match_hash = p1.match_hash
        WHERE p1.org_id = $1 AND p1.applicant_id = (SELECT doc->'applicant'->>'applicantId' FROM me)
       UNION SELECT doc->'applicant'->>'applicantId' FROM me WHERE doc->'applicant'->>'applicantId' IS NOT NULL
     ), peer_conversations AS (
       SELECT c.id FROM sync_conversations c
         JOIN sync_conversations mine ON mine.org_id = $1 AND mine.id = (SELECT conversation_id FROM me)
        WHERE c.org_id = $1 AND mine.doc->>'channel' = ANY($5::text[])
          AND c.doc->>'channel' = mine.doc->>'channel'
          AND c.doc->'peer'->>'userId' = mine.doc->'peer'->>'userId'
     ), matches AS (
       SELECT a.id, 'passport' AS evidence FROM sync_appeals a
        WHERE a.org_id = $1 AND a.doc->'applicant'->>'applicantId' IN (SELECT applicant_id FROM passport_ids)
       UNION ALL
       SELECT a.id, 'phone' FROM sync_appeals a
        WHERE a.org_id = $1 AND okno_phone_key(a.doc->'applicant'->'contacts'->>'phone')
              = (SELECT okno_phone_key(doc->'applicant'->'contacts'->>'phone') FROM me)
       UNION ALL
       SELECT a.id, 'email' FROM sync_appeals a
        WHERE a.org_id = $1 AND okno_email_key(a.doc->'applicant'->'contacts'->>'email')
              = (SELECT okno_email_key(doc->'applicant'->'contacts'->>'email') FROM me)
       UNION ALL
       SELECT a.id, 'social' FROM sync_appeals a
        WHERE a.org_id = $1 AND a.conversation_id IN (SELECT id FROM peer_conversations)
     )
     SELECT a.id, a.doc, array_agg(DISTINCT m.evidence ORDER BY m.evidence) AS evidence
       FROM matches m JOIN sync_appeals a ON a.org_id = $1 AND a.id = m.id
      WHERE m.id <> $2 AND NOT coalesce((a.doc->>'_deleted')::boolean, false)
        AND ($3 OR a.department_ids && $4::text[])
      GROUP BY a.id, a.doc
      ORDER BY (a.doc->>'receivedAt')::numeric DESC, a.id
      LIMIT ${historyLimit}`,
    [auth.orgId, id, isOrganisationWide(auth.role), auth.departmentIds, socialNetworks],
  );
  return result.rows;
}

const numberOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

function subjectOf(doc: Doc) {
  return {
    subject: String(doc.subject ?? ''),
    category: typeof doc.category === 'string' ? doc.category : null,
    receivedAt: Number(doc.receivedAt),
    closedAt: numberOrNull(doc.closedAt),
  };
}

function entryOf(appeal: Doc, row: SameApplicantRow): ApplicantAppeal {
  const subjectEvidence = repeatEvidence(subjectOf(appeal), subjectOf(row.doc));
  return {
    id: row.id,
    registrationNumber: typeof row.doc.registrationNumber === 'string' ? row.doc.registrationNumber : null,
    status: String(row.doc.status),
    regime: String(row.doc.regime),
    channel: String(row.doc.channel),
    subject: String(row.doc.subject ?? ''),
    category: typeof row.doc.category === 'string' ? row.doc.category : null,
    departmentId: String(row.doc.departmentId ?? ''),
    receivedAt: Number(row.doc.receivedAt),
    closedAt: numberOrNull(row.doc.closedAt),
    evidence: [...row.evidence, ...subjectEvidence],
    repeatCandidate: subjectEvidence.length > 0,
  };
}

interface RepeatRow {
  previous_id: string;
  evidence: RepeatEvidence[];
  marked_at: Date;
}

/** The appeals of the caller's scope with this phone or e-mail: a reception entry before it is saved. */
async function byContacts(
  db: Queryable,
  auth: AuthContext,
  contacts: { phone?: string | undefined; email?: string | undefined },
): Promise<SameApplicantRow[]> {
  const result = await db.query<SameApplicantRow>(
    `SELECT a.id, a.doc, array_remove(ARRAY[
              CASE WHEN okno_phone_key(a.doc->'applicant'->'contacts'->>'phone') = okno_phone_key($2) THEN 'phone' END,
              CASE WHEN okno_email_key(a.doc->'applicant'->'contacts'->>'email') = okno_email_key($3) THEN 'email' END],
            NULL) AS evidence
       FROM sync_appeals a
      WHERE a.org_id = $1 AND NOT coalesce((a.doc->>'_deleted')::boolean, false)
        AND ($4 OR a.department_ids && $5::text[])
        AND (okno_phone_key(a.doc->'applicant'->'contacts'->>'phone') = okno_phone_key($2)
             OR okno_email_key(a.doc->'applicant'->'contacts'->>'email') = okno_email_key($3))
      ORDER BY (a.doc->>'receivedAt')::numeric DESC, a.id
      LIMIT ${historyLimit}`,
    [
      auth.orgId,
      contacts.phone ?? null,
      contacts.email ?? null,
      isOrganisationWide(auth.role),
      auth.departmentIds,
    ],
  );
  return result.rows;
}

const contactsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    phone: { type: 'string', maxLength: 40 },
    email: { type: 'string', maxLength: 254 },
    subject: { type: 'string', maxLength: 500 },
    category: { type: ['string', 'null'], maxLength: 100 },
  },
} as const;

/**
 * The mark travels in the replicated appeal too (`repeatOf`), written by the single server writer so
 * every desktop in scope pulls it: the inbox row and the card show «Повторное» without asking the API.
 * A change of a server mark only: the appeal's `updatedAt` (the desktops' later-edit rule) stays.
 */
async function writeRepeatOf(tx: Queryable, orgId: string, id: string, previousId: string | null) {
  await editAppeal(
    tx,
    orgId,
    id,
    (doc) => ((doc.repeatOf ?? null) === previousId ? null : { set: { repeatOf: previousId } }),
    { rule: 'unchanged' },
  );
}

const repeatBody = {
  type: 'object',
  additionalProperties: false,
  required: ['previousId'],
  properties: { previousId: idParams.properties.id },
} as const;

export async function applicantHistoryRoutes(app: FastifyInstance, opts: { db: pg.Pool }): Promise<void> {
  const { db } = opts;

  app.get<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/applicant-appeals',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request, reply) => {
      const { auth } = request;
      const appeal = await appealInScope(db, auth, request.params.id);
      const rows = await sameApplicant(db, auth, request.params.id);
      const marks = await db.query<RepeatRow & { appeal_id: string }>(
        `SELECT appeal_id, previous_id, evidence, marked_at FROM appeal_repeats
          WHERE org_id = $1 AND (appeal_id = $2 OR previous_id = $2)`,
        [auth.orgId, request.params.id],
      );
      const visible = new Set(rows.map((row) => row.id));
      const mark = marks.rows.find((row) => row.appeal_id === request.params.id);
      reply.header('cache-control', 'no-store');
      return {
        appeals: rows.map((row) => entryOf(appeal, row)),
        repeatOf: mark
          ? { previousId: mark.previous_id, evidence: mark.evidence, markedAt: mark.marked_at.getTime() }
          : null,
        repeatedBy: marks.rows
          .filter((row) => row.previous_id === request.params.id && visible.has(row.appeal_id))
          .map((row) => row.appeal_id),
      };
    },
  );

  // POST: the contacts travel in the body, never in a URL a proxy or a log keeps.
  app.post<{ Body: { phone?: string; email?: string; subject?: string; category?: string | null } }>(
    '/api/v1/applicants/appeals',
    { preHandler: requireAuth, schema: { body: contactsBody } },
    async (request, reply) => {
      const { auth } = request;
      const { phone, email, subject = '', category = null } = request.body;
      if (!phone?.trim() && !email?.trim())
        throw new ApiError(400, 'contacts_required', 'Give a phone or an e-mail address');
      const rows = await byContacts(db, auth, { phone, email });
      const incoming = { subject, category, receivedAt: Date.now(), closedAt: null };
      reply.header('cache-control', 'no-store');
      return {
        appeals: rows.map((row) => entryOf({ ...incoming }, row)),
        repeatOf: null,
        repeatedBy: [],
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { previousId: string } }>(
    '/api/v1/appeals/:id/repeat',
    { preHandler: requireAuth, schema: { params: idParams, body: repeatBody } },
    async (request) => {
      const { auth } = request;
      const { id } = request.params;
      const { previousId } = request.body;
      return inTransaction(db, async (tx) => {
        const appeal = await appealInScope(tx, auth, id);
        await appealInScope(tx, auth, previousId);
        const same = (await sameApplicant(tx, auth, id)).find((row) => row.id === previousId);
        if (!same)
          throw new ApiError(
            409,
            'not_same_applicant',
            'Nothing shows that both appeals are of one applicant',
          );
        const evidence = entryOf(appeal, same).evidence;
        const inserted = await tx.query<{ marked_at: Date }>(
          `INSERT INTO appeal_repeats (org_id, appeal_id, previous_id, evidence, marked_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING marked_at`,
          [auth.orgId, id, previousId, evidence, auth.userId],
        );
        const row = inserted.rows[0];
        if (!row) throw new ApiError(409, 'already_marked', 'The appeal is already marked as a repeat');
        await writeRepeatOf(tx, auth.orgId, id, previousId);
        await appendAudit(tx, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'appeal.repeat_mark',
          entity: 'appeal',
          entityId: id,
          details: { previousId, evidence },
        });
        return { repeatOf: { previousId, evidence, markedAt: row.marked_at.getTime() } };
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/appeals/:id/repeat',
    { preHandler: requireAuth, schema: { params: idParams } },
    async (request) => {
      const { auth } = request;
      const { id } = request.params;
      return inTransaction(db, async (tx) => {
        await appealInScope(tx, auth, id);
        const removed = await tx.query<{ previous_id: string }>(
          'DELETE FROM appeal_repeats WHERE org_id = $1 AND appeal_id = $2 RETURNING previous_id',
          [auth.orgId, id],
        );
        const row = removed.rows[0];
        if (!row) throw notFound('The appeal is not marked as a repeat');
        await writeRepeatOf(tx, auth.orgId, id, null);
        await appendAudit(tx, {
          orgId: auth.orgId,
          actorUserId: auth.userId,
          deviceId: auth.deviceId,
          action: 'appeal.repeat_unmark',
          entity: 'appeal',
          entityId: id,
          details: { previousId: row.previous_id },
        });
        return { repeatOf: null };
      });
    },
  );
}
