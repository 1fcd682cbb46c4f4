/**
 * Channel accounts for the organisation's administrators (renderer/features/admin/ChannelsTab.tsx):
 *   GET   /api/v1/admin/channels             → { channels: AdminChannel[] }
 *   POST  /api/v1/admin/channels             → { channel }   201
 *   PATCH /api/v1/admin/channels/:id         → { channel }   change, disable, enable
 *   POST  /api/v1/admin/channels/:id/check   → { check: ConnectionCheck }   «Проверить подключение»
 * The checks are the admin CLI's (createChannelAccount/updateChannelAccount in channels/accounts.ts,
 * both call them); a refusal is 400 `invalid_channel` with the reason, a taken account 409 `duplicate`.
 * Secrets (bot/community tokens, webhook secrets, VK confirmation code, mailbox passwords) are
 * write-only: accepted here, never answered (`hasToken`…, and `[secret]` in settings) and never put
 * into the audit log (its fields say only that a secret was set or changed).
 * Administrators only, within their own organisation: another organisation's account is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { AccountsActor } from '../accounts/organisations';
import { actorOf } from '../accounts/organisations';
import type { AuthContext } from '../auth/context';
import { requireRole } from '../auth/require-auth';
import { auditChannelAccount, type ChannelSecret, maskSettings } from '../channels/account-audit';
import {
  ChannelConfigError,
  createChannelAccount,
  listChannelAccounts,
  loadChannelAccount,
  updateChannelAccount,
} from '../channels/accounts';
import { okCommentsPolledCursor, okRestErrorCursor } from '../channels/ok/comments';
import { secretSettingKey } from '../channels/secrets';
import type { ChannelAccount } from '../channels/types';
import type { Queryable } from '../db/pool';
import { ApiError } from '../http/errors';
import { idParams } from '../http/params';
import { type InboundNetwork, inboundNetworks } from '../intake/types';
import { checkChannelConnection } from './channel-check';

/** A channel account as the administrator sees it: no secret, only whether one is set. */
export interface AdminChannel {
  id: string;
  network: InboundNetwork;
  accountId: string;
  title: string;
  mode: 'webhook' | 'polling';
  apiBaseUrl: string;
  defaultDepartmentId: string;
  enabled: boolean;
  hasToken: boolean;
  hasWebhookSecret: boolean;
  hasConfirmationCode: boolean;
  /** The webhook path to give the network (networks with webhooks), without the host. */
  webhookPath: string | null;
  /** Network settings with every secret-like value replaced by `[secret]`. */
  settings: Record<string, unknown>;
  /**
   * OK with REST credentials: what the comment poller met on its last poll (OK's code and words,
   * channels/ok/comments.ts), null when it went well or has not run; and when the last good poll was.
   */
  commentsError?: string | null;
  commentsPolledAt?: string | null;
}

function adminChannelOf(account: ChannelAccount): AdminChannel {
  return {
    id: account.id,
    network: account.network,
    accountId: account.accountId,
    title: account.title,
    mode: account.mode,
    apiBaseUrl: account.apiBaseUrl,
    defaultDepartmentId: account.defaultDepartmentId,
    enabled: account.enabled,
    hasToken: Boolean(account.apiToken),
    hasWebhookSecret: Boolean(account.webhookSecret),
    hasConfirmationCode: Boolean(account.confirmationCode),
    webhookPath: ['vk', 'ok', 'telegram', 'max'].includes(account.network)
      ? `/api/v1/channels/${account.network}/${account.pathToken}`
      : null,
    settings: maskSettings(account.settings) as Record<string, unknown>,
  };
}

export interface ChannelChange {
  title?: string;
  mode?: 'webhook' | 'polling';
  apiBaseUrl?: string;
  token?: string;
  webhookSecret?: string;
  confirmationCode?: string;
  defaultDepartmentId?: string;
  settings?: Record<string, unknown>;
  enabled?: boolean;
}

