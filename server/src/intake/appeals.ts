/**
 * Appeals the server itself creates (incidents from channel messages, portal messages and formal
 * appeals from the portal; the bot's formal appeals): the same document the desktop replicates,
 * started in its regime's initial status, registered by the system actor when formal
 * (appeals/registration.ts), with server-computed deadlines, written with a proper seq and scope,
 * and audited with no user actor.
 *
 * This lives here rather than in server/src/appeals/ because that module only decides on pushes
 * from desktops; it is built on its exported helpers (loadOrgRules, registerIfDue, withDeadlines,
 * rescopeConversations/rescopeMessages) and the shared schema, so the rules stay in one place.
 */

import type { SourcePost } from '../../../shared/model/appeal';
import { newAppeal } from '../../../shared/model/new-appeal';
import type {
  AppealForm,
  ApplicantType,
  IdentificationMethod,
  NameMatchVerdict,
  Regime,
} from '../../../shared/model/vocabulary';
import { appealSchema } from '../../../shared/schemas/appeals';
import { loadOrgRules, type OrgRules, registerIfDue, withDeadlines } from '../appeals/registration';
import { rescopeConversations, rescopeMessages } from '../appeals/scope';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { schemaValidator } from '../sync/validation';
import { type AutoRouting, autoRouting, recordAutoRouting, triageAppeal, triageText } from '../triage';
import { clip, type Doc, writeIntake } from './store';
import type { AttachmentMeta, InboundNetwork } from './types';

const validateAppeal = schemaValidator(appealSchema);

export interface SystemApplicant {
  lastName: string;
  firstName: string;
  patronymic?: string | null;
  phone?: string | null;
  email?: string | null;
  postalAddress?: string | null;
  /** The social profile name compared with the passport name, if any. */
  profileName?: string | null;
}

export interface SystemAppealInput {
  orgId: string;
  regime: Regime;
  channel: InboundNetwork | 'reception' | 'phone' | 'post';
  /** '' when the appeal has no conversation (e.g. imported from the portal without one). */
  conversationId: string;
  /** '' = unrouted. */
  departmentId: string;
  applicant: SystemApplicant;
  identification: IdentificationMethod;
  /** The applicant id linking the encrypted passport (personal_data), when one was taken. */
  applicantId?: string | null;
  /** The passport's masked form, never the passport itself. */
  passportMasked?: string | null;
  /** The verdict of comparing `applicant.profileName` with the passport name, and when. */
  nameMatch?: { verdict: NameMatchVerdict; checkedAt: number | null };
  text: string;
  subject?: string;
  attachments?: AttachmentMeta[];
  receivedAt: number;
  category?: string | null;
  subcategory?: string | null;
  urgent?: boolean;
  kind?: {
    collective?: boolean;
    applicantType?: ApplicantType;
    form?: AppealForm | null;
    organisationName?: string | null;
    inn?: string | null;
    coSigners?: {
      name: { lastName: string; firstName: string; patronymic: string | null };
      postalAddress: string | null;
    }[];
    complaintAgainst?: string | null;
  };
  /** Audit details: where it came from (`{ source: 'vk', rawEventId }`). */
  source: Record<string, unknown>;
  /** The community post or comment it came from (issue 13). */
  sourcePost?: SourcePost;
  id?: string;
  now?: number;
}

export interface SystemAppeal {
  id: string;
  doc: Doc;
  departmentIds: string[];
  /** Set when triage routed it automatically (audited with its creation, undoable). */
  autoRouted?: AutoRouting;
}

const rulesCache = new Map<string, { rules: OrgRules; until: number }>();

/** Organisation rules change rarely; a minute of staleness is fine for new incidents' deadlines. */
async function orgRulesCached(db: Queryable, orgId: string, now = Date.now()): Promise<OrgRules> {
  const cached = rulesCache.get(orgId);
  if (cached && cached.until > now) return cached.rules;
  const rules = await loadOrgRules(db, orgId);
  rulesCache.set(orgId, { rules, until: now + 60_000 });
  return rules;
}

/** A short subject from the first line of the text. */
export function subjectOf(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 120 ? `${clip(line, 117)}…` : line;
}

