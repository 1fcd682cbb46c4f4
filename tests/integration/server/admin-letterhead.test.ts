/**
 * «Бланк и подписи» and «Классификатор» through the administrator's API (server/src/admin/letterhead.ts,
 * server/src/admin/classifier.ts): the CLI's letterhead checks, the logo judged by its bytes and size,
 * the sample letter's PDF on the new letterhead (read back with pdftotext), the ССТУ edition checked by
 * the desktop's loadClassifier and served to staff, every change in «Журнал администратора», and only
 * administrators of the organisation. Real PostgreSQL, real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLetterheadCommand } from '../../../server/src/cli/letterhead';
import { repoRoot } from '../../../server/src/config';
import { loadLetterhead } from '../../../server/src/letters/letterhead';
import { sampleClassifierEdition } from '../../../shared/domain/classifier';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the answers
type Json = Record<string, any>;

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let admin: Record<string, string>;
let operator: Record<string, string>;
let otherAdmin: Record<string, string>;
const folder = mkdtempSync(path.join(tmpdir(), 'okno-letterhead-'));
const png = readFileSync(path.join(repoRoot, 'resources', 'icons', 'okno.png'));
const jpeg = readFileSync(path.join(repoRoot, 'tests', 'e2e', 'attachments', 'pothole.jpg'));

async function call(method: string, route: string, body?: unknown, headers = admin) {
  const response = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
}

async function putLogo(bytes: Buffer, type = 'image/png', headers = admin) {
  const response = await fetch(`${server.url}/api/v1/admin/letterhead/logo`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': type },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function previewText(headers = admin): Promise<{ status: number; head: string; text: string }> {
  const response = await fetch(`${server.url}/api/v1/admin/letterhead/preview.pdf`, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return { status: response.status, head: '', text: '' };
  const file = path.join(folder, `preview-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return {
    status: 200,
    head: bytes.subarray(0, 5).toString('latin1'),
    text: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }),
  };
}

const journal = async () => (await call('GET', '/admin/journal?kind=organisation')).body.entries as Json[];

const letterhead = {
  fullName: 'Администрация муниципального округа Образцовый',
  address: 'ул. Ленина, д. 1, пгт Образцовый, 600000',
  contacts: 'тел. (4922) 11-22-33, adm@obrazcovy.example',
  executorPhone: '(4922) 11-22-34',
  signatories: [{ position: 'Глава муниципального округа', name: 'П. П. Петров' }],
  outgoingPattern: '01-{N:4}/{YY}',
};

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  admin = (await loginAs(server, org.users.admin)).headers;
  operator = (await loginAs(server, org.users.operator1)).headers;
  otherAdmin = (await loginAs(server, other.users.admin)).headers;
});
afterAll(async () => {
  await server?.close();
});

describe('letterhead', () => {
  it('shows the organisation name alone until a letterhead is saved, and refuses a logo before it', async () => {
    const shown = await call('GET', '/admin/letterhead');
    expect(shown.status).toBe(200);
    expect(shown.body.letterhead).toMatchObject({
      stored: false,
      fullName: org.organisation.name,
      signatories: [],
      logo: null,
      outgoingPattern: 'Исх-{N}/{YYYY}',
    });
    expect((await putLogo(png)).status).toBe(409);
  });

  it('saves the letterhead with the CLI checks and audits old → new for «Журнал администратора»', async () => {
    const saved = await call('PUT', '/admin/letterhead', letterhead);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ changed: true, letterhead: { stored: true, ...letterhead } });
    expect(await loadLetterhead(server.pool, org.organisation.id)).toMatchObject(letterhead);

    const entry = (await journal())[0]!;
    expect(entry).toMatchObject({
      action: 'organisation.letterhead_set',
      actorId: org.users.admin.id,
      details: { source: 'api' },
      fields: {
        fullName: { old: org.organisation.name, new: letterhead.fullName },
        signatories: { old: [], new: ['Глава муниципального округа — П. П. Петров'] },
        outgoingPattern: { old: 'Исх-{N}/{YYYY}', new: '01-{N:4}/{YY}' },
      },
    });

    const again = await call('PUT', '/admin/letterhead', letterhead);
    expect(again.body.changed).toBe(false);
    expect((await journal())[0]!.id).toBe(entry.id);
  });

  it('adds a second signatory and reorders them; the first signs the letter', async () => {
    const second = { position: 'Заместитель главы', name: 'А. А. Сидорова' };
    const saved = await call('PUT', '/admin/letterhead', {
      ...letterhead,
      signatories: [second, ...letterhead.signatories],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.letterhead.signatories).toEqual([second, ...letterhead.signatories]);
    const preview = await previewText();
    expect(preview.text).toContain('А. А. Сидорова');
    expect(preview.text).not.toContain('П. П. Петров');
    await call('PUT', '/admin/letterhead', letterhead);
  });

  it.each([
    ['an empty full name', { fullName: '  ' }, 'required', 'fullName'],
    ['no signatory', { signatories: [] }, 'signatoriesMissing', 'signatories'],
    [
      "a signatory's empty position",
      { signatories: [{ name: 'И. И. Иванов', position: '' }] },
      'required',
      'signatories.0.position',
    ],
    ['a pattern without a year', { outgoingPattern: 'Исх-{N}' }, 'pattern', 'outgoingPattern'],
    [
      'a department in the pattern',
      { outgoingPattern: '{DEPT}-{N}/{YYYY}' },
      'patternDepartment',
      'outgoingPattern',
    ],
    ['a control character', { address: 'ул. Ленина\u0007' }, 'controlCharacters', 'address'],
  ])(
    'refuses %s with the problem and the field, and changes nothing',
    async (_name, patch, problem, field) => {
      const before = await loadLetterhead(server.pool, org.organisation.id);
      const refused = await call('PUT', '/admin/letterhead', { ...letterhead, ...patch });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'invalid_letterhead', details: { problem, field } });
      expect(await loadLetterhead(server.pool, org.organisation.id)).toEqual(before);
    },
  );

  it('names the pattern problem by the registration-number key the desktop translates', async () => {
    const refused = await call('PUT', '/admin/letterhead', { ...letterhead, outgoingPattern: 'Исх-{N}' });
    expect(refused.body.error.details.patternKey).toBe('validation:registrationNumber.yearTokenMissing');
  });

  it('refuses an unknown field and a missing one by the schema', async () => {
    expect((await call('PUT', '/admin/letterhead', { ...letterhead, colour: 'red' })).status).toBe(400);
    const { fullName: _omitted, ...missing } = letterhead;
    expect((await call('PUT', '/admin/letterhead', missing)).status).toBe(400);
  });
});

describe('logo', () => {
  it('takes a PNG, serves it back, and audits it by size and SHA-256, never the bytes', async () => {
    const put = await putLogo(png);
    expect(put.status).toBe(200);
    expect(put.body.letterhead.logo).toMatchObject({ bytes: png.length, type: 'png' });
    const served = await fetch(`${server.url}/api/v1/admin/letterhead/logo`, { headers: admin });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const entry = (await journal())[0]!;
    expect(entry.fields).toEqual({
      logo: { old: null, new: { bytes: png.length, sha256: put.body.letterhead.logo.sha256 } },
    });
    const raw = await server.pool.query<{ fields: string }>(
      'SELECT fields::text FROM audit_log WHERE id = $1',
      [entry.id],
    );
    expect(raw.rows[0]!.fields).not.toContain(png.subarray(0, 16).toString('base64'));
  });

  it('judges the type by the bytes: a JPEG sent as octet-stream is taken, a text called image/png is not', async () => {
    const taken = await putLogo(jpeg, 'application/octet-stream');
    expect(taken.status).toBe(200);
    expect(taken.body.letterhead.logo.type).toBe('jpeg');
    const refused = await putLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'logo_type' } } });
    const empty = await putLogo(Buffer.alloc(0), 'image/png');
    expect(empty.status).toBe(400);
    const json = await call('PUT', '/admin/letterhead/logo', { logo: 'x' });
    expect(json.status).toBe(400);
    expect((await call('GET', '/admin/letterhead')).body.letterhead.logo.type).toBe('jpeg');
  });

  it('defect: a PNG broken after its signature was stored and every letter of the organisation then failed to render', async () => {
    const broken = png.subarray(0, 200);
    const refused = await putLogo(broken);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'logo_unreadable' } } });
    expect((await previewText()).status).toBe(200);
  });

  it('refuses a logo over 512 KiB with 413 and keeps the one stored', async () => {
    const large = Buffer.concat([png.subarray(0, 8), Buffer.alloc(512 * 1024)]);
    const refused = await putLogo(large);
    expect(refused).toMatchObject({ status: 413, body: { error: { code: 'logo_too_large' } } });
    expect((await call('GET', '/admin/letterhead')).body.letterhead.logo.type).toBe('jpeg');
  });

  it('removes the logo, audited, and then has none to serve', async () => {
    await putLogo(png);
    const removed = await call('DELETE', '/admin/letterhead/logo');
    expect(removed.status).toBe(200);
    expect(removed.body.letterhead.logo).toBeNull();
    expect((await call('GET', '/admin/letterhead/logo')).status).toBe(404);
    expect((await journal())[0]!.fields.logo).toMatchObject({ old: { bytes: png.length }, new: null });
  });
});

describe('sample letter', () => {
  it('is a PDF on the current letterhead: full name, address, outgoing number by the pattern, signatory', async () => {
    await putLogo(png);
    const preview = await previewText();
    expect(preview.status).toBe(200);
    expect(preview.head).toBe('%PDF-');
    expect(preview.text).toContain(letterhead.fullName);
    expect(preview.text).toContain(letterhead.address);
    expect(preview.text).toContain('П. П. Петров');
    expect(preview.text).toMatch(/01-0001\/\d{2}/);
    expect(preview.text).toContain('Уважаемый(ая) Иван Иванович!');
  });

  it('draws no outgoing number and records no letter', async () => {
    await previewText();
    const counters = await server.pool.query('SELECT 1 FROM outgoing_counters WHERE org_id = $1', [
      org.organisation.id,
    ]);
    const letters = await server.pool.query('SELECT 1 FROM letters WHERE org_id = $1', [org.organisation.id]);
    expect(counters.rowCount).toBe(0);
    expect(letters.rowCount).toBe(0);
  });

  it('follows a change made in the admin CLI, which keeps working beside the screen', async () => {
    await runLetterheadCommand(server.pool, [
      'letterhead-set',
      '--org',
      org.organisation.id,
      '--full-name',
      'Администрация округа Образцовый (изменено в консоли)',
    ]);
    expect((await previewText()).text).toContain('(изменено в консоли)');
    const entry = (await journal())[0]!;
    expect(entry).toMatchObject({
      action: 'organisation.letterhead_set',
      actorId: null,
      details: { source: 'cli' },
    });
    await call('PUT', '/admin/letterhead', letterhead);
  });
});

describe('classifier edition', () => {
  const edition = {
    format: 'okno-classifier/1',
    edition: 'Редакция округа 2026-01',
    sample: false,
    entries: [
      { code: '0005.0005.0000.0000', title: 'Жилище' },
      { code: '0005.0005.0056.0000', title: 'Коммунальное хозяйство' },
      { code: '0005.0005.0056.1153', title: 'Уборка снега' },
      { code: '0005.0005.0056.1154', title: 'Освещение улиц' },
      { code: '0005.0000.0000.0000', title: 'Жилищно-коммунальная сфера' },
    ],
  };

  it('shows the bundled sample until the organisation loads its own, and staff get none', async () => {
    const shown = await call('GET', '/admin/classifier');
    expect(shown.status).toBe(200);
    expect(shown.body.classifier).toMatchObject({
      edition: (sampleClassifierEdition as Json).edition,
      sample: true,
      bundled: true,
      loadedAt: null,
    });
    expect(shown.body.classifier.counts.questions).toBeGreaterThan(10);
    expect((await call('GET', '/classifier', undefined, operator)).body).toEqual({
      edition: null,
      loadedAt: null,
    });
  });

  it('loads an edition checked by loadClassifier, counts its levels, serves it to staff, and audits it', async () => {
    const loaded = await call('PUT', '/admin/classifier', edition);
    expect(loaded.status).toBe(200);
    expect(loaded.body.classifier).toMatchObject({
      edition: 'Редакция округа 2026-01',
      sample: false,
      bundled: false,
      loadedByName: org.users.admin.displayName,
      counts: { sections: 1, subjects: 1, topics: 1, questions: 2 },
    });
    const served = await call('GET', '/classifier', undefined, operator);
    expect(served.status).toBe(200);
    expect(served.body.edition).toEqual(edition);
    expect(served.body.loadedAt).toEqual(expect.any(Number));
    expect((await journal())[0]).toMatchObject({
      action: 'organisation.classifier_load',
      fields: {
        edition: { old: null, new: 'Редакция округа 2026-01' },
        sample: { old: null, new: false },
        entries: { old: null, new: 5 },
      },
    });
  });

  it.each([
    ['another format', { ...edition, format: 'csv' }, 'domain:classifier.formatUnknown'],
    ['no entries', { ...edition, entries: [] }, 'domain:classifier.entriesMissing'],
    [
      'a question without its topic',
      { ...edition, entries: [...edition.entries, { code: '0005.0005.0099.0001', title: 'Сирота' }] },
      'domain:classifier.parentMissing',
    ],
    [
      'a duplicate code',
      { ...edition, entries: [...edition.entries, { code: '0005.0005.0056.1153', title: 'Снова' }] },
      'domain:classifier.duplicateCode',
    ],
  ])('refuses %s with the loader’s reason and keeps the edition before', async (_name, body, key) => {
    const refused = await call('PUT', '/admin/classifier', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'classifier_invalid', details: { key } });
    expect((await call('GET', '/classifier', undefined, operator)).body.edition).toEqual(edition);
  });

  it('refuses a body over 8 MiB with 413', async () => {
    const huge = { ...edition, note: 'x'.repeat(9 * 1024 * 1024) };
    expect((await call('PUT', '/admin/classifier', huge)).status).toBe(413);
  });

  it('keeps each organisation its own edition', async () => {
    expect((await call('GET', '/classifier', undefined, otherAdmin)).body.edition).toBeNull();
    expect((await call('GET', '/admin/classifier', undefined, otherAdmin)).body.classifier.bundled).toBe(
      true,
    );
  });
});

describe('who may', () => {
  it('refuses every route to a non-administrator with 403 and changes nothing', async () => {
    const before = await loadLetterhead(server.pool, org.organisation.id);
    for (const [method, route, body] of [
      ['GET', '/admin/letterhead'],
      ['PUT', '/admin/letterhead', letterhead],
      ['GET', '/admin/letterhead/logo'],
      ['DELETE', '/admin/letterhead/logo'],
      ['GET', '/admin/letterhead/preview.pdf'],
      ['GET', '/admin/classifier'],
      ['PUT', '/admin/classifier', { format: 'okno-classifier/1' }],
    ] as const) {
      expect((await call(method, route, body, operator)).status, `${method} ${route}`).toBe(403);
    }
    expect((await putLogo(png, 'image/png', operator)).status).toBe(403);
    expect(await loadLetterhead(server.pool, org.organisation.id)).toEqual(before);
  });

  it("lets another organisation's administrator reach only their own letterhead", async () => {
    const theirs = await call('GET', '/admin/letterhead', undefined, otherAdmin);
    expect(theirs.body.letterhead.fullName).toBe(other.organisation.name);
    expect(theirs.text).not.toContain(letterhead.fullName);
  });
});
