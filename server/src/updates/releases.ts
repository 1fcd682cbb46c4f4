/**
 * The one door to the organisation's desktop releases (migrations/470_desktop_releases.sql):
 * publishing (the CLI's folder or the administrator's uploads), the staged rollout, withdrawal,
 * and which release a desktop is offered. Every change is audited (`release.upload`,
 * `release.rollout`, `release.withdraw`, old → new) and shows in «Журнал администратора».
 */
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { appendAudit, changedFields } from '../audit/audit';
import { inTransaction, type Queryable } from '../db/pool';
import { newId } from '../ids';
import {
  metadataFileName,
  type Parsed,
  type Platform,
  type PlatformMetadata,
  parseMetadata,
} from './metadata';
import type { Digest, ReleaseFiles } from './release-files';
import { type Desktop, offeredRelease } from './rollout';

export class ReleaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ReleaseError';
  }
}

/** A file offered for a release: where its bytes are now, and whether they move (an upload) or are copied. */
export interface CandidateFile {
  name: string;
  path: string;
  digest: Digest;
  upload: boolean;
}

export interface Release {
  id: string;
  version: string;
  channel: string;
  platforms: Platform[];
  files: { name: string; size: number }[];
  rolloutPercent: number;
  rolloutDepartmentIds: string[];
  /** epoch ms */
  uploadedAt: number;
  withdrawnAt: number | null;
}

type ReleaseMetadata = Partial<Record<Platform, PlatformMetadata>>;

interface ReleaseRow {
  id: string;
  version: string;
  channel: string;
  metadata: ReleaseMetadata;
  rollout_percent: number;
  rollout_department_ids: string[];
  uploaded_at: Date;
  withdrawn_at: Date | null;
  files: { name: string; size: number }[];
}

const installerName = /\.(exe|AppImage|deb|rpm|zip|7z|blockmap)$/;
const maxMetadataBytes = 64 * 1024;

function releaseOf(row: ReleaseRow): Release {
  return {
    id: row.id,
    version: row.version,
    channel: row.channel,
    platforms: (Object.keys(row.metadata) as Platform[]).sort(),
    files: row.files.map((file) => ({ name: file.name, size: Number(file.size) })),
    rolloutPercent: row.rollout_percent,
    rolloutDepartmentIds: row.rollout_department_ids,
    uploadedAt: row.uploaded_at.getTime(),
    withdrawnAt: row.withdrawn_at?.getTime() ?? null,
  };
}

const selectReleases = `
  SELECT r.id, r.version, r.channel, r.metadata, r.rollout_percent, r.rollout_department_ids,
         r.uploaded_at, r.withdrawn_at,
         COALESCE((SELECT json_agg(json_build_object('name', f.name, 'size', f.size) ORDER BY f.name)
                     FROM desktop_release_files f WHERE f.release_id = r.id), '[]') AS files
    FROM desktop_releases r`;

export async function listReleases(db: Queryable, orgId: string): Promise<Release[]> {
  const result = await db.query<ReleaseRow>(
    `${selectReleases} WHERE r.org_id = $1 ORDER BY r.uploaded_at DESC`,
    [orgId],
  );
  return result.rows.map(releaseOf);
}

/** A release by id, or by `<channel>:<version>` / `<version>` (the CLI's words); 404 when none. */
async function requireRelease(db: Queryable, orgId: string, reference: string): Promise<Release> {
  const [channel, version] = reference.includes(':') ? reference.split(':', 2) : ['latest', reference];
  const result = await db.query<ReleaseRow>(
    `${selectReleases} WHERE r.org_id = $1 AND (r.id = $2 OR (r.channel = $3 AND r.version = $4))`,
    [orgId, reference, channel, version],
  );
  const row = result.rows[0];
  if (!row) throw new ReleaseError('release_not_found', `no release ${reference}`, 404);
  return releaseOf(row);
}

