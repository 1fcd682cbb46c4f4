/**
 * Release commands of the admin CLI (`npm run server:admin -- release-…`): the desktop releases the
 * organisation's server offers its desktops (../updates, docs/RELEASES.md). The same checks and audit
 * as the administrator's API; a refusal (a checksum that does not match latest.yml…) writes nothing.
 *
 *   release-upload   --org <org> --dir <folder with the installers and latest*.yml>
 *                    [--percent <0–100>] [--departments <id or code>,…]
 *   release-list     --org <org>
 *   release-rollout  --org <org> --release <id | version | channel:version>
 *                    [--percent <0–100>] [--departments <id or code>,… | '']
 *   release-withdraw --org <org> --release <id | version | channel:version>
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { requireOrganisation } from '../accounts/organisations';
import { ReleaseFiles, releasesDir } from '../updates/release-files';
import {
  type CandidateFile,
  listReleases,
  publishRelease,
  type Release,
  ReleaseError,
  type RolloutInput,
  setRollout,
  withdrawRelease,
} from '../updates/releases';
import { CliUsageError } from './commands';

export const releaseCommandNames = new Set([
  'release-upload',
  'release-list',
  'release-rollout',
  'release-withdraw',
]);

const spec = {
  org: { type: 'string' },
  dir: { type: 'string' },
  release: { type: 'string' },
  percent: { type: 'string' },
  departments: { type: 'string' },
} as const;

/** What a folder of electron-builder's output holds for a release: installers, blockmaps, latest*.yml. */
const releaseFile = /(\.yml|\.exe|\.AppImage|\.deb|\.rpm|\.zip|\.7z|\.blockmap)$/;

function describe(release: Release): string {
  const rollout =
    release.withdrawnAt !== null
      ? 'withdrawn'
      : `${release.rolloutPercent}%${release.rolloutDepartmentIds.length ? ` + departments ${release.rolloutDepartmentIds.join(',')}` : ''}`;
  return `${release.channel} ${release.version}\t${release.platforms.join(',')}\t${rollout}\t${release.id}`;
}

function rolloutOf(values: { percent?: string; departments?: string }): RolloutInput {
  const rollout: { percent?: number; departments?: string[] } = {};
  if (values.percent !== undefined) {
    if (!/^\d{1,3}$/.test(values.percent)) throw new CliUsageError('--percent must be a whole number 0–100');
    rollout.percent = Number(values.percent);
  }
  if (values.departments !== undefined)
    rollout.departments = values.departments
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
  return rollout;
}

async function folderFiles(store: ReleaseFiles, dir: string): Promise<CandidateFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new CliUsageError(`cannot read ${dir}: ${(error as Error).message}`);
  }
  const files: CandidateFile[] = [];
  // electron-builder's folder also holds builder-debug.yml, builder-effective-config.yaml, unpacked dirs
  for (const name of names.filter((n) => releaseFile.test(n) && !n.startsWith('builder-')).sort()) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    files.push({ name, path: file, digest: await store.digestOf(file), upload: false });
  }
  return files;
}

/** Runs a release command; returns the lines to print. Problems come back as CliUsageError. */
export async function runReleaseCommand(
  db: pg.Pool,
  dataDir: string,
  argv: readonly string[],
): Promise<string[]> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values } = parsed;
  if (!values.org) throw new CliUsageError('--org is required');
  const organisation = await requireOrganisation(db, values.org);
  const orgId = organisation.id;
  const store = new ReleaseFiles(releasesDir(dataDir));
  const release = () => {
    if (!values.release)
      throw new CliUsageError('--release is required (an id, a version, or channel:version)');
    return values.release;
  };
  try {
    switch (parsed.positionals[0]) {
      case 'release-upload': {
        if (!values.dir) throw new CliUsageError('--dir is required');
        const files = await folderFiles(store, values.dir);
        const published = await publishRelease(db, store, {
          orgId,
          actorUserId: null,
          files,
          rollout: rolloutOf(values),
        });
        return [
          `release uploaded: ${describe(published)}`,
          ...published.files.map((f) => `  ${f.name}\t${f.size} bytes`),
        ];
      }
      case 'release-list': {
        const releases = await listReleases(db, orgId);
        return releases.length === 0 ? [`no releases in ${organisation.name}`] : releases.map(describe);
      }
      case 'release-rollout': {
        const rollout = rolloutOf(values);
        if (rollout.percent === undefined && rollout.departments === undefined)
          throw new CliUsageError('give --percent and/or --departments');
        const changed = await setRollout(db, { orgId, actorUserId: null, release: release(), ...rollout });
        return [`rollout: ${describe(changed)}`];
      }
      case 'release-withdraw': {
        const withdrawn = await withdrawRelease(db, { orgId, actorUserId: null, release: release() });
        const previous = (await listReleases(db, orgId)).filter(
          (r) => r.withdrawnAt === null && r.channel === withdrawn.channel,
        );
        return [
          `withdrawn: ${describe(withdrawn)}`,
          previous.length > 0
            ? 'desktops that took it are offered the previous release and go back to it'
            : 'no other release on this channel: desktops that took it keep it until a new one is uploaded',
        ];
      }
      default:
        throw new CliUsageError(`unknown command ${parsed.positionals[0] ?? ''}`);
    }
  } catch (error) {
    if (error instanceof ReleaseError) throw new CliUsageError(`${error.code}: ${error.message}`);
    throw error;
  }
}
