/**
 * Letterhead commands of the admin CLI (`npm run server:admin -- letterhead-…`): the organisation's
 * бланк, signatories and outgoing number pattern (../letters/letterhead.ts). «Бланк и подписи» in the app
 * (../admin/letterhead.ts) calls the same `saveLetterhead`, with the same validation.
 *
 *   letterhead-set --org <org> [--full-name …] [--address …] [--contacts …] [--executor-phone …]
 *                  [--logo <file.png|jpg> | --logo ''] [--signatory '<position>|<name>' …]
 *                  [--outgoing-pattern 'Исх-{N}/{YYYY}']
 *   letterhead-show --org <org>
 *
 * Options not given keep their stored value; `--signatory` given at all replaces the list (the first
 * signs by default). Each change is audited (`organisation.letterhead_set`, old → new, the logo by size and SHA-256;
 * ../letters/letterhead-audit.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { requireOrganisation } from '../accounts/organisations';
import { type Letterhead, LetterheadError, loadLetterhead, saveLetterhead } from '../letters/letterhead';
import { auditLetterheadChange } from '../letters/letterhead-audit';
import { CliUsageError } from './commands';

export const letterheadCommandNames = new Set(['letterhead-set', 'letterhead-show']);

const spec = {
  org: { type: 'string' },
  'full-name': { type: 'string' },
  address: { type: 'string' },
  contacts: { type: 'string' },
  'executor-phone': { type: 'string' },
  logo: { type: 'string' },
  signatory: { type: 'string', multiple: true },
  'outgoing-pattern': { type: 'string' },
} as const;

function signatoryOf(value: string) {
  const [position, name, ...rest] = value.split('|');
  if (!position?.trim() || !name?.trim() || rest.length > 0)
    throw new CliUsageError(`--signatory must be '<position>|<name>', got "${value}"`);
  return { position: position.trim(), name: name.trim() };
}

function readLogo(file: string): Buffer | null {
  if (file === '') return null;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

function describe(letterhead: Letterhead): string[] {
  return [
    `full name:        ${letterhead.fullName}`,
    `address:          ${letterhead.address || '—'}`,
    `contacts:         ${letterhead.contacts || '—'}`,
    `executor phone:   ${letterhead.executorPhone || '—'}`,
    `logo:             ${letterhead.logo ? `${letterhead.logo.length} bytes` : '—'}`,
    ...letterhead.signatories.map((s, i) => `signatory ${i + 1}:      ${s.position} — ${s.name}`),
    `outgoing pattern: ${letterhead.outgoingPattern}`,
  ];
}

/** Runs a letterhead command; returns the lines to print. Problems come back as CliUsageError. */
export async function runLetterheadCommand(db: pg.Pool, argv: readonly string[]): Promise<string[]> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (!values.org) throw new CliUsageError('--org is required');
  const organisation = await requireOrganisation(db, values.org);
  const stored = await loadLetterhead(db, organisation.id);
  if (positionals[0] === 'letterhead-show') return describe(stored);
  const next: Letterhead = {
    fullName: values['full-name'] ?? stored.fullName,
    address: values.address ?? stored.address,
    contacts: values.contacts ?? stored.contacts,
    executorPhone: values['executor-phone'] ?? stored.executorPhone,
    logo: values.logo === undefined ? stored.logo : readLogo(values.logo),
    signatories: values.signatory ? values.signatory.map(signatoryOf) : stored.signatories,
    outgoingPattern: values['outgoing-pattern'] ?? stored.outgoingPattern,
  };
  let saved: Letterhead;
  try {
    saved = await saveLetterhead(db, organisation.id, next);
  } catch (error) {
    if (error instanceof LetterheadError) throw new CliUsageError(error.message);
    throw error;
  }
  await auditLetterheadChange(db, { orgId: organisation.id, before: stored, after: saved, actor: null });
  return [`letterhead of ${organisation.name} saved`, ...describe(saved)];
}
