/**
 * Registration of a formal appeal filed through the bot: the intake's `createSystemAppeal` (the one
 * way the server creates appeals as the system actor — number from the per-org per-year counter,
 * legal deadline, seq + NOTIFY, audit `appeal.create` with no user) with regime `formal`,
 * identification `social-passport`, channel = the network.
 *
 * The appeal belongs to the chat's conversation (found or created and locked here) and is routed
 * like the account's incidents: its default department, '' = unrouted. The chat's open incident
 * that preceded the filing stays as it is and is linked through the conversation (and recorded in
 * `bot_filings.incident_id` and the audit): `convert_to_formal` is a staff action in the status
 * machine (the system actor is refused), and it closes the incident, which may be about something
 * else than the appeal — staff convert it when it is the same matter.
 *
 * `bot_filings` remembers which network account filed it: status answers only to it.
 */
import type { Queryable } from '../db/pool';
import { createSystemAppeal, findOrCreateConversation, type InboundNetwork } from '../intake';
import { storeCoSignerContacts } from '../personal-data/co-signers';
import type { WizardData } from './types';

export interface Filing {
  orgId: string;
  network: InboundNetwork;
  /** `channel_accounts.id` of the community / bot. */
  channelAccountId: string;
  /** The network's id of the community / bot (`channel_accounts.account_id`). */
  accountId: string;
  chatId: string;
  userId: string;
  profileName: string;
  language: string;
  data: WizardData;
}

export interface FiledAppeal {
  appealId: string;
  conversationId: string;
  registrationNumber: string;
  registeredAt: number;
  legalDeadline: string | null;
}

export async function fileAppeal(tx: Queryable, filing: Filing, now = Date.now()): Promise<FiledAppeal> {
  const { data } = filing;
  const name = data.name ?? { lastName: '', firstName: '', patronymic: null };
  const conversation = await findOrCreateConversation(
    tx,
    {
      orgId: filing.orgId,
      network: filing.network,
      channelAccountId: filing.channelAccountId,
      peer: {
        accountId: filing.userId,
        chatId: filing.chatId,
        ...(filing.profileName ? { displayName: filing.profileName } : {}),
      },
    },
    now,
  );
  const incidentId = conversation.openIncident?.id ?? null;
  const organisation = data.applicantType === 'organisation';
  const appeal = await createSystemAppeal(tx, {
    orgId: filing.orgId,
    regime: 'formal',
    channel: filing.network,
    conversationId: conversation.id,
    departmentId: conversation.defaultDepartmentId,
    applicant: {
      lastName: name.lastName,
      firstName: name.firstName,
      patronymic: name.patronymic,
      phone: data.phone ?? null,
      email: data.email ?? null,
      postalAddress: data.postal ?? null,
      profileName: filing.profileName || null,
    },
    identification: 'social-passport',
    applicantId: data.applicantId ?? null,
    passportMasked: data.passportMasked ?? null,
    nameMatch: { verdict: data.nameVerdict ?? 'not_checked', checkedAt: now },
    text: data.text ?? '',
    attachments: data.attachments ?? [],
    receivedAt: now,
    kind: {
      collective: data.collective === true,
      applicantType: data.applicantType ?? 'citizen',
      organisationName: organisation ? (data.orgName ?? null) : null,
      inn: organisation ? (data.inn ?? null) : null,
      coSigners: (data.coSigners ?? []).map((c) => ({
        name: { lastName: c.lastName, firstName: c.firstName, patronymic: c.patronymic },
        postalAddress: c.postalAddress ?? null,
      })),
    },
    source: {
      source: 'bot',
      channelAccountId: filing.channelAccountId,
      ...(incidentId ? { incidentId } : {}),
    },
    now,
  });
  const doc = appeal.doc;
  if (typeof doc.registrationNumber !== 'string')
    throw new Error(`bot appeal ${appeal.id} is not registered`);
  // The appeal keeps each co-signer's name and postal address; their phone and e-mail, sealed as
  // they were typed, are kept encrypted beside it (migration 300).
  await storeCoSignerContacts(
    tx,
    filing.orgId,
    appeal.id,
    (data.coSigners ?? []).flatMap((c, position) =>
      c.id && c.sealed ? [{ position, coSignerId: c.id, sealed: c.sealed }] : [],
    ),
  );
  await tx.query(
    `INSERT INTO bot_filings (org_id, appeal_id, network, account_id, peer_id, user_id, applicant_id,
                              registration_number, language, notified_seq, notified, incident_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
             (SELECT seq FROM sync_appeals WHERE org_id = $1 AND id = $2), $10, $11)`,
    [
      filing.orgId,
      appeal.id,
      filing.network,
      filing.accountId,
      filing.chatId,
      filing.userId,
      data.applicantId ?? '',
      doc.registrationNumber,
      filing.language,
      JSON.stringify(snapshotOf(doc)),
      incidentId,
    ],
  );
  // Issue 12: a later edit of these messages reaches the appeal beside its registered text.
  for (const externalMessageId of data.textMessageIds ?? [])
    await tx.query(
      `INSERT INTO appeal_text_messages (channel_account_id, external_message_id, org_id, appeal_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [filing.channelAccountId, externalMessageId, filing.orgId, appeal.id],
    );
  return {
    appealId: appeal.id,
    conversationId: conversation.id,
    registrationNumber: doc.registrationNumber,
    registeredAt: Number(doc.registeredAt ?? now),
    legalDeadline: (doc.legalDeadline as string | null) ?? null,
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
