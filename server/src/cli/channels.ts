/**
 * Channel account commands of the admin CLI (`npm run server:admin -- channel-… `):
 *   channel-add --org <org> --network vk|ok|telegram|max|email|portal --account <network id>
 *               [--mode webhook|polling] [--api-url <base>] [--token <api token>] [--secret <webhook secret>]
 *               [--confirmation <VK code>] [--sources <cidr,…>] [--admins <id,…>] [--department <id or code>]
 *               [--settings <json>] [--api-key <portal key>|--generate-api-key] [--title <text>]
 *   channel-set <channel account id> [same options, plus --enabled true|false]
 *   channel-list --org <org>
 *   portal-import --account <channel account id> --file <export.csv>
 * Secrets are never printed back, except a generated portal API key, once. Every change is audited
 * (without secrets) and shown in «Журнал администратора» as made from the console.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { requireOrganisation } from '../accounts/organisations';
import { auditChannelAccount, type ChannelSecret } from '../channels/account-audit';
import {
  type ChannelAccountInput,
  ChannelConfigError,
  createChannelAccount,
  listChannelAccounts,
  loadChannelAccount,
  newSecretToken,
  updateChannelAccount,
} from '../channels/accounts';
import { importPortalCsv } from '../channels/portal/import';
import type { ChannelAccount } from '../channels/types';
import type { InboundNetwork } from '../intake/types';
import { CliUsageError } from './commands';

export const channelCommandNames = new Set(['channel-add', 'channel-set', 'channel-list', 'portal-import']);

const spec = {
  org: { type: 'string' },
  network: { type: 'string' },
  account: { type: 'string' },
  mode: { type: 'string' },
  'api-url': { type: 'string' },
  token: { type: 'string' },
  secret: { type: 'string' },
  confirmation: { type: 'string' },
  sources: { type: 'string' },
  admins: { type: 'string' },
  department: { type: 'string' },
  settings: { type: 'string' },
  'api-key': { type: 'string' },
  'generate-api-key': { type: 'boolean' },
  title: { type: 'string' },
  enabled: { type: 'string' },
  file: { type: 'string' },
} as const;

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

function describe(a: ChannelAccount): string {
  const path = ['vk', 'ok', 'telegram', 'max'].includes(a.network)
    ? `  webhook /api/v1/channels/${a.network}/${a.pathToken}`
    : '';
  return `${a.id}  ${a.network}  ${a.accountId}  ${a.mode}${a.enabled ? '' : '  disabled'}${path}`;
}

async function departmentId(
  db: pg.Pool,
  orgId: string,
  value: string | undefined,
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (value === '') return '';
  const found = await db.query<{ id: string }>(
    'SELECT id FROM departments WHERE org_id = $1 AND (id = $2 OR code = $2)',
    [orgId, value],
  );
  if (!found.rows[0]) throw new ChannelConfigError(`no department "${value}"`);
  return found.rows[0].id;
}

/** Runs a channel command; returns the lines to print. Problems come back as CliUsageError. */
export async function runChannelCommand(db: pg.Pool, argv: readonly string[]): Promise<string[]> {
  try {
    return await channelCommand(db, argv);
  } catch (error) {
    if (
      error instanceof ChannelConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    )
      throw new CliUsageError((error as Error).message);
    if (error instanceof SyntaxError) throw new CliUsageError(`--settings: ${error.message}`);
    throw error;
  }
}

async function channelCommand(db: pg.Pool, argv: readonly string[]): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: spec,
    allowPositionals: true,
    strict: true,
  });
  const [command, target] = positionals;
  const generatedKey = values['generate-api-key'] ? newSecretToken(32) : undefined;
  const apiKey = values['api-key'] ?? generatedKey;
  const common = (orgId: string) => ({
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.mode !== undefined ? { mode: values.mode as 'webhook' | 'polling' } : {}),
    ...(values['api-url'] !== undefined ? { apiBaseUrl: values['api-url'] || null } : {}),
    ...(values.token !== undefined ? { apiToken: values.token } : {}),
    ...(values.secret !== undefined ? { webhookSecret: values.secret } : {}),
    ...(values.confirmation !== undefined ? { confirmationCode: values.confirmation } : {}),
    ...(values.sources !== undefined ? { allowedSources: list(values.sources) ?? [] } : {}),
    ...(values.admins !== undefined ? { administrators: list(values.admins) ?? [] } : {}),
    ...(values.settings !== undefined
      ? { settings: JSON.parse(values.settings) as Record<string, unknown> }
      : {}),
    ...(apiKey ? { apiKey } : {}),
    orgId,
  });
  // The secrets this command sets: audited as set, never their values (channels/account-audit.ts).
  const secretsSet: ChannelSecret[] = [
    ...(values.token ? (['apiToken'] as const) : []),
    ...(values.secret ? (['webhookSecret'] as const) : []),
    ...(values.confirmation ? (['confirmationCode'] as const) : []),
    ...(apiKey ? (['apiKey'] as const) : []),
  ];
  const keyLine = generatedKey
    ? [`portal API key (shown once, give it to the portal source): ${generatedKey}`]
    : [];
  switch (command) {
    case 'channel-add': {
      const org = await requireOrganisation(db, values.org ?? '');
      if (!values.network || !values.account)
        throw new ChannelConfigError('--network and --account are required');
      const department = await departmentId(db, org.id, values.department);
      const input: ChannelAccountInput = {
        ...common(org.id),
        network: values.network as InboundNetwork,
        accountId: values.account,
        ...(department !== undefined ? { defaultDepartmentId: department } : {}),
      };
      const account = await createChannelAccount(db, input);
      await auditChannelAccount(db, { before: null, after: account, secretsSet, actor: null });
      const warn =
        ['vk', 'telegram', 'max'].includes(account.network) &&
        !account.webhookSecret &&
        account.mode === 'webhook'
          ? ['warning: no --secret; webhook requests are then not authenticated']
          : [];
      return [describe(account), ...keyLine, ...warn];
    }
    case 'channel-set': {
      const existing = target ? await loadChannelAccount(db, target) : null;
      if (!existing) throw new ChannelConfigError('channel-set needs an existing channel account id');
      const department = await departmentId(db, existing.orgId, values.department);
      const { orgId: _org, ...changes } = common(existing.orgId);
      const account = await updateChannelAccount(db, existing.id, {
        ...changes,
        ...(department !== undefined ? { defaultDepartmentId: department } : {}),
        ...(values.enabled !== undefined ? { enabled: values.enabled === 'true' } : {}),
      });
      await auditChannelAccount(db, { before: existing, after: account, secretsSet, actor: null });
      return [describe(account), ...keyLine];
    }
    case 'channel-list': {
      const org = await requireOrganisation(db, values.org ?? '');
      const accounts = await listChannelAccounts(db, { orgId: org.id });
      return accounts.length > 0 ? accounts.map(describe) : [`no channel accounts in ${org.name}`];
    }
    case 'portal-import': {
      const account = values.account ? await loadChannelAccount(db, values.account) : null;
      if (account?.network !== 'portal') throw new ChannelConfigError('--account must be a portal source id');
      if (!values.file) throw new ChannelConfigError('--file is required');
      const summary = await importPortalCsv(db, account, readFileSync(values.file, 'utf8'));
      return [
        `created ${summary.created}, already received ${summary.duplicates}, refused ${summary.errors.length}`,
        ...summary.errors.map((e) => `  line ${e.line}: ${e.message}`),
      ];
    }
    default:
      throw new ChannelConfigError(`unknown channel command "${command}"`);
  }
}
