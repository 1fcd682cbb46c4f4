/**
 * Problem-group candidates of one appeal (issue 13): the organisation's appeals received within
 * {@link problemWindowDays} of it, of OTHER applicants, that the caller may see, with the evidence
 * that they are the same problem (./evidence.ts). Another organisation's appeals are never read.
 */

import { isOrganisationWide } from '../../../shared/model/roles';
import type { AuthContext } from '../auth/context';
import type { Queryable } from '../db/pool';
import { compareProfiles, type ProblemEvidence, problemProfile, problemWindowDays } from './evidence';
import { memberOf, type ProblemMember } from './groups';

type Doc = Record<string, unknown>;

/** At most this many candidates are shown, the strongest first. */
const candidateLimit = 10;
/** At most this many recent appeals are compared (the newest). */
const compareLimit = 2000;
const dayMs = 86_400_000;

export interface ProblemCandidate extends ProblemMember {
  problemId: string | null;
  evidence: ProblemEvidence[];
}

interface Applicant {
  applicantId: string | null;
  phone: string | null;
  email: string | null;
  conversationId: string;
}

function applicantOf(doc: Doc): Applicant {
  const applicant = (doc.applicant ?? {}) as {
    applicantId?: unknown;
    contacts?: { phone?: unknown; email?: unknown };
  };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  const phone = text(applicant.contacts?.phone)?.replace(/\D/g, '').slice(-10) ?? null;
  return {
    applicantId: text(applicant.applicantId),
    phone: phone && phone.length >= 7 ? phone : null,
    email: text(applicant.contacts?.email)?.toLowerCase() ?? null,
    conversationId: String(doc.conversationId ?? ''),
  };
}

/** The same citizen by what the appeals carry: applicant record, phone, e-mail or chat. Their repeats are another feature. */
function sameApplicant(a: Applicant, b: Applicant): boolean {
  const same = (x: string | null, y: string | null) => x !== null && x === y;
  return (
    same(a.applicantId, b.applicantId) ||
    same(a.phone, b.phone) ||
    same(a.email, b.email) ||
    (a.conversationId !== '' && a.conversationId === b.conversationId)
  );
}

export async function problemCandidates(
  db: Queryable,
  auth: AuthContext,
  appealId: string,
  appeal: Doc,
): Promise<ProblemCandidate[]> {
  const receivedAt = Number(appeal.receivedAt);
  const window = problemWindowDays * dayMs;
  const found = await db.query<{ id: string; doc: Doc }>(
    `SELECT id, doc FROM sync_appeals
      WHERE org_id = $1 AND id <> $2 AND NOT coalesce((doc->>'_deleted')::boolean, false)
        AND (doc->>'receivedAt')::numeric BETWEEN $3 AND $4
        AND doc->>'status' NOT IN ('merged', 'converted')
        AND ($5 OR department_ids && $6::text[])
      ORDER BY (doc->>'receivedAt')::numeric DESC
      LIMIT ${compareLimit}`,
    [
      auth.orgId,
      appealId,
      receivedAt - window,
      receivedAt + window,
      isOrganisationWide(auth.role),
      auth.departmentIds,
    ],
  );
  const mine = applicantOf(appeal);
  const ownProblem = (appeal.problemId as string | null | undefined) ?? null;
  const profile = problemProfile(appeal);
  const candidates: (ProblemCandidate & { score: number })[] = [];
  for (const row of found.rows) {
    if (sameApplicant(mine, applicantOf(row.doc))) continue;
    const problemId = (row.doc.problemId as string | null | undefined) ?? null;
    if (ownProblem !== null && problemId === ownProblem) continue;
    const comparison = compareProfiles(profile, problemProfile(row.doc));
    if (!comparison) continue;
    candidates.push({ ...memberOf(row.id, row.doc), problemId, ...comparison });
  }
  return candidates
    .sort((a, b) => b.score - a.score || b.receivedAt - a.receivedAt)
    .slice(0, candidateLimit)
    .map(({ score: _score, ...candidate }) => candidate);
}
