/**
 * An in-memory registry of send credentials (what a sender needs of a channel account: its token
 * and API base). Tests and `npm run citizen` register fakes here; further resolvers (production:
 * the channel accounts, server/src/channels/accounts.ts `channelAccountCredentials`) are consulted
 * after the registry.
 */
import type { CredentialsResolver, OutboxNetwork, SendCredentials } from './types';

const keyOf = (network: OutboxNetwork, accountId: string) => `${network}:${accountId}`;

export class CredentialRegistry implements CredentialsResolver {
  private readonly accounts = new Map<string, SendCredentials>();
  private readonly fallbacks: CredentialsResolver[] = [];

  register(account: SendCredentials): void {
    this.accounts.set(keyOf(account.network, account.accountId), account);
  }

  unregister(network: OutboxNetwork, accountId: string): void {
    this.accounts.delete(keyOf(network, accountId));
  }

  /** The first e-mail account registered for the organisation, else the fallbacks' mailbox. */
  async mailbox(orgId: string): Promise<SendCredentials | null> {
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
  addResolver(resolver: CredentialsResolver): void {
    this.fallbacks.push(resolver);
  }

  async resolve(orgId: string, network: OutboxNetwork, accountId: string): Promise<SendCredentials | null> {
    const own = this.accounts.get(keyOf(network, accountId));
    if (own) return own.orgId === orgId ? own : null;
    for (const resolver of this.fallbacks) {
      const found = await resolver.resolve(orgId, network, accountId);
      if (found) return found;
    }
    return null;
  }
}
