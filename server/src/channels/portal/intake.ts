/**
 * Portal intake («Госуслуги. Решаем вместе» and similar sources): one portal item → a raw event
 * (dedupe by the portal's id), a conversation, an appeal and its first message, in one transaction.
 * `fz59: true` → a formal 59-FZ appeal, applicant identified through ЕСИА (`esia`), registered by
 * the system; `fz59: false` → a portal message, due in the category's working days.
 */

import type pg from 'pg';
import { findWorkingCategory } from '../../../../shared/domain/classifier/categories';
import { inTransaction } from '../../db/pool';
import { createSystemAppeal } from '../../intake/appeals';
import { findOrCreateConversation } from '../../intake/conversations';
import { recordInboundMessage } from '../../intake/record';
import type { ChannelAccount } from '../types';

export interface PortalItem {
  id: string;
  fz59: boolean;
  text: string;
  subject?: string;
  category?: string;
  subcategory?: string;
  /** ISO 8601 or epoch ms; default: now. */
  receivedAt?: string | number;
  address?: string;
  applicant?: {
    lastName?: string;
    firstName?: string;
    patronymic?: string;
    email?: string;
    phone?: string;
    postalAddress?: string;
  };
}

export class PortalItemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortalItemError';
  }
}

/** The portal's own id is the dedupe key: kept whole, so one that does not fit is refused. */
const maxPortalIdLength = 100;

const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined;

/** Checks one item (JSON body or CSV row); throws PortalItemError with a message for the sender. */
export function parsePortalItem(value: unknown, now = Date.now()): PortalItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PortalItemError('item must be an object');
  const v = value as Record<string, unknown>;
  const id = str(v.id, Number.POSITIVE_INFINITY);
  if (!id) throw new PortalItemError('id is required');
  // Finding 9: a longer id was cut, and two ids sharing their first 100 characters merged silently.
  if (id.length > maxPortalIdLength)
    throw new PortalItemError(`id must be at most ${maxPortalIdLength} characters (got ${id.length})`);
  if (typeof v.fz59 !== 'boolean') throw new PortalItemError('fz59 must be true or false');
  const text = str(v.text, 100_000);
  if (!text) throw new PortalItemError('text is required');
  const a =
    typeof v.applicant === 'object' && v.applicant !== null ? (v.applicant as Record<string, unknown>) : {};
  const applicant = {
    ...(str(a.lastName, 100) ? { lastName: str(a.lastName, 100) } : {}),
    ...(str(a.firstName, 100) ? { firstName: str(a.firstName, 100) } : {}),
    ...(str(a.patronymic, 100) ? { patronymic: str(a.patronymic, 100) } : {}),
    ...(str(a.email, 254) ? { email: str(a.email, 254) } : {}),
    ...(str(a.phone, 32) ? { phone: str(a.phone, 32) } : {}),
    ...(str(a.postalAddress, 500) ? { postalAddress: str(a.postalAddress, 500) } : {}),
  };
  if (v.fz59 && (!applicant.lastName || !applicant.firstName))
    throw new PortalItemError('a 59-FZ appeal (fz59: true) needs applicant.lastName and applicant.firstName');
  const category = str(v.category, 100);
  if (category && !findWorkingCategory(category)) throw new PortalItemError(`unknown category "${category}"`);
  const receivedAt = v.receivedAt;
  if (receivedAt !== undefined) checkReceivedAt(receivedAt, now);
  return {
    id,
    fz59: v.fz59,
    text,
    ...(str(v.subject, 500) ? { subject: str(v.subject, 500) } : {}),
    ...(category ? { category } : {}),
    ...(str(v.subcategory, 100) ? { subcategory: str(v.subcategory, 100) } : {}),
    ...(receivedAt !== undefined ? { receivedAt: receivedAt as string | number } : {}),
    ...(str(v.address, 500) ? { address: str(v.address, 500) } : {}),
    applicant,
  };
}

/** Older items are not portal appeals; one from the future is a wrong clock or a forgery. */
const earliestReceivedAt = Date.UTC(2000, 0, 1);
/** Clock skew between the portal and this server. */
const receivedAtSkewMs = 24 * 3600 * 1000;
const isoDateTime = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An integer of epoch milliseconds or an ISO 8601 date(-time), from 2000 to a day from now. */
function checkReceivedAt(value: unknown, now: number): void {
  const at =
    typeof value === 'number' && Number.isSafeInteger(value)
      ? value
      : typeof value === 'string' && isoDateTime.test(value)
        ? Date.parse(value)
        : Number.NaN;
  if (!(at >= earliestReceivedAt && at <= now + receivedAtSkewMs))
    throw new PortalItemError(
      'receivedAt must be an ISO 8601 date-time or integer epoch milliseconds between 2000-01-01 and now',
    );
}

