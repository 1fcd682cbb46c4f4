/**
 * The audit of a channel account change, one for both ways of changing one (the administrator's
 * API, server/src/admin/channels.ts, and the admin CLI, server/src/cli/channels.ts): the fields old
 * → new, secrets only as `[secret]` (was set) / `[secret changed]` (set now), never their values;
 * settings with every secret-like value masked. Shown in «Журнал администратора» (kind `channels`).
 */
import { appendAudit, changedFields, type FieldChange } from '../audit/audit';
import type { Queryable } from '../db/pool';
import { secretSettingKey } from './secrets';
import type { ChannelAccount } from './types';

/** Settings without their secrets, at any depth. */
export function maskSettings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSettings);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      secretSettingKey.test(k) && v !== null && v !== '' ? '[secret]' : maskSettings(v),
    ]),
  );
}

/** Settings masked as `maskSettings`, a secret that differs from `previous` as `[secret changed]`. */
function maskChanged(value: unknown, previous: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return maskSettings(value);
  const before = (typeof previous === 'object' && previous !== null ? previous : {}) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      secretSettingKey.test(k) && v !== null && v !== ''
        ? v === before[k]
          ? '[secret]'
          : '[secret changed]'
        : maskChanged(v, before[k]),
    ]),
  );
}

const auditedKeys = [
  'accountId',
  'title',
  'mode',
  'apiBaseUrl',
  'defaultDepartmentId',
  'allowedSources',
  'administrators',
  'enabled',
] as const;

const view = (a: ChannelAccount): Record<string, unknown> => ({
  accountId: a.accountId,
  title: a.title,
  mode: a.mode,
  apiBaseUrl: a.apiBaseUrl,
  defaultDepartmentId: a.defaultDepartmentId,
  allowedSources: a.allowedSources,
  administrators: a.administrators,
  enabled: a.enabled,
});

export type ChannelSecret = 'apiToken' | 'webhookSecret' | 'confirmationCode' | 'apiKey';

export interface ChannelAuditInput {
  /** null: the account was created */
  before: ChannelAccount | null;
  after: ChannelAccount;
  /** The secrets this change set (their values are not given here on purpose). */
  secretsSet: readonly ChannelSecret[];
  /** null: the admin CLI */
  actor: { actorUserId: string | null; deviceId: string | null } | null;
}

/** Appends the change's audit row (nothing when nothing changed). */
export async function auditChannelAccount(db: Queryable, input: ChannelAuditInput): Promise<void> {
  const { before, after } = input;
  const fields: Record<string, FieldChange> = {
    ...(before ? {} : { network: { old: null, new: after.network } }),
    ...changedFields(before ? view(before) : {}, view(after), auditedKeys),
  };
  if (!before) {
    // A new account's empty lists and flags say nothing.
    for (const key of ['allowedSources', 'administrators', 'title', 'defaultDepartmentId'] as const)
      if (fields[key] && (fields[key].new === '' || (fields[key].new as unknown[]).length === 0))
        delete fields[key];
  }
  for (const secret of input.secretsSet) {
    const had = before !== null && secret !== 'apiKey' && Boolean(before[secret]);
    fields[secret] = { old: had ? '[secret]' : null, new: '[secret changed]' };
  }
  const settingsBefore = JSON.stringify(maskSettings(before?.settings ?? {}));
  const settingsAfter = maskChanged(after.settings, before?.settings ?? {});
  if (settingsBefore !== JSON.stringify(settingsAfter) && (before || JSON.stringify(settingsAfter) !== '{}'))
    fields.settings = { old: before ? maskSettings(before.settings) : null, new: settingsAfter };
  const names = Object.keys(fields);
  if (before && names.length === 0) return;
  const action = !before
    ? 'channel.create'
    : names.length === 1 && fields.enabled
      ? after.enabled
        ? 'channel.enable'
        : 'channel.disable'
      : 'channel.update';
  await appendAudit(db, {
    orgId: after.orgId,
    actorUserId: input.actor?.actorUserId ?? null,
    deviceId: input.actor?.deviceId ?? null,
    action,
    entity: 'channel_account',
    entityId: after.id,
    fields,
  });
}
