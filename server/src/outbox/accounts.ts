/**
 * An in-memory registry of channel accounts. Production registers accounts from the channel
 * adapters' configuration; tests and `npm run citizen` register fakes. Further resolvers (e.g. a
 * database-backed account store) are consulted after the registry.
 */
import type { OutboxNetwork, SendAccount, SendAccountResolver } from './types';

const keyOf = (network: OutboxNetwork, accountId: string) => `${network}:${accountId}`;

export class SendAccountRegistry implements SendAccountResolver {
  private readonly accounts = new Map<string, SendAccount>();
  private readonly fallbacks: SendAccountResolver[] = [];

  register(account: SendAccount): void {
    this.accounts.set(keyOf(account.network, account.accountId), account);
  }

  unregister(network: OutboxNetwork, accountId: string): void {
    this.accounts.delete(keyOf(network, accountId));
  }

  /** The first e-mail account registered for the organisation, else the fallbacks' mailbox. */
  async mailbox(orgId: string): Promise<SendAccount | null> {
    for (const account of this.accounts.values()) {
      if (account.orgId === orgId && account.network === 'email') return account;
    }
    for (const resolver of this.fallbacks) {
      const found = await resolver.mailbox?.(orgId);
      if (found) return found;
    }
    return null;
  }

  /** Adds a resolver consulted when the registry has no such account. */
  addResolver(resolver: SendAccountResolver): void {
    this.fallbacks.push(resolver);
  }

  async resolve(orgId: string, network: OutboxNetwork, accountId: string): Promise<SendAccount | null> {
    const own = this.accounts.get(keyOf(network, accountId));
    if (own) return own.orgId === orgId ? own : null;
    for (const resolver of this.fallbacks) {
      const found = await resolver.resolve(orgId, network, accountId);
      if (found) return found;
    }
    return null;
  }
}

/**
 * `OKNO_CHANNEL_ACCOUNTS`: a JSON array of SendAccount objects (tokens included), for
 * deployments without the channel adapters' own account store. Invalid entries are reported.
 */
export function accountsFromEnv(text: string | undefined): {
  accounts: SendAccount[];
  problems: string[];
} {
  if (!text?.trim()) return { accounts: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { accounts: [], problems: ['OKNO_CHANNEL_ACCOUNTS is not valid JSON'] };
  }
  if (!Array.isArray(parsed)) return { accounts: [], problems: ['OKNO_CHANNEL_ACCOUNTS must be an array'] };
  const accounts: SendAccount[] = [];
  const problems: string[] = [];
  parsed.forEach((entry, index) => {
    const a = entry as Partial<SendAccount>;
    const networks = ['vk', 'ok', 'telegram', 'max', 'email'];
    if (
      typeof a?.orgId !== 'string' ||
      !networks.includes(String(a.network)) ||
      typeof a.accountId !== 'string' ||
      typeof a.apiBaseUrl !== 'string'
    ) {
      problems.push(`OKNO_CHANNEL_ACCOUNTS[${index}] needs orgId, network, accountId, apiBaseUrl`);
      return;
    }
    accounts.push({ ...a, token: typeof a.token === 'string' ? a.token : '' } as SendAccount);
  });
  return { accounts, problems };
}
