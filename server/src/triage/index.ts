/**
 * Triage on the server (issue 13): the shipped model (resources/triage/model.json) is loaded once,
 * and every appeal the server creates — a chat message that opens an incident, a portal message, an
 * e-mail, the bot's filing (intake/appeals.ts `buildSystemAppeal`) — and every appeal a desktop creates
 * (reception; appeals/writer.ts) gets a suggestion: incident or not, up to three portal categories
 * mapped to working categories, up to three of the organisation's departments (its learner), and
 * urgency, each with a confidence and the words that decided it. It never blocks intake: any failure
 * is logged and leaves the appeal without a suggestion.
 *
 * The organisation's department learner (shared/triage/department-learner.ts) lives in
 * `triage_learners`; an organisation without one starts from the departments its appeals are in now
 * (each counts as one decision), then learns from each person's decision (`learnFromDecision`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppealTriage } from '../../../shared/model/appeal';
import {
  type DepartmentLearnerState,
  learnDecision,
  newDepartmentLearner,
} from '../../../shared/triage/department-learner';
import { triageEvidence } from '../../../shared/triage/evidence';
import { featuresOf } from '../../../shared/triage/features';
import { shippedIncidentProbability } from '../../../shared/triage/incident';
import {
  type IncidentLearnerState,
  isIncidentLearner,
  learnIncident,
  newIncidentLearner,
} from '../../../shared/triage/incident-learner';
import { loadTriageModel, type TriageModel } from '../../../shared/triage/model';
import { suggestTriage } from '../../../shared/triage/suggest';
import { workingCategoryOf } from '../../../shared/triage/working-category';
import { repoRoot } from '../config';
import type { Queryable } from '../db/pool';
import {
  cachedCategoryDepartments,
  cachedCategoryMap,
  categoryDepartmentsOf,
  categoryMapOf,
} from './category-map';

const modelFile = path.join(repoRoot, 'resources', 'triage', 'model.json');

let model: TriageModel | null = null;

/** The shipped model, read on first use (the app warms it at start: `warmTriage`). */
export function triageModel(): TriageModel {
  model ??= loadTriageModel(JSON.parse(readFileSync(modelFile, 'utf8')));
  return model;
}

/** Loads the model now, so the first message does not wait for it; false (logged) when it cannot. */
export function warmTriage(log: (error: unknown) => void): boolean {
  try {
    triageModel();
    return true;
  } catch (error) {
    log(error);
    return false;
  }
}

/** How many of an organisation's present appeals start its learner. */
const coldStartAppeals = 300;
const learnerTtlMs = 60_000;
const learners = new Map<string, { state: DepartmentLearnerState; until: number }>();

/**
 * Runs `work` so that its failure cannot abort the caller's transaction: inside a savepoint when
 * `db` is in a transaction, plainly otherwise.
 */
async function isolated<T>(db: Queryable, work: () => Promise<T>): Promise<T> {
  let savepoint = true;
  try {
    await db.query('SAVEPOINT okno_triage');
  } catch {
    savepoint = false;
  }
  try {
    const result = await work();
    if (savepoint) await db.query('RELEASE SAVEPOINT okno_triage');
    return result;
  } catch (error) {
    if (savepoint) await db.query('ROLLBACK TO SAVEPOINT okno_triage').catch(() => {});
    throw error;
  }
}

async function coldStart(db: Queryable, orgId: string): Promise<DepartmentLearnerState> {
  const state = newDepartmentLearner();
  const found = await db.query<{ subject: string; text: string; department_id: string }>(
    `SELECT coalesce(doc->>'subject', '') AS subject, coalesce(doc->>'text', '') AS text,
            doc->>'departmentId' AS department_id
       FROM sync_appeals
      WHERE org_id = $1 AND coalesce(doc->>'departmentId', '') <> ''
        AND NOT coalesce((doc->>'_deleted')::boolean, false)
      ORDER BY seq DESC LIMIT $2`,
    [orgId, coldStartAppeals],
  );
  const m = triageModel();
  for (const row of found.rows)
    learnDecision(state, triageEvidence(m, triageText(row.subject, row.text)), row.department_id);
  return state;
}