/** Checks the release's metadata against its files: version, names, sizes and sha512. */
async function checkCandidates(
  candidates: readonly CandidateFile[],
): Promise<{ channel: string; version: string; metadata: ReleaseMetadata; files: CandidateFile[] }> {
  const byName = new Map(candidates.map((file) => [file.name, file]));
  if (byName.size !== candidates.length) throw new ReleaseError('duplicate_file', 'a file is given twice');
  const metadata: ReleaseMetadata = {};
  let channel: string | null = null;
  let version: string | null = null;
  const listed = new Set<string>();
  for (const file of candidates) {
    const named = metadataFileName(file.name);
    if (!named) continue;
    if (file.digest.size > maxMetadataBytes)
      throw new ReleaseError('metadata_unreadable', `${file.name} is too large for update metadata`);
    const parsed: Parsed<PlatformMetadata> = parseMetadata(await readFile(file.path, 'utf8'));
    if (!parsed.ok) throw new ReleaseError('metadata_unreadable', `${file.name}: ${parsed.problem}`);
    if (channel !== null && channel !== named.channel)
      throw new ReleaseError('metadata_mismatch', 'the metadata files name different channels');
    if (version !== null && version !== parsed.value.version)
      throw new ReleaseError('metadata_mismatch', 'the metadata files name different versions');
    if (metadata[named.platform])
      throw new ReleaseError('metadata_mismatch', `two metadata files for ${named.platform}`);
    channel = named.channel;
    version = parsed.value.version;
    metadata[named.platform] = parsed.value;
    for (const entry of parsed.value.files) {
      const given = byName.get(entry.name);
      if (!given)
        throw new ReleaseError('file_missing', `${file.name} lists ${entry.name}, which was not given`);
      if (given.digest.sha512 !== entry.sha512)
        throw new ReleaseError(
          'checksum_mismatch',
          `${entry.name}: its sha512 does not match ${file.name}; the file is damaged or belongs to another build`,
        );
      if (entry.size !== null && entry.size !== given.digest.size)
        throw new ReleaseError(
          'checksum_mismatch',
          `${entry.name}: ${given.digest.size} bytes, ${file.name} says ${entry.size}`,
        );
      listed.add(entry.name);
    }
  }
  if (channel === null || version === null)
    throw new ReleaseError(
      'metadata_missing',
      'no update metadata (latest.yml or latest-linux.yml) was given',
    );
  const files = candidates.filter((file) => !metadataFileName(file.name));
  for (const file of files) {
    const blockmapOf = file.name.endsWith('.blockmap') ? file.name.slice(0, -'.blockmap'.length) : null;
    if (!installerName.test(file.name) || !(listed.has(file.name) || (blockmapOf && listed.has(blockmapOf))))
      throw new ReleaseError('unexpected_file', `${file.name} is not listed in the update metadata`);
  }
  return { channel, version, metadata, files };
}