export interface PortalResult {
  appealId: string;
  conversationId: string;
  regime: 'formal' | 'portal';
  registrationNumber: string | null;
  duplicate: boolean;
}

export async function intakePortalItem(
  db: pg.Pool,
  account: ChannelAccount,
  item: PortalItem,
  raw: string,
): Promise<PortalResult> {
  return inTransaction(db, (tx) => intakePortalItemIn(tx, account, item, raw));
}

/** The intake of one item inside the caller's transaction (a CSV import commits all rows or none). */
export async function intakePortalItemIn(
  tx: pg.PoolClient,
  account: ChannelAccount,
  item: PortalItem,
  raw: string,
): Promise<PortalResult> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO inbound_events (channel_account_id, network, external_id, payload, processed_at, outcome)
     VALUES ($1, 'portal', $2, $3::jsonb, now(), $4)
     ON CONFLICT (channel_account_id, external_id) DO NOTHING RETURNING id`,
    [account.id, item.id, raw, item.fz59 ? 'formal' : 'portal'],
  );
  const rawEventId = inserted.rows[0]?.id;
  if (!rawEventId) {
    const known = await tx.query<{
      appeal_id: string;
      conversation_id: string;
      doc: { regime: 'formal' | 'portal'; registrationNumber: string | null };
    }>(
      `SELECT i.appeal_id, i.conversation_id, a.doc FROM intake_messages i
         JOIN sync_appeals a ON a.org_id = $3 AND a.id = i.appeal_id
        WHERE i.channel_account_id = $1 AND i.external_message_id = $2`,
      [account.id, item.id, account.orgId],
    );
    const row = known.rows[0];
    if (!row) throw new PortalItemError(`item ${item.id} was received before but not recorded`);
    return {
      appealId: row.appeal_id,
      conversationId: row.conversation_id,
      regime: row.doc.regime,
      registrationNumber: row.doc.registrationNumber,
      duplicate: true,
    };
  }
  const a = item.applicant ?? {};
  const displayName = [a.lastName, a.firstName, a.patronymic].filter(Boolean).join(' ');
  const receivedAt =
    item.receivedAt === undefined
      ? Date.now()
      : typeof item.receivedAt === 'number'
        ? item.receivedAt
        : Date.parse(item.receivedAt);
  const peer = {
    accountId: a.email ?? a.phone ?? `portal:${item.id}`,
    chatId: `portal:${item.id}`,
    displayName,
  };
  const key = { orgId: account.orgId, network: 'portal' as const, channelAccountId: account.id, peer };
  const conversation = await findOrCreateConversation(tx, key, receivedAt);
  const text = item.address ? `${item.text}\n\nАдрес: ${item.address}` : item.text;
  const appeal = await createSystemAppeal(tx, {
    orgId: account.orgId,
    regime: item.fz59 ? 'formal' : 'portal',
    channel: 'portal',
    conversationId: conversation.id,
    departmentId: account.defaultDepartmentId,
    applicant: {
      lastName: a.lastName ?? '',
      firstName: a.firstName ?? '',
      patronymic: a.patronymic ?? null,
      email: a.email ?? null,
      phone: a.phone ?? null,
      postalAddress: a.postalAddress ?? null,
    },
    identification: item.fz59 ? 'esia' : 'none',
    text,
    ...(item.subject ? { subject: item.subject } : {}),
    receivedAt,
    category: item.category ?? null,
    subcategory: item.subcategory ?? null,
    source: { source: 'portal', channelAccountId: account.id, portalId: item.id, rawEventId },
  });
  await recordInboundMessage(
    tx,
    {
      ...key,
      externalMessageId: item.id,
      text,
      attachments: [],
      receivedAt,
      rawEventId,
    },
    { placement: { kind: 'appeal', appealId: appeal.id } },
  );
  return {
    appealId: appeal.id,
    conversationId: conversation.id,
    regime: item.fz59 ? 'formal' : 'portal',
    registrationNumber: (appeal.doc.registrationNumber as string | null) ?? null,
    duplicate: false,
  };
}