/**
 * The organisation's learner: its stored state, or until its first decision is learnt, a cold start
 * from its present appeals (recomputed when the cache expires, never stored). Only a read of the
 * database runs in a savepoint; a cached learner costs intake no statement.
 */
async function learnerOf(db: Queryable, orgId: string, now: number): Promise<DepartmentLearnerState> {
  const cached = learners.get(orgId);
  if (cached && cached.until > now) return cached.state;
  const state = await isolated(db, async () => {
    const stored = await db.query<{ state: DepartmentLearnerState }>(
      'SELECT state FROM triage_learners WHERE org_id = $1',
      [orgId],
    );
    return stored.rows[0]?.state ?? (await coldStart(db, orgId));
  });
  learners.set(orgId, { state, until: now + learnerTtlMs });
  return state;
}

const incidentLearners = new Map<string, { state: IncidentLearnerState | undefined; until: number }>();

/** The organisation's incident-or-not learner; none before its first decision (the heads alone). */
async function incidentLearnerOf(
  db: Queryable,
  orgId: string,
  now: number,
): Promise<IncidentLearnerState | undefined> {
  const cached = incidentLearners.get(orgId);
  if (cached && cached.until > now) return cached.state;
  const stored = await isolated(db, () =>
    db.query<{ state: unknown }>('SELECT state FROM triage_incident_learners WHERE org_id = $1', [orgId]),
  );
  const found = stored.rows[0]?.state;
  const state = isIncidentLearner(found) ? found : undefined;
  incidentLearners.set(orgId, { state, until: now + learnerTtlMs });
  return state;
}

/**
 * What triage reads of an appeal: its subject when the text does not begin with it, then the text. A
 * subject intake cut from the text's first line (`subjectOf`: trimmed, and clipped with «…» when long)
 * is the text's own beginning, not read twice.
 */
export function triageText(subject: string, text: string): string {
  const own = subject.endsWith('…') ? subject.slice(0, -1) : subject;
  return text.trimStart().startsWith(own) ? text : `${subject}\n${text}`;
}

const round = (value: number) => Number(value.toFixed(3));
const reasons = (because: readonly string[]) => because.slice(0, 10).map((word) => word.slice(0, 100));

/**
 * The suggestion for one appeal's text as stored with the appeal; null (logged) when triage fails.
 * The department: the organisation's learner when it is confident, else the responsible department of
 * the suggested category in its category map, else `defaultDepartmentId` — the channel account's
 * default department — each saying so (shared/triage/department-choice.ts).
 */
export async function triageAppeal(
  db: Queryable,
  orgId: string,
  text: string,
  now: number,
  log: (error: unknown) => void = (error) => console.error('triage failed', error),
  defaultDepartmentId = '',
): Promise<AppealTriage | null> {
  try {
    const m = triageModel();
    const learner = await learnerOf(db, orgId, now).catch((error) => {
      log(error);
      return undefined;
    });
    const incidents = await incidentLearnerOf(db, orgId, now).catch((error) => {
      log(error);
      return undefined;
    });
    // The organisation's edited mapping and its responsible departments (category-map.ts); the default
    // rules and none when they cannot be read.
    const readOr = async <T>(cached: T | undefined, read: () => Promise<T>): Promise<T | undefined> =>
      cached ??
      (await isolated(db, read).catch((error) => {
        log(error);
        return undefined;
      }));
    const map = await readOr(cachedCategoryMap(orgId), () => categoryMapOf(db, orgId));
    const categoryDepartments = await readOr(cachedCategoryDepartments(orgId), () =>
      categoryDepartmentsOf(db, orgId),
    );
    const s = suggestTriage(m, text, learner, incidents, {
      ...(map ? { categoryMap: map } : {}),
      ...(categoryDepartments ? { categoryDepartments } : {}),
      ...(defaultDepartmentId !== '' ? { channelDefault: defaultDepartmentId } : {}),
    });
    return {
      at: now,
      incident: {
        value: s.incident.value,
        confidence: round(s.incident.confidence),
        because: reasons(s.incident.because),
      },
      category: s.category.slice(0, 3).map((c) => ({
        value: c.value.slice(0, 300),
        confidence: round(c.confidence),
        because: reasons(c.because),
        ...workingCategoryOf(c.value, text, map),
      })),
      department: s.department.slice(0, 3).map((d) => ({
        value: d.value,
        confidence: round(d.confidence),
        because: reasons(d.because),
      })),
      urgency: {
        urgent: s.urgency.urgent,
        confidence: round(s.urgency.confidence),
        signs: [...s.urgency.signs],
        because: reasons(s.urgency.because),
      },
    };
  } catch (error) {
    log(error);
    return null;
  }
}