async function departmentIdsOf(
  db: Queryable,
  orgId: string,
  references: readonly string[],
): Promise<string[]> {
  if (references.length === 0) return [];
  const result = await db.query<{ id: string; code: string }>(
    'SELECT id, code FROM departments WHERE org_id = $1 AND (id = ANY($2) OR code = ANY($2))',
    [orgId, references],
  );
  const ids: string[] = [];
  for (const reference of references) {
    const found = result.rows.find((row) => row.id === reference || row.code === reference);
    if (!found) throw new ReleaseError('unknown_department', `no department ${reference}`);
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  return ids;
}

export interface RolloutInput {
  /** 0–100 */
  percent?: number;
  /** department ids or codes */
  departments?: readonly string[];
}

function checkPercent(percent: number | undefined): void {
  if (percent !== undefined && !(Number.isInteger(percent) && percent >= 0 && percent <= 100))
    throw new ReleaseError('invalid_percent', 'the rollout percentage must be a whole number 0–100');
}

/** Publishes a release whose files passed the checks; nothing is written when one fails. */
export async function publishRelease(
  db: pg.Pool,
  store: ReleaseFiles,
  input: {
    orgId: string;
    actorUserId: string | null;
    files: readonly CandidateFile[];
    rollout?: RolloutInput;
  },
): Promise<Release> {
  checkPercent(input.rollout?.percent);
  const checked = await checkCandidates(input.files);
  const departmentIds = await departmentIdsOf(db, input.orgId, input.rollout?.departments ?? []);
  const percent = input.rollout?.percent ?? 100;
  const existing = await db.query(
    'SELECT 1 FROM desktop_releases WHERE org_id = $1 AND channel = $2 AND version = $3',
    [input.orgId, checked.channel, checked.version],
  );
  if (existing.rowCount)
    throw new ReleaseError(
      'release_exists',
      `${checked.channel} ${checked.version} is already uploaded`,
      409,
    );
  for (const file of checked.files) await store.keep(file.path, file.digest, file.upload);
  const id = newId();
  await inTransaction(db, async (client) => {
    await client.query(
      `INSERT INTO desktop_releases (id, org_id, version, channel, metadata, rollout_percent, rollout_department_ids, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        input.orgId,
        checked.version,
        checked.channel,
        JSON.stringify(checked.metadata),
        percent,
        departmentIds,
        input.actorUserId,
      ],
    );
    for (const file of checked.files) {
      await client.query(
        'INSERT INTO desktop_release_files (release_id, name, size, sha512, sha256) VALUES ($1, $2, $3, $4, $5)',
        [id, file.name, file.digest.size, file.digest.sha512, file.digest.sha256],
      );
    }
    await appendAudit(client, {
      orgId: input.orgId,
      actorUserId: input.actorUserId,
      action: 'release.upload',
      entity: 'desktop_release',
      entityId: id,
      fields: {
        version: { old: null, new: checked.version },
        channel: { old: null, new: checked.channel },
        rolloutPercent: { old: null, new: percent },
        // `departmentIds`: the journal names them by code and name
        ...(departmentIds.length > 0 ? { departmentIds: { old: null, new: departmentIds } } : {}),
      },
      details: { files: checked.files.map((file) => ({ name: file.name, size: file.digest.size })) },
    });
  });
  return requireRelease(db, input.orgId, id);
}

/** Changes who receives a release: the percentage of desktops and the departments that go first. */
export async function setRollout(
  db: pg.Pool,
  input: { orgId: string; actorUserId: string | null; release: string } & RolloutInput,
): Promise<Release> {
  checkPercent(input.percent);
  const before = await requireRelease(db, input.orgId, input.release);
  if (before.withdrawnAt !== null)
    throw new ReleaseError('release_withdrawn', `${before.version} is withdrawn; upload a new version`, 409);
  const after = {
    rolloutPercent: input.percent ?? before.rolloutPercent,
    rolloutDepartmentIds:
      input.departments === undefined
        ? before.rolloutDepartmentIds
        : await departmentIdsOf(db, input.orgId, input.departments),
  };
  // `departmentIds`: the journal names them by code and name
  const fields = changedFields(
    { rolloutPercent: before.rolloutPercent, departmentIds: before.rolloutDepartmentIds },
    { rolloutPercent: after.rolloutPercent, departmentIds: after.rolloutDepartmentIds },
    ['rolloutPercent', 'departmentIds'],
  );
  if (Object.keys(fields).length === 0) return before;
  await inTransaction(db, async (client) => {
    await client.query(
      'UPDATE desktop_releases SET rollout_percent = $3, rollout_department_ids = $4 WHERE org_id = $1 AND id = $2',
      [input.orgId, before.id, after.rolloutPercent, after.rolloutDepartmentIds],
    );
    await appendAudit(client, {
      orgId: input.orgId,
      actorUserId: input.actorUserId,
      action: 'release.rollout',
      entity: 'desktop_release',
      entityId: before.id,
      fields,
    });
  });
  return requireRelease(db, input.orgId, before.id);
}

/** Withdraws a release: no desktop is offered it again, and those that took it are told to go back. */
export async function withdrawRelease(
  db: pg.Pool,
  input: { orgId: string; actorUserId: string | null; release: string },
): Promise<Release> {
  const before = await requireRelease(db, input.orgId, input.release);
  if (before.withdrawnAt !== null)
    throw new ReleaseError('release_withdrawn', `${before.version} is already withdrawn`, 409);
  await inTransaction(db, async (client) => {
    await client.query('UPDATE desktop_releases SET withdrawn_at = now() WHERE org_id = $1 AND id = $2', [
      input.orgId,
      before.id,
    ]);
    await appendAudit(client, {
      orgId: input.orgId,
      actorUserId: input.actorUserId,
      action: 'release.withdraw',
      entity: 'desktop_release',
      entityId: before.id,
      fields: { withdrawn: { old: false, new: true } },
    });
  });
  return requireRelease(db, input.orgId, before.id);
}

export interface Offer {
  /** the release the desktop should run, or null: none for its platform and channel */
  release: { id: string; version: string; metadata: PlatformMetadata } | null;
  /** versions of the channel that were withdrawn: a desktop running one goes back to `release` */
  withdrawnVersions: string[];
}

/** What the feed offers one desktop (./rollout.ts). */
export async function offerFor(
  db: Queryable,
  input: { orgId: string; channel: string; platform: Platform; desktop: Desktop },
): Promise<Offer> {
  const result = await db.query<ReleaseRow>(
    `${selectReleases} WHERE r.org_id = $1 AND r.channel = $2 AND r.metadata ? $3`,
    [input.orgId, input.channel, input.platform],
  );
  const rules = result.rows.map((row) => ({
    row,
    version: row.version,
    rolloutPercent: row.rollout_percent,
    rolloutDepartmentIds: row.rollout_department_ids,
    withdrawn: row.withdrawn_at !== null,
  }));
  const offered = offeredRelease(rules, input.desktop);
  return {
    release: offered
      ? { id: offered.row.id, version: offered.version, metadata: offered.row.metadata[input.platform]! }
      : null,
    withdrawnVersions: rules.filter((rule) => rule.withdrawn).map((rule) => rule.version),
  };
}

/** A published file of a release the organisation still offers (withdrawn ones are not served). */
export async function releaseFile(
  db: Queryable,
  input: { orgId: string; version: string; name: string },
): Promise<{ sha256: string; size: number } | null> {
  const result = await db.query<{ sha256: string; size: string }>(
    `SELECT f.sha256, f.size FROM desktop_release_files f JOIN desktop_releases r ON r.id = f.release_id
      WHERE r.org_id = $1 AND r.version = $2 AND f.name = $3 AND r.withdrawn_at IS NULL LIMIT 1`,
    [input.orgId, input.version, input.name],
  );
  const row = result.rows[0];
  return row ? { sha256: row.sha256, size: Number(row.size) } : null;
}
