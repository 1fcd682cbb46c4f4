import fc from 'fast-check';
import { compareVersions, parseMetadata, renderMetadata } from '../../../../../server/src/updates/metadata';
import { parseRange } from '../../../../../server/src/updates/range';
import { offeredRelease, rolloutBucket } from '../../../../../server/src/updates/rollout';

const sha = `${'A'.repeat(86)}==`;
const latestYml = `version: 1.2.0
files:
  - url: Okno-Setup-1.2.0.exe
    sha512: ${sha}
    size: 81234567
    isAdminRightsRequired: false
path: Okno-Setup-1.2.0.exe
sha512: ${sha}
releaseDate: '2026-12-01T10:00:00.000Z'
`;

describe('update metadata', () => {
  it('reads electron-builder latest.yml and serves it with urls under the version', () => {
    const parsed = parseMetadata(latestYml);
    expect(parsed).toEqual({
      ok: true,
      value: {
        version: '1.2.0',
        files: [{ name: 'Okno-Setup-1.2.0.exe', sha512: sha, size: 81234567 }],
        path: 'Okno-Setup-1.2.0.exe',
        sha512: sha,
        releaseDate: '2026-12-01T10:00:00.000Z',
      },
    });
    if (!parsed.ok) return;
    expect(renderMetadata(parsed.value)).toBe(`version: 1.2.0
files:
  - url: files/1.2.0/Okno-Setup-1.2.0.exe
    sha512: ${sha}
    size: 81234567
path: files/1.2.0/Okno-Setup-1.2.0.exe
sha512: ${sha}
releaseDate: '2026-12-01T10:00:00.000Z'
`);
  });

  it('refuses a version that is not semantic, a path to another folder, a missing checksum, nested maps', () => {
    expect(parseMetadata(latestYml.replace('version: 1.2.0', 'version: 1.2'))).toMatchObject({ ok: false });
    expect(parseMetadata(latestYml.replace('- url: Okno', '- url: ../Okno'))).toMatchObject({ ok: false });
    expect(parseMetadata(latestYml.replace(`    sha512: ${sha}\n`, ''))).toMatchObject({ ok: false });
    expect(parseMetadata(`${latestYml}extra:\n      deep: 1\n`)).toMatchObject({ ok: false });
  });

  it('orders versions as semver does: 1.10.0 above 1.9.0, a release above its pre-release', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBeLessThan(0);
    expect(compareVersions('1.0.0-alpha', '1.0.0-1')).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (a, b, c, d) => {
        const x = `${a}.${b}.0`;
        const y = `${c}.${d}.0`;
        return Math.sign(compareVersions(x, y)) === -Math.sign(compareVersions(y, x));
      }),
    );
  });
});

describe('range requests', () => {
  it('answers one range, a suffix, an open end; refuses past the end; ignores what it does not serve', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=9-0', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});

describe('staged rollout', () => {
  const release = (
    version: string,
    rolloutPercent: number,
    withdrawn = false,
    rolloutDepartmentIds: string[] = [],
  ) => ({
    version,
    rolloutPercent,
    rolloutDepartmentIds,
    withdrawn,
  });

  it('puts about the given share of desktops in the first wave, and keeps them in as it grows', () => {
    const devices = Array.from({ length: 2000 }, (_, i) => `device-${i}`);
    const inAt = (percent: number) => devices.filter((d) => rolloutBucket('2.0.0', d) < percent);
    expect(inAt(10).length).toBeGreaterThan(140);
    expect(inAt(10).length).toBeLessThan(260);
    expect(inAt(10).every((d) => inAt(50).includes(d))).toBe(true);
  });

  it('offers the newest release that reaches the desktop, never a withdrawn one', () => {
    const desktop = { deviceKey: 'd', departmentIds: ['dep-1'] };
    const releases = [
      release('1.0.0', 100),
      release('1.2.0', 100, true),
      release('1.1.0', 0, false, ['dep-1']),
    ];
    expect(offeredRelease(releases, desktop)?.version).toBe('1.1.0');
    expect(offeredRelease(releases, { deviceKey: 'd', departmentIds: [] })?.version).toBe('1.0.0');
    expect(offeredRelease([release('1.0.0', 0)], { deviceKey: 'd', departmentIds: [] })).toBeNull();
  });
});