/**
 * One person's decision (an acceptance, a correction, a reassignment): this text went to `departmentId`.
 * Recorded beside the suggestion (the accuracy a supervisor sees) and learnt.
 * One learner update under a row lock, isolated from the caller's transaction (a failure leaves the
 * learner as it was); never on intake's path.
 */
export async function learnFromDecision(
  db: Queryable,
  decision: {
    orgId: string;
    appealId: string;
    text: string;
    departmentId: string;
    /** The top department triage suggested on arrival, if any: the decision measures it. */
    suggested: string | null;
  },
  now = Date.now(),
): Promise<void> {
  const { orgId, text, departmentId } = decision;
  if (departmentId === '') return;
  await isolated(db, async () => {
    await db.query(
      `INSERT INTO triage_decisions (org_id, appeal_id, decided_at, suggested_department_id, chosen_department_id)
       VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5)`,
      [orgId, decision.appealId, now, decision.suggested, departmentId],
    );
    const locked = await db.query<{ state: DepartmentLearnerState }>(
      'SELECT state FROM triage_learners WHERE org_id = $1 FOR UPDATE',
      [orgId],
    );
    const state = locked.rows[0]?.state ?? (await coldStart(db, orgId));
    learnDecision(state, triageEvidence(triageModel(), text), departmentId);
    await db.query(
      `INSERT INTO triage_learners (org_id, state, decisions, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (org_id) DO UPDATE SET state = EXCLUDED.state, decisions = EXCLUDED.decisions, updated_at = now()`,
      [orgId, JSON.stringify(state), state.decisions],
    );
    learners.set(orgId, { state, until: now + learnerTtlMs });
  });
}

/**
 * One person's incident-or-not decision on a chat message: «Это инцидент» or its first categorising
 * (`incident` true), «Не инцидент» (false). Recorded beside the suggestion made on arrival (the accuracy
 * a supervisor sees) and learnt by the organisation's incident learner — one step under a row lock,
 * isolated from the caller's transaction; never on intake's path.
 */
export async function learnIncidentDecision(
  db: Queryable,
  decision: {
    orgId: string;
    appealId: string;
    text: string;
    incident: boolean;
    /** What triage suggested on arrival, if anything. */
    suggested: boolean | null;
  },
  now = Date.now(),
): Promise<void> {
  const { orgId, text, incident } = decision;
  await isolated(db, async () => {
    await db.query(
      `INSERT INTO triage_incident_decisions (org_id, appeal_id, decided_at, suggested, chosen)
       VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5)`,
      [orgId, decision.appealId, now, decision.suggested, incident],
    );
    const locked = await db.query<{ state: unknown }>(
      'SELECT state FROM triage_incident_learners WHERE org_id = $1 FOR UPDATE',
      [orgId],
    );
    const found = locked.rows[0]?.state;
    const state = isIncidentLearner(found) ? found : newIncidentLearner();
    const m = triageModel();
    learnIncident(state, [...featuresOf(text, false).stems], shippedIncidentProbability(m, text), incident);
    await db.query(
      `INSERT INTO triage_incident_learners (org_id, state, decisions, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (org_id) DO UPDATE SET state = EXCLUDED.state, decisions = EXCLUDED.decisions, updated_at = now()`,
      [orgId, JSON.stringify(state), state.decisions],
    );
    incidentLearners.set(orgId, { state, until: now + learnerTtlMs });
  });
}

/**
 * Whether a change of an appeal by a person is an incident-or-not decision: a chat message of the
 * incident regime closed as «не инцидент» (false), or categorised for the first time while open —
 * «Это инцидент», or an official sorting it into work (true). Null for anything else.
 */
export function incidentDecisionOf(
  base: Readonly<Record<string, unknown>> | null,
  doc: Readonly<Record<string, unknown>>,
  actions: readonly string[],
): boolean | null {
  if (base?.regime !== 'incident' || !base.conversationId) return null;
  if (actions.includes('close_non_incident')) return false;
  if (!base.category && doc.category && doc.status !== 'closed') return true;
  return null;
}

