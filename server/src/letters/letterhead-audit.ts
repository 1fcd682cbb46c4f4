/**
 * The audit of a letterhead change (`organisation.letterhead_set`), one for both ways of changing it —
 * the admin CLI (../cli/letterhead.ts) and «Бланк и подписи» (../admin/letterhead.ts) — so either shows
 * in «Журнал администратора» alike. Fields old → new; the logo as its size and SHA-256, never its bytes;
 * signatories as «position — name» lines.
 */
import { createHash } from 'node:crypto';
import { type AccountsActor, actorOf } from '../accounts/organisations';
import { appendAudit } from '../audit/audit';
import type { Queryable } from '../db/pool';
import type { Letterhead } from './letterhead';

/** The logo as the journal names it. */
export interface LogoFingerprint {
  bytes: number;
  sha256: string;
}

export const logoFingerprint = (logo: Buffer | null): LogoFingerprint | null =>
  logo ? { bytes: logo.length, sha256: createHash('sha256').update(logo).digest('hex') } : null;

function auditView(letterhead: Letterhead): Record<string, unknown> {
  return {
    fullName: letterhead.fullName,
    address: letterhead.address,
    contacts: letterhead.contacts,
    executorPhone: letterhead.executorPhone,
    logo: logoFingerprint(letterhead.logo),
    signatories: letterhead.signatories.map((s) => `${s.position} — ${s.name}`),
    outgoingPattern: letterhead.outgoingPattern,
  };
}

/** The fields that differ, old → new. */
function letterheadChanges(
  before: Letterhead,
  after: Letterhead,
): Record<string, { old: unknown; new: unknown }> {
  const was = auditView(before);
  const is = auditView(after);
  return Object.fromEntries(
    Object.keys(is)
      .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]))
      .map((key) => [key, { old: was[key], new: is[key] }]),
  );
}

/** Records the change; nothing when nothing changed. `actor` null: the admin CLI. */
export async function auditLetterheadChange(
  db: Queryable,
  change: { orgId: string; before: Letterhead; after: Letterhead; actor: AccountsActor | null },
): Promise<boolean> {
  const fields = letterheadChanges(change.before, change.after);
  if (Object.keys(fields).length === 0) return false;
  await appendAudit(db, {
    orgId: change.orgId,
    ...actorOf(change.actor),
    action: 'organisation.letterhead_set',
    entity: 'organisation',
    entityId: change.orgId,
    fields,
    details: { source: change.actor ? 'api' : 'cli' },
  });
  return true;
}