export interface NewChannel extends ChannelChange {
  network: InboundNetwork;
  accountId: string;
}

/**
 * Settings as the administrator sends them merged into the stored ones, a level deep (`imap`,
 * `smtp`…): a secret-like value left empty or sent back as the mask `[secret]` keeps the stored one.
 */
function mergeSettings(
  stored: Record<string, unknown>,
  sent: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sent)) {
    const kept = stored[key];
    if (secretSettingKey.test(key) && (value === '' || value === '[secret]')) {
      if (kept !== undefined) merged[key] = kept;
      continue;
    }
    const nested = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    const keptObject = nested(kept) ? kept : {};
    // A nested object keeps the stored keys it does not name (the API merges only the top level).
    merged[key] = nested(value) ? { ...keptObject, ...mergeSettings(keptObject, value) } : value;
  }
  return merged;
}

/** The input of channels/accounts.ts from an administrator's change; an empty secret keeps the old one. */
function accountChanges(change: ChannelChange, stored: Record<string, unknown> = {}) {
  return {
    ...(change.title !== undefined ? { title: change.title.trim() } : {}),
    ...(change.mode !== undefined ? { mode: change.mode } : {}),
    ...(change.apiBaseUrl !== undefined ? { apiBaseUrl: change.apiBaseUrl.trim() || null } : {}),
    ...(change.token ? { apiToken: change.token } : {}),
    ...(change.webhookSecret ? { webhookSecret: change.webhookSecret } : {}),
    ...(change.confirmationCode ? { confirmationCode: change.confirmationCode } : {}),
    ...(change.defaultDepartmentId !== undefined ? { defaultDepartmentId: change.defaultDepartmentId } : {}),
    ...(change.settings !== undefined ? { settings: mergeSettings(stored, change.settings) } : {}),
  };
}

/** The secrets a change sets (an empty one keeps the stored secret). */
const secretsSet = (change: ChannelChange): ChannelSecret[] => [
  ...(change.token ? (['apiToken'] as const) : []),
  ...(change.webhookSecret ? (['webhookSecret'] as const) : []),
  ...(change.confirmationCode ? (['confirmationCode'] as const) : []),
];

async function departmentOf(db: Queryable, orgId: string, id: string | undefined): Promise<void> {
  if (!id) return;
  const found = await db.query('SELECT 1 FROM departments WHERE org_id = $1 AND id = $2', [orgId, id]);
  if (found.rowCount === 0) throw new ChannelConfigError(`no department ${id} in this organisation`);
}

async function createAdminChannel(
  db: Queryable,
  orgId: string,
  input: NewChannel,
  actor: AccountsActor,
): Promise<AdminChannel> {
  if (!inboundNetworks.includes(input.network))
    throw new ChannelConfigError(`network must be one of ${inboundNetworks.join(', ')}`);
  const accountId = input.accountId.trim();
  if (!accountId) throw new ChannelConfigError('the account id is required');
  const account = await createChannelAccount(db, {
    orgId,
    network: input.network,
    accountId,
    ...accountChanges(input),
  });
  const after =
    input.enabled === false ? await updateChannelAccount(db, account.id, { enabled: false }) : account;
  await auditChannelAccount(db, {
    before: null,
    after,
    secretsSet: secretsSet(input),
    actor: actorOf(actor),
  });
  return adminChannelOf(after);
}

/** The organisation's account, or 404 (another organisation's is not there). */
async function ownAccount(db: Queryable, orgId: string, id: string): Promise<ChannelAccount> {
  const account = await loadChannelAccount(db, id);
  if (!account || account.orgId !== orgId) throw new ApiError(404, 'not_found', 'no such channel account');
  return account;
}