export interface TriageAccuracy {
  days: number;
  /** Human department decisions in the window. */
  decisions: number;
  /** Of them, those on an appeal that had a department suggestion. */
  suggested: number;
  /** Of those, how many chose the suggested department; null when none had a suggestion. */
  departmentTop1: number | null;
  /** Incident-or-not: the people's decisions in the window, those with a suggestion, and its share right. */
  incident: { decisions: number; suggested: number; accuracy: number | null };
}

/** The department suggestions' accuracy over the organisation's human decisions of the last `days`. */
export async function triageAccuracy(
  db: Queryable,
  orgId: string,
  now: number,
  days = 30,
): Promise<TriageAccuracy> {
  const found = await db.query<{ decisions: string; suggested: string; right: string }>(
    `SELECT count(*) AS decisions, count(suggested_department_id) AS suggested,
            count(*) FILTER (WHERE suggested_department_id = chosen_department_id) AS right
       FROM triage_decisions
      WHERE org_id = $1 AND decided_at > to_timestamp($2 / 1000.0) - make_interval(days => $3)`,
    [orgId, now, days],
  );
  const incidents = await db.query<{ decisions: string; suggested: string; right: string }>(
    `SELECT count(*) AS decisions, count(suggested) AS suggested,
            count(*) FILTER (WHERE suggested = chosen) AS right
       FROM triage_incident_decisions
      WHERE org_id = $1 AND decided_at > to_timestamp($2 / 1000.0) - make_interval(days => $3)`,
    [orgId, now, days],
  );
  const share = (right: unknown, of: number) =>
    of > 0 ? Number((Number(right ?? 0) / of).toFixed(3)) : null;
  const row = found.rows[0];
  const suggested = Number(row?.suggested ?? 0);
  const incident = incidents.rows[0];
  const incidentSuggested = Number(incident?.suggested ?? 0);
  return {
    days,
    decisions: Number(row?.decisions ?? 0),
    suggested,
    departmentTop1: share(row?.right, suggested),
    incident: {
      decisions: Number(incident?.decisions ?? 0),
      suggested: incidentSuggested,
      accuracy: share(incident?.right, incidentSuggested),
    },
  };
}

/** An automatic routing decision made at intake (`triage_auto_decisions`), audited with the new appeal. */
export interface AutoRouting {
  from: string;
  to: string;
  confidence: number;
  threshold: number;
}

/**
 * Automatic routing (issue 13): when the organisation turned it on for the suggested working category,
 * a new appeal goes to the top suggested department if that suggestion's confidence reaches the
 * category's threshold. Null when off, below the threshold, already there, or on any failure.
 */
export async function autoRouting(
  db: Queryable,
  orgId: string,
  triage: AppealTriage | null,
  departmentId: string,
): Promise<AutoRouting | null> {
  const category = triage?.category[0]?.category;
  const top = triage?.department[0];
  if (!category || !top || top.value === departmentId) return null;
  try {
    const found = await isolated(db, () =>
      db.query<{ threshold: number }>(
        `SELECT t.threshold FROM triage_auto_routing t
           JOIN departments d ON d.org_id = t.org_id AND d.id = $3
          WHERE t.org_id = $1 AND t.category = $2`,
        [orgId, category, top.value],
      ),
    );
    const threshold = found.rows[0]?.threshold;
    if (threshold === undefined || top.confidence < threshold) return null;
    return { from: departmentId, to: top.value, confidence: top.confidence, threshold: round(threshold) };
  } catch (error) {
    console.error('triage auto-routing failed', error);
    return null;
  }
}

/** Records an automatic decision so that a person can undo it. */
export async function recordAutoRouting(
  db: Queryable,
  orgId: string,
  appealId: string,
  routing: AutoRouting,
  now: number,
): Promise<void> {
  await isolated(db, () =>
    db.query(
      `INSERT INTO triage_auto_decisions (org_id, appeal_id, decided_at, from_department_id, to_department_id, confidence, threshold)
     VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [orgId, appealId, now, routing.from, routing.to, routing.confidence, routing.threshold],
    ),
  ).catch((error) => console.error('triage auto-routing not recorded', error));
}
