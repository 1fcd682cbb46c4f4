/**
 * Desktop releases served by the organisation's own server (issue 16): uploaded from the admin CLI
 * and the administrators' API, checked against electron-builder's latest*.yml, served to the
 * organisation's desktops as a generic-provider feed with range requests, rolled out to a share of
 * desktops or named departments first, and withdrawn. Real PostgreSQL, real HTTP.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliUsageError } from '../../../server/src/cli/commands';
import { runReleaseCommand } from '../../../server/src/cli/releases';
import { ReleaseFiles, releasesDir } from '../../../server/src/updates/release-files';
import { rolloutBucket } from '../../../server/src/updates/rollout';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type ReleaseFolder, releaseFolder } from './release-fixture';

let server: TestServer;
let org: TestOrg;
let dataDir: string;
const cli = (...argv: string[]) => runReleaseCommand(server.pool, dataDir, argv);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'okno-releases-'));
  server = await startTestServer({
    config: { dataDir },
    log: { level: 'error', stream: process.stderr } as never,
  });
  org = await seedTestOrg(server.pool);
});
afterAll(async () => {
  await server.close();
});

async function get(pathname: string, headers: Record<string, string>) {
  return fetch(`${server.url}${pathname}`, { headers });
}

async function releaseRows(): Promise<number> {
  const result = await server.pool.query(
    'SELECT count(*)::int AS n FROM desktop_releases WHERE org_id = $1',
    [org.organisation.id],
  );
  return result.rows[0].n;
}

/** A device id whose rollout bucket of `version` is below (inside) or at/above (outside) `percent`. */
function deviceFor(version: string, percent: number, inside: boolean): string {
  for (let i = 0; ; i++) {
    const id = `device-${inside ? 'in' : 'out'}-${i}`;
    if (rolloutBucket(version, id) < percent === inside) return id;
  }
}

describe('a release uploaded from the CLI', () => {
  let v1: ReleaseFolder;

  beforeAll(async () => {
    v1 = releaseFolder('1.0.0');
    const lines = await cli('release-upload', '--org', org.organisation.id, '--dir', v1.dir);
    expect(lines[0]).toMatch(/^release uploaded: latest 1\.0\.0\tlinux,win\t100%/);
  });

  it('keeps its files under DATA_DIR/releases like the server secrets: folders 0700, files 0600', () => {
    const bytes = v1.bytes['Okno-Setup-1.0.0.exe']!;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(dataDir, 'releases', sha256.slice(0, 2), sha256);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'releases')).mode & 0o777).toBe(0o700);
  });

  it('serves the Windows metadata to a signed-in desktop, file urls relative to the feed', async () => {
    const session = await loginAs(server, org.users.operator1);
    const response = await get('/api/v1/updates/win/latest.yml', session.headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/yaml/);
    const text = await response.text();
    expect(text).toContain('version: 1.0.0\n');
    expect(text).toContain('  - url: files/1.0.0/Okno-Setup-1.0.0.exe\n');
    expect(text).toContain('path: files/1.0.0/Okno-Setup-1.0.0.exe\n');
    const linux = await (await get('/api/v1/updates/linux/latest-linux.yml', session.headers)).text();
    expect(linux).toContain('  - url: files/1.0.0/Okno-1.0.0.AppImage\n');
    expect(linux).toContain('  - url: files/1.0.0/okno_1.0.0_amd64.deb\n');
  });

  it('refuses the feed without a token, and a metadata name of the other platform', async () => {
    expect((await get('/api/v1/updates/win/latest.yml', {})).status).toBe(401);
    const session = await loginAs(server, org.users.operator1);
    expect((await get('/api/v1/updates/win/latest-linux.yml', session.headers)).status).toBe(404);
  });

  it('serves an installer whole, and a part of it for a Range request (206), refusing one past its end (416)', async () => {
    const session = await loginAs(server, org.users.operator1);
    const bytes = v1.bytes['Okno-Setup-1.0.0.exe']!;
    const url = '/api/v1/updates/win/files/1.0.0/Okno-Setup-1.0.0.exe';
    const whole = await get(url, session.headers);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await get(url, { ...session.headers, range: 'bytes=100-1099' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true);

    const rest = await get(url, { ...session.headers, range: `bytes=${bytes.length - 10}-` });
    expect(rest.status).toBe(206);
    expect(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true);

    const suffix = await get(url, { ...session.headers, range: 'bytes=-5' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(
      `bytes ${bytes.length - 5}-${bytes.length - 1}/${bytes.length}`,
    );

    const past = await get(url, { ...session.headers, range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect((await past.json()).error.code).toBe('range_not_satisfiable');

    // several ranges are not served as multipart: the whole file, as the RFC allows
    const several = await get(url, { ...session.headers, range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    expect((await several.arrayBuffer()).byteLength).toBe(bytes.length);
  });

  it('serves nothing of it to another organisation', async () => {
    const other = await seedTestOrg(server.pool);
    const session = await loginAs(server, other.users.operator1);
    const feed = await get('/api/v1/updates/win/latest.yml', session.headers);
    expect(feed.status).toBe(404);
    expect((await feed.json()).error.code).toBe('no_release');
    expect((await get('/api/v1/updates/win/files/1.0.0/Okno-Setup-1.0.0.exe', session.headers)).status).toBe(
      404,
    );
  });

  it('refuses the same version twice', async () => {
    await expect(cli('release-upload', '--org', org.organisation.id, '--dir', v1.dir)).rejects.toThrow(
      /release_exists/,
    );
  });
});

describe('checksums', () => {
  it('refuses from the CLI a release whose installer does not match latest.yml, writing nothing', async () => {
    const before = await releaseRows();
    const damaged = releaseFolder('1.0.1', { damaged: 'Okno-Setup-1.0.1.exe' });
    const refusal = cli('release-upload', '--org', org.organisation.id, '--dir', damaged.dir);
    await expect(refusal).rejects.toBeInstanceOf(CliUsageError);
    await expect(refusal).rejects.toThrow(
      /checksum_mismatch: Okno-Setup-1\.0\.1\.exe: its sha512 does not match latest\.yml/,
    );
    expect(await releaseRows()).toBe(before);
  });

  it('refuses through the API with a clear 400, and an AppImage that does not match latest-linux.yml too', async () => {
    const admin = await loginAs(server, org.users.admin);
    const damaged = releaseFolder('1.0.2', { damaged: 'Okno-1.0.2.AppImage' });
    const response = await publishThroughApi(admin.headers, damaged);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('checksum_mismatch');
    expect(body.error.message).toContain('Okno-1.0.2.AppImage');
    expect(body.error.message).toContain('latest-linux.yml');
  });
});

describe('uploads never published', () => {
  it('are removed once a day old; fresh ones and published files stay', async () => {
    const admin = await loginAs(server, org.users.admin);
    const response = await fetch(`${server.url}/api/v1/admin/releases/uploads?name=latest.yml`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/octet-stream' },
      body: 'version: 9.9.9',
    });
    expect(response.status).toBe(200);
    const files = new ReleaseFiles(releasesDir(dataDir));
    expect(await files.pruneUploads(Date.now(), 24 * 3600_000)).toBe(0);
    expect(await files.pruneUploads(Date.now() + 25 * 3600_000, 24 * 3600_000)).toBeGreaterThanOrEqual(1);
    const publish = await fetch(`${server.url}/api/v1/admin/releases`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ uploadId: (await response.json()).upload.id, name: 'latest.yml' }] }),
    });
    expect(publish.status).toBe(400);
    expect((await publish.json()).error.code).toBe('upload_not_found');
    const v1 = await get('/api/v1/updates/win/files/1.0.0/Okno-Setup-1.0.0.exe', admin.headers);
    expect(v1.status).toBe(200);
  });
});