async function updateAdminChannel(
  db: Queryable,
  orgId: string,
  id: string,
  change: ChannelChange,
  actor: AccountsActor,
): Promise<AdminChannel> {
  const before = await ownAccount(db, orgId, id);
  await departmentOf(db, orgId, change.defaultDepartmentId);
  const after = await updateChannelAccount(db, id, {
    ...accountChanges(change, before.settings),
    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
  });
  await auditChannelAccount(db, { before, after, secretsSet: secretsSet(change), actor: actorOf(actor) });
  return adminChannelOf(after);
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const changeProperties = {
  title: text(200),
  mode: { type: 'string', enum: ['webhook', 'polling'] },
  apiBaseUrl: text(500),
  token: text(1000),
  webhookSecret: text(500),
  confirmationCode: text(200),
  defaultDepartmentId: text(100),
  settings: { type: 'object', maxProperties: 50 },
  enabled: { type: 'boolean' },
} as const;

const createBody = {
  type: 'object',
  additionalProperties: false,
  required: ['network', 'accountId'],
  properties: {
    network: { type: 'string', enum: inboundNetworks },
    accountId: { type: 'string', minLength: 1, maxLength: 200 },
    ...changeProperties,
  },
} as const;

const updateBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: changeProperties,
} as const;

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ChannelConfigError) {
      if (/already exists/.test(error.message)) throw new ApiError(409, 'duplicate_channel', error.message);
      if (/nothing to change/.test(error.message))
        throw new ApiError(400, 'nothing_to_change', error.message);
      throw new ApiError(400, 'invalid_channel', error.message);
    }
    throw error;
  }
}

const actor = (auth: AuthContext): AccountsActor => ({ userId: auth.userId, deviceId: auth.deviceId });

/** The OK comment poller's last outcome per account (its cursor rows, channels/ok/comments.ts). */
async function okCommentStatuses(
  db: Queryable,
  ids: string[],
): Promise<Map<string, { commentsError: string | null; commentsPolledAt: string | null }>> {
  const statuses = new Map<string, { commentsError: string | null; commentsPolledAt: string | null }>();
  if (ids.length === 0) return statuses;
  const rows = await db.query<{ channel_account_id: string; name: string; value: string }>(
    `SELECT channel_account_id, name, value FROM channel_cursors
      WHERE channel_account_id = ANY($1::text[]) AND name = ANY($2::text[])`,
    [ids, [okRestErrorCursor, okCommentsPolledCursor]],
  );
  for (const row of rows.rows) {
    const status = statuses.get(row.channel_account_id) ?? { commentsError: null, commentsPolledAt: null };
    if (row.name === okRestErrorCursor) status.commentsError = row.value || null;
    else status.commentsPolledAt = row.value || null;
    statuses.set(row.channel_account_id, status);
  }
  return statuses;
}

export async function adminChannelRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.okno;
  app.addHook('preHandler', requireRole('admin'));

  app.get('/admin/channels', async (request) => {
    const channels = (await listChannelAccounts(db, { orgId: request.auth.orgId })).map(adminChannelOf);
    const statuses = await okCommentStatuses(
      db,
      channels.filter((c) => c.network === 'ok').map((c) => c.id),
    );
    return { channels: channels.map((c) => ({ ...c, ...statuses.get(c.id) })) };
  });

  app.post<{ Body: NewChannel }>(
    '/admin/channels',
    { schema: { body: createBody } },
    async (request, reply) => {
      const { auth, body } = request;
      const channel = await answering(async () => {
        await departmentOf(db, auth.orgId, body.defaultDepartmentId);
        return createAdminChannel(db, auth.orgId, body, actor(auth));
      });
      return reply.code(201).send({ channel });
    },
  );

  app.patch<{ Params: { id: string }; Body: ChannelChange }>(
    '/admin/channels/:id',
    { schema: { params: idParams, body: updateBody } },
    async (request) => ({
      channel: await answering(() =>
        updateAdminChannel(db, request.auth.orgId, request.params.id, request.body, actor(request.auth)),
      ),
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/admin/channels/:id/check',
    { schema: { params: idParams } },
    async (request) => {
      const account = await ownAccount(db, request.auth.orgId, request.params.id);
      return { check: await checkChannelConnection(account) };
    },
  );
}
