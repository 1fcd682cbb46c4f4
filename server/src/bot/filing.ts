/**
 * Registration of a formal appeal filed through the bot, as the system actor: regime `formal`,
 * identification `social-passport`, channel = the network. The number comes from the
 * organisation's per-year counter and the deadlines from the shared engine, both through the
 * appeals module's exported helpers (server/src/appeals/registration.ts), inside the caller's
 * transaction; the document is written like a pushed one (seq under the organisation's lock,
 * NOTIFY, audit with no user actor).
 *
 * It lives in bot/ because the appeals module only decides on desktop pushes; the rules stay
 * there. `bot_filings` remembers which network account filed it: status answers only to it.
 */
import { initialStatus } from '../../../shared/domain/status-machine';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { SocialNetwork } from '../../../shared/model/vocabulary';
import { appealSchema } from '../../../shared/schemas/appeals';
import { loadOrgRules, registerIfDue, withDeadlines } from '../appeals/registration';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { newId } from '../ids';
import { notifyChange } from '../sync/notifier';
import { schemaValidator } from '../sync/validation';
import type { WizardData } from './types';

const validateAppeal = schemaValidator(appealSchema);

export interface Filing {
  orgId: string;
  network: SocialNetwork;
  accountId: string;
  chatId: string;
  userId: string;
  profileName: string;
  language: string;
  conversationId: string | null;
  data: WizardData;
}

export interface FiledAppeal {
  appealId: string;
  registrationNumber: string;
  registeredAt: number;
  legalDeadline: string | null;
  timeZone: string;
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

function subjectOf(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

export async function fileAppeal(tx: Queryable, filing: Filing, now = Date.now()): Promise<FiledAppeal> {
  const { data } = filing;
  const rules = await loadOrgRules(tx, filing.orgId);
  const attachments: AttachmentMeta[] = data.attachments ?? [];
  const id = newId(now);
  let doc: Record<string, unknown> = {
    id,
    orgId: filing.orgId,
    regime: 'formal',
    channel: filing.network,
    urgent: false,
    kind: {
      collective: data.collective === true,
      applicantType: data.applicantType ?? 'citizen',
      form: null,
      organisationName: data.applicantType === 'organisation' ? (data.orgName ?? null) : null,
      inn: data.applicantType === 'organisation' ? (data.inn ?? null) : null,
      coSigners: (data.coSigners ?? []).map((c) => ({
        name: { lastName: c.lastName, firstName: c.firstName, patronymic: c.patronymic },
        postalAddress: c.postalAddress ?? null,
      })),
      complaintAgainst: null,
    },
    applicant: {
      applicantId: data.applicantId ?? null,
      name: data.name,
      contacts: { phone: data.phone ?? null, email: data.email ?? null, postalAddress: data.postal ?? null },
      identification: 'social-passport',
      passportMasked: data.passportMasked ?? null,
      nameMatch: {
        verdict: data.nameVerdict ?? 'not_checked',
        profileName: filing.profileName ? clip(filing.profileName, 200) : null,
        checkedAt: now,
      },
    },
    subject: clip(subjectOf(data.text ?? ''), 500),
    text: clip(data.text ?? '', 100_000),
    attachments,
    category: null,
    subcategory: null,
    classifierCode: null,
    departmentId: '',
    assigneeId: '',
    status: initialStatus('formal'),
    registrationNumber: null,
    receivedAt: now,
    registeredAt: null,
    dueAt: 0,
    legalDeadline: null,
    controlDate: null,
    interimAnsweredAt: null,
    documentsRequestedAt: null,
    extendedAt: null,
    answeredAt: null,
    closedAt: null,
    extension: null,
    result: null,
    art11Outcome: null,
    outcomeNote: null,
    conversationId: filing.conversationId ?? '',
    duplicateOf: null,
    mergedIds: [],
    forwardedTo: null,
    convertedFromId: null,
    convertedToId: null,
    updatedAt: now,
    _deleted: false,
  };
  doc = await registerIfDue(tx, filing.orgId, rules, doc, now);
  doc = withDeadlines(null, doc, rules);
  const { _deleted, ...pure } = doc;
  const problem = validateAppeal(pure);
  if (problem || typeof doc.registrationNumber !== 'string') {
    throw new Error(`bot appeal is invalid: ${problem ?? 'not registered'}`);
  }
  const written = await tx.query<{ seq: string }>(
    `INSERT INTO sync_appeals (org_id, id, seq, doc, department_ids, conversation_id)
     VALUES ($1, $2, okno_sync_next_seq($1), $3, '{}', $4) RETURNING seq`,
    [filing.orgId, id, JSON.stringify(doc), filing.conversationId ?? ''],
  );
  await notifyChange(tx, filing.orgId);
  await appendAudit(tx, {
    orgId: filing.orgId,
    action: 'appeal.create',
    entity: 'appeal',
    entityId: id,
    details: {
      source: 'bot',
      channel: filing.network,
      actions: ['register'],
      number: doc.registrationNumber,
    },
  });
  await tx.query(
    `INSERT INTO bot_filings (org_id, appeal_id, network, account_id, peer_id, user_id, applicant_id,
                              registration_number, language, notified_seq, notified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      filing.orgId,
      id,
      filing.network,
      filing.accountId,
      filing.chatId,
      filing.userId,
      data.applicantId ?? '',
      doc.registrationNumber,
      filing.language,
      written.rows[0]!.seq,
      JSON.stringify(snapshotOf(doc)),
    ],
  );
  return {
    appealId: id,
    registrationNumber: String(doc.registrationNumber),
    registeredAt: Number(doc.registeredAt ?? now),
    legalDeadline: (doc.legalDeadline as string | null) ?? null,
    timeZone: rules.timeZone,
  };
}

/** What the citizen has been told about an appeal; the notice job compares against it. */
export interface NoticeSnapshot {
  extended: boolean;
  forwarded: boolean;
  answered: boolean;
  closed: boolean;
}

export function snapshotOf(doc: Record<string, unknown>): NoticeSnapshot {
  const status = String(doc.status);
  return {
    extended: doc.extension !== null && doc.extension !== undefined,
    forwarded: doc.forwardedTo !== null && doc.forwardedTo !== undefined,
    answered: doc.answeredAt !== null && doc.answeredAt !== undefined,
    closed: status === 'closed',
  };
}

/** The applicant id of the account's previous filing, so one citizen keeps one id. */
export async function previousApplicantId(
  db: Queryable,
  orgId: string,
  network: string,
  accountId: string,
  userId: string,
): Promise<string | null> {
  const result = await db.query<{ applicant_id: string }>(
    `SELECT applicant_id FROM bot_filings
      WHERE org_id = $1 AND network = $2 AND account_id = $3 AND user_id = $4 AND applicant_id <> ''
      ORDER BY filed_at DESC LIMIT 1`,
    [orgId, network, accountId, userId],
  );
  return result.rows[0]?.applicant_id ?? null;
}

/** Cancelling or timing out deletes a passport stored for a wizard that filed nothing. */
export async function discardPassport(db: Queryable, data: WizardData): Promise<void> {
  if (!data.applicantId || !data.freshApplicant) return;
  await db.query(
    `DELETE FROM personal_data WHERE applicant_id = $1
        AND NOT EXISTS (SELECT 1 FROM bot_filings WHERE applicant_id = $1)`,
    [data.applicantId],
  );
}