/** Builds (but does not write) a complete appeal document; registers a formal one. */
export async function buildSystemAppeal(tx: Queryable, input: SystemAppealInput): Promise<SystemAppeal> {
  const now = input.now ?? Date.now();
  const id = input.id ?? newId(now);
  const rules = await orgRulesCached(tx, input.orgId, now);
  const subject = clip(input.subject ?? subjectOf(input.text), 500);
  const text = clip(input.text, 100_000);
  // Never blocks intake: a failure is logged and leaves the appeal without a suggestion.
  // Before the organisation's first decision, the channel's default department is the suggestion.
  const triage = await triageAppeal(
    tx,
    input.orgId,
    triageText(subject, text),
    now,
    undefined,
    input.departmentId,
  );
  const routed = await autoRouting(tx, input.orgId, triage, input.departmentId);
  const departmentId = routed?.to ?? input.departmentId;
  const a = input.applicant;
  const appeal = newAppeal({
    id,
    orgId: input.orgId,
    regime: input.regime,
    channel: input.channel,
    urgent: input.urgent ?? false,
    kind: input.kind ?? {},
    applicant: {
      applicantId: input.applicantId ?? null,
      name: {
        lastName: clip(a.lastName, 100),
        firstName: clip(a.firstName, 100),
        patronymic: a.patronymic ? clip(a.patronymic, 100) : null,
      },
      contacts: {
        phone: a.phone ? clip(a.phone, 32) : null,
        email: a.email ? clip(a.email, 254) : null,
        postalAddress: a.postalAddress ? clip(a.postalAddress, 500) : null,
      },
      identification: input.identification,
      passportMasked: input.passportMasked ?? null,
      nameMatch: {
        verdict: input.nameMatch?.verdict ?? 'not_checked',
        profileName: a.profileName ? clip(a.profileName, 200) : null,
        checkedAt: input.nameMatch?.checkedAt ?? null,
      },
    },
    subject,
    text,
    attachments: input.attachments ?? [],
    category: input.category ?? null,
    subcategory: input.subcategory ?? null,
    departmentId,
    receivedAt: input.receivedAt,
    conversationId: input.conversationId,
    updatedAt: now,
  });
  appeal.triage = triage;
  if (input.sourcePost) appeal.sourcePost = input.sourcePost;
  if (routed) await recordAutoRouting(tx, input.orgId, id, routed, now);
  let doc: Doc = { ...appeal, _deleted: false };
  doc = await registerIfDue(tx, input.orgId, rules, doc, now);
  doc = withDeadlines(null, doc, rules);
  const problem = validateAppeal(doc);
  if (problem) throw new Error(`system appeal ${id} is invalid: ${problem}`);
  return {
    id,
    doc,
    departmentIds: departmentId ? [departmentId] : [],
    ...(routed ? { autoRouted: routed } : {}),
  };
}

export function appealAudit(appeal: SystemAppeal, source: Record<string, unknown>) {
  const doc = appeal.doc;
  return {
    action: 'appeal.create',
    entity: 'appeal',
    entityId: appeal.id,
    details: {
      ...source,
      regime: doc.regime,
      channel: doc.channel,
      ...(appeal.autoRouted ? { autoRouted: appeal.autoRouted } : {}),
      ...(doc.registrationNumber
        ? { actions: ['register'], registrationNumber: doc.registrationNumber }
        : {}),
    },
  };
}

/**
 * Creates an appeal as the system actor and writes it (inside the caller's transaction). When it
 * belongs to an existing conversation, the conversation and its loose messages take its department
 * into their scope (appeals/scope.ts), exactly as a pushed appeal would.
 */
export async function createSystemAppeal(tx: Queryable, input: SystemAppealInput): Promise<SystemAppeal> {
  const appeal = await buildSystemAppeal(tx, input);
  await writeIntake(tx, input.orgId, { appeal, audit: [appealAudit(appeal, input.source)] });
  if (input.conversationId) {
    await rescopeConversations(tx, input.orgId, [input.conversationId]);
    await rescopeMessages(tx, input.orgId, [appeal.id], [input.conversationId]);
  }
  return appeal;
}
