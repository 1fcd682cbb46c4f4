/**
 * Which release a desktop is offered (staged rollout). A release reaches a desktop when its rollout
 * is 100 %, when the desktop's user works in one of the release's named departments, or when the
 * desktop's stable bucket (0–99, a hash of the release's version and the device) is below the
 * percentage. The bucket depends on the version, so a different tenth of desktops goes first each time,
 * and it never changes for one desktop and one release: raising 10 → 50 % keeps the first tenth in.
 */
import { createHash } from 'node:crypto';
import { compareVersions } from './metadata';

export interface RolloutRule {
  version: string;
  rolloutPercent: number;
  rolloutDepartmentIds: readonly string[];
  withdrawn: boolean;
}

export interface Desktop {
  /** the login's device id, or `session:<id>` */
  deviceKey: string;
  departmentIds: readonly string[];
}

export function rolloutBucket(version: string, deviceKey: string): number {
  return createHash('sha256').update(`${version}\n${deviceKey}`).digest().readUInt32BE(0) % 100;
}

function reaches(release: RolloutRule, desktop: Desktop): boolean {
  if (release.withdrawn) return false;
  if (release.rolloutPercent >= 100) return true;
  if (release.rolloutDepartmentIds.some((id) => desktop.departmentIds.includes(id))) return true;
  return rolloutBucket(release.version, desktop.deviceKey) < release.rolloutPercent;
}

/** The newest release that reaches the desktop, or null. */
export function offeredRelease<T extends RolloutRule>(releases: readonly T[], desktop: Desktop): T | null {
  const newestFirst = [...releases].sort((a, b) => compareVersions(b.version, a.version));
  return newestFirst.find((release) => reaches(release, desktop)) ?? null;
}
