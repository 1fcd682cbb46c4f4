/**
 * Credentials for sending, read from the channel adapters' `channel_accounts` (one row per
 * community / bot / mailbox, server/src/channels/README.md), cached for a few seconds per process.
 * E-mail accounts send through `settings.smtpUrl` (`smtp://host:port`) from `settings.smtpFrom`.
 * The organisation's outgoing mailbox (e-mail answers outside e-mail conversations) is its first
 * enabled e-mail account by id.
 */
import type { Queryable } from '../db/pool';
import type { OutboxNetwork, SendAccount, SendAccountResolver } from './types';

const cacheMs = 5_000;

const defaultBases: Record<OutboxNetwork, string> = {
  vk: 'https://api.vk.ru/method',
  telegram: 'https://api.telegram.org',
  max: 'https://platform-api2.max.ru',
  ok: 'https://api.ok.ru',
  email: 'smtp://127.0.0.1:25',
};

interface Row {
  org_id: string;
  api_base_url: string | null;
  api_token: string | null;
  settings: Record<string, unknown>;
}

export function channelAccountsResolver(db: Queryable): SendAccountResolver {
  const cache = new Map<string, { account: SendAccount | null; until: number }>();
  const resolver: SendAccountResolver = {
    async mailbox(orgId) {
      const result = await db.query<{ account_id: string }>(
        `SELECT account_id FROM channel_accounts WHERE org_id = $1 AND network = 'email' AND enabled
          ORDER BY id LIMIT 1`,
        [orgId],
      );
      const accountId = result.rows[0]?.account_id;
      return accountId === undefined ? null : resolver.resolve(orgId, 'email', accountId);
    },
    async resolve(orgId, network, accountId) {
      const key = `${network}:${accountId}`;
      const now = Date.now();
      const hit = cache.get(key);
      let account = hit && hit.until > now ? hit.account : undefined;
      if (account === undefined) {
        const result = await db.query<Row>(
          `SELECT org_id, api_base_url, api_token, settings FROM channel_accounts
            WHERE network = $1 AND account_id = $2 AND enabled`,
          [network, accountId],
        );
        const row = result.rows[0];
        account = row
          ? {
              orgId: row.org_id,
              network,
              accountId,
              token: row.api_token ?? '',
              apiBaseUrl: (network === 'email'
                ? String(row.settings.smtpUrl ?? defaultBases.email)
                : row.api_base_url || defaultBases[network]
              ).replace(/\/+$/, ''),
              ...(network === 'email' ? { from: String(row.settings.smtpFrom ?? accountId) } : {}),
            }
          : null;
        if (cache.size > 10_000) cache.clear();
        cache.set(key, { account, until: now + cacheMs });
      }
      return account && account.orgId === orgId ? account : null;
    },
  };
  return resolver;
}