async function publishThroughApi(
  headers: Record<string, string>,
  folder: ReleaseFolder,
  rollout: { rolloutPercent?: number; rolloutDepartments?: string[] } = {},
): Promise<Response> {
  const files: { uploadId: string; name: string }[] = [];
  const names = Object.keys(folder.bytes).concat(['latest.yml', 'latest-linux.yml']);
  for (const name of names) {
    const response = await fetch(
      `${server.url}/api/v1/admin/releases/uploads?name=${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: readFileSync(path.join(folder.dir, name)),
      },
    );
    const { upload, error } = await response.json();
    expect(error).toBeUndefined();
    files.push({ uploadId: upload.id, name });
  }
  return fetch(`${server.url}/api/v1/admin/releases`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ files, ...rollout }),
  });
}

describe('staged rollout and withdrawal', () => {
  let releaseId: string;

  beforeAll(async () => {
    const admin = await loginAs(server, org.users.admin);
    const response = await publishThroughApi(admin.headers, releaseFolder('1.1.0'), {
      rolloutPercent: 30,
      rolloutDepartments: [org.departments.d1.code],
    });
    expect(response.status).toBe(200);
    const { release } = await response.json();
    expect(release).toMatchObject({
      version: '1.1.0',
      rolloutPercent: 30,
      rolloutDepartmentIds: [org.departments.d1.id],
      platforms: ['linux', 'win'],
    });
    releaseId = release.id;
  });

  const offered = async (user: TestOrg['users']['operator1'], deviceId?: string, version?: string) => {
    const session = await loginAs(server, user, deviceId);
    const headers = version ? { ...session.headers, 'x-okno-version': version } : session.headers;
    const status = await (await get('/api/v1/updates/status?platform=win', headers)).json();
    const feed = await (await get('/api/v1/updates/win/latest.yml', headers)).text();
    expect(feed).toContain(`version: ${status.offered.version}\n`);
    return status as { current: string | null; offered: { version: string }; downgrade: boolean };
  };

  it('offers the new release to a desktop inside the percentage, the previous one to a desktop outside', async () => {
    expect((await offered(org.users.operator2, deviceFor('1.1.0', 30, true))).offered.version).toBe('1.1.0');
    expect((await offered(org.users.operator2, deviceFor('1.1.0', 30, false))).offered.version).toBe('1.0.0');
  });

  it('offers it to every desktop of a named department first', async () => {
    expect((await offered(org.users.operator1, deviceFor('1.1.0', 30, false))).offered.version).toBe('1.1.0');
  });

  it('a non-administrator cannot upload, roll out or withdraw', async () => {
    const head = await loginAs(server, org.users.head1);
    const patch = await fetch(`${server.url}/api/v1/admin/releases/${releaseId}`, {
      method: 'PATCH',
      headers: { ...head.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ rolloutPercent: 100 }),
    });
    expect(patch.status).toBe(403);
    const withdraw = await fetch(`${server.url}/api/v1/admin/releases/${releaseId}/withdraw`, {
      method: 'POST',
      headers: head.headers,
    });
    expect(withdraw.status).toBe(403);
  });

  it('then everyone: at 100 % the desktop outside the percentage gets it too', async () => {
    const lines = await cli(
      'release-rollout',
      '--org',
      org.organisation.id,
      '--release',
      '1.1.0',
      '--percent',
      '100',
    );
    expect(lines[0]).toMatch(/^rollout: latest 1\.1\.0\tlinux,win\t100%/);
    expect((await offered(org.users.operator2, deviceFor('1.1.0', 30, false))).offered.version).toBe('1.1.0');
  });

  it('a withdrawn release is offered to no one: the previous one is, and desktops that took it are told to go back', async () => {
    const admin = await loginAs(server, org.users.admin);
    const response = await fetch(`${server.url}/api/v1/admin/releases/${releaseId}/withdraw`, {
      method: 'POST',
      headers: admin.headers,
    });
    expect(response.status).toBe(200);
    expect((await response.json()).release.withdrawnAt).toEqual(expect.any(Number));

    const took = await offered(org.users.operator1, 'device-took-it', '1.1.0');
    expect(took).toEqual({ current: '1.1.0', offered: { version: '1.0.0' }, downgrade: true });
    const kept = await offered(org.users.operator1, 'device-kept-old', '1.0.0');
    expect(kept).toEqual({ current: '1.0.0', offered: { version: '1.0.0' }, downgrade: false });

    const session = await loginAs(server, org.users.operator1);
    expect((await get('/api/v1/updates/win/files/1.1.0/Okno-Setup-1.1.0.exe', session.headers)).status).toBe(
      404,
    );
    const again = await fetch(`${server.url}/api/v1/admin/releases/${releaseId}/withdraw`, {
      method: 'POST',
      headers: admin.headers,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('release_withdrawn');
  });

  it('lists the releases for the CLI and the administrator', async () => {
    const lines = await cli('release-list', '--org', org.organisation.id);
    expect(lines).toEqual([
      expect.stringMatching(/^latest 1\.1\.0\tlinux,win\twithdrawn\t/),
      expect.stringMatching(/^latest 1\.0\.0\tlinux,win\t100%\t/),
    ]);
  });

  it('shows upload, rollout and withdrawal in «Журнал администратора», old → new', async () => {
    const admin = await loginAs(server, org.users.admin);
    const response = await get('/api/v1/admin/journal?kind=updates', admin.headers);
    expect(response.status).toBe(200);
    const { entries } = await response.json();
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'release.withdraw',
      'release.rollout',
      'release.upload',
      'release.upload',
    ]);
    expect(entries[0]).toMatchObject({
      entityLabel: 'latest 1.1.0',
      actorName: org.users.admin.displayName,
      fields: { withdrawn: { old: false, new: true } },
    });
    expect(entries[1]).toMatchObject({ actorName: null, fields: { rolloutPercent: { old: 30, new: 100 } } });
    expect(entries[2].fields).toMatchObject({
      version: { old: null, new: '1.1.0' },
      rolloutPercent: { old: null, new: 30 },
      departmentIds: { old: null, new: [org.departments.d1.id] },
    });
  });
});

describe('desktops by version', () => {
  it('learns the version from X-Okno-Version on API calls and lists it for the supervisor', async () => {
    const session = await loginAs(server, org.users.head2, 'desktop-of-head2');
    const headers = {
      ...session.headers,
      'x-okno-version': '1.0.0',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Okno/1.0.0',
    };
    expect((await get('/api/v1/sync/appeals/pull?limit=1', headers)).status).toBe(200);
    expect((await get('/api/v1/updates/status?platform=win', headers)).status).toBe(200);
    const supervisor = await loginAs(server, org.users.supervisor);
    const response = await get('/api/v1/updates/desktops', supervisor.headers);
    expect(response.status).toBe(200);
    const { desktops } = await response.json();
    expect(desktops).toContainEqual(
      expect.objectContaining({
        deviceKey: 'desktop-of-head2',
        userName: org.users.head2.displayName,
        version: '1.0.0',
        platform: 'win',
        lastSeenAt: expect.any(Number),
        lastSyncAt: expect.any(Number),
      }),
    );
    const operator = await loginAs(server, org.users.operator1);
    expect((await get('/api/v1/updates/desktops', operator.headers)).status).toBe(403);
  });
});
