/**
 * Scans of reception and postal appeals (issue 10), over real HTTP and PostgreSQL: an official uploads
 * the applicant's written appeal to `POST /api/v1/appeals/:id/scans` under the shared scan rule (PDF,
 * JPEG, PNG up to 20 MB; TIFF refused with its own code), scope-checked like the appeal's other files
 * and audited; the appeal then names the scan in its `attachments` through the sync push, and the
 * appeals writer keeps it only when it was uploaded to that appeal by that organisation.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { type ChannelTestEnv, type Json, startChannelServer } from '../channels/support';
import { loginAs, seedTestOrg, type TestUser } from '../setup/db';
import { createAppeals, editAppeal, masterOf, newFormalAppeal } from '../sync/fixtures';

const pdfBytes = Buffer.from('%PDF-1.7\nзаявление о ремонте кровли, подпись заявителя\n%%EOF');
const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const mb = 1024 * 1024;

let env: ChannelTestEnv;
let reception: Json;
let postal: Json;
let chat: Json;

const headersOf = async (user: TestUser) => (await loginAs(env.server, user)).headers;
const target = async (user: TestUser) => ({ url: env.server.url, headers: await headersOf(user) });

async function uploadScan(user: TestUser, appealId: string, name: string, bytes: Buffer, type = '') {
  const query = new URLSearchParams({ name, ...(type ? { type } : {}) });
  return fetch(`${env.server.url}/api/v1/appeals/${appealId}/scans?${query}`, {
    method: 'POST',
    headers: { ...(await headersOf(user)), 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
}

async function uploaded(user: TestUser, appealId: string, name: string, bytes: Buffer): Promise<Json> {
  const response = await uploadScan(user, appealId, name, bytes);
  expect(response.status).toBe(201);
  return ((await response.json()) as Json).file;
}

const audits = async (userId: string, action: string) =>
  (
    await env.server.pool.query<{ entity_id: string; details: Json }>(
      'SELECT entity_id, details FROM audit_log WHERE actor_user_id = $1 AND action = $2 ORDER BY id',
      [userId, action],
    )
  ).rows;

beforeAll(async () => {
  env = await startChannelServer();
  const { organisation, departments, users } = env.org;
  const d1 = departments.d1.id;
  [reception, postal, chat] = await createAppeals(env.server.pool, await target(users.operator1), [
    newFormalAppeal(organisation.id, d1, { channel: 'reception', subject: 'Протекает кровля' }),
    newFormalAppeal(organisation.id, d1, { channel: 'post', subject: 'Письмо о кровле' }),
    newFormalAppeal(organisation.id, d1, { channel: 'email', subject: 'Кровля по почте' }),
  ]);
});

afterAll(async () => {
  await env?.server.close();
});

describe('an official uploads a scan of a paper appeal', () => {
  it('stores a PDF with secrets-grade permissions, audits the upload and answers its metadata', async () => {
    const { operator1 } = env.org.users;
    const response = await uploadScan(operator1, reception.id, 'Заявление.pdf', pdfBytes, 'application/pdf');
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as Json;
    const sha256 = createHash('sha256').update(pdfBytes).digest('hex');
    expect(file).toMatchObject({
      name: 'Заявление.pdf',
      mimeType: 'application/pdf',
      size: pdfBytes.length,
      sha256,
    });
    const stored = path.join(env.dataDir, 'attachments', sha256.slice(0, 2), sha256);
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(stored)).mode & 0o777).toBe(0o700);
    expect((await audits(operator1.id, 'appeal.scan.upload')).at(-1)).toEqual({
      entity_id: reception.id,
      details: { fileId: file.id, mimeType: 'application/pdf', size: pdfBytes.length },
    });
  });

  it("refuses another department's official (403) and another organisation's admin (404), storing nothing", async () => {
    const { operator2 } = env.org.users;
    const other = await seedTestOrg(env.server.pool);
    expect((await uploadScan(operator2, postal.id, 'скан.pdf', pdfBytes)).status).toBe(403);
    expect((await uploadScan(other.users.admin, postal.id, 'скан.pdf', pdfBytes)).status).toBe(404);
    expect((await uploadScan(env.org.users.operator1, 'no-such-appeal', 'скан.pdf', pdfBytes)).status).toBe(
      404,
    );
    const rows = await env.server.pool.query('SELECT 1 FROM appeal_scans WHERE appeal_id = $1', [postal.id]);
    expect(rows.rowCount).toBe(0);
    expect(await audits(operator2.id, 'appeal.scan.upload')).toEqual([]);
  });

  it('refuses TIFF with its own code, office documents, a renamed program, an empty file and one over 20 MB', async () => {
    const { operator1 } = env.org.users;
    const code = async (response: Response) => [
      response.status,
      ((await response.json()) as Json).error.code,
    ];
    expect(await code(await uploadScan(operator1, postal.id, 'scan0001.tif', Buffer.from('II*\0')))).toEqual([
      415,
      'file_tiffRefused',
    ]);
    expect(await code(await uploadScan(operator1, postal.id, 'письмо.docx', Buffer.from('PK')))).toEqual([
      415,
      'file_typeRefused',
    ]);
    expect(await code(await uploadScan(operator1, postal.id, 'скан.pdf', Buffer.from('MZ\x90\0')))).toEqual([
      415,
      'file_typeRefused',
    ]);
    expect(await code(await uploadScan(operator1, postal.id, 'пусто.png', Buffer.alloc(0)))).toEqual([
      415,
      'file_empty',
    ]);
    const tooLarge = await uploadScan(
      operator1,
      postal.id,
      'огромный.pdf',
      Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(20 * mb)]),
    );
    expect(tooLarge.status).toBe(413);
  });

  it('refuses a scan for an appeal that did not come on paper (409)', async () => {
    const response = await uploadScan(env.org.users.operator1, chat.id, 'скан.pdf', pdfBytes);
    expect(response.status).toBe(409);
    expect(((await response.json()) as Json).error.code).toBe('scan_notPaperAppeal');
  });
});

describe('the appeal names its scans through the sync', () => {
  it('keeps an uploaded scan on the appeal, and staff of its department open it (audited)', async () => {
    const { operator1, head1 } = env.org.users;
    const scan = await uploaded(operator1, postal.id, 'Письмо заявителя.png', pngBytes);
    const { body } = await editAppeal(env.server.pool, await target(operator1), postal.id, {
      attachments: [scan],
    });
    expect(body.refusals ?? []).toEqual([]);
    expect((await masterOf(env.server.pool, 'sync_appeals', postal.id)).attachments).toEqual([scan]);
    const response = await fetch(`${env.server.url}/api/v1/appeals/${postal.id}/files/${scan.id}`, {
      headers: await headersOf(head1),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pngBytes);
    expect((await audits(head1.id, 'appeal.file.download')).at(-1)?.details).toEqual({
      fileId: scan.id,
      source: 'scan',
      mimeType: 'image/png',
    });
  });

  it('defect: a scan opened right after its upload, before the push that names it on the appeal, answered 404', async () => {
    const { operator1 } = env.org.users;
    const scan = await uploaded(operator1, reception.id, 'Опись вложения.pdf', pdfBytes);
    expect((await masterOf(env.server.pool, 'sync_appeals', reception.id)).attachments).not.toContainEqual(
      scan,
    );
    const response = await fetch(`${env.server.url}/api/v1/appeals/${reception.id}/files/${scan.id}`, {
      headers: await headersOf(operator1),
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdfBytes);
    // Another appeal the official sees does not open it.
    const elsewhere = await fetch(`${env.server.url}/api/v1/appeals/${postal.id}/files/${scan.id}`, {
      headers: await headersOf(operator1),
    });
    expect(elsewhere.status).toBe(404);
  });

  it("refuses a scan uploaded to another appeal, a made-up one and a changed description; the server's list stays", async () => {
    const { operator1 } = env.org.users;
    const fresh = newFormalAppeal(env.org.organisation.id, env.org.departments.d1.id, {
      channel: 'reception',
    });
    const [other] = await createAppeals(env.server.pool, await target(operator1), [fresh]);
    const foreign = await uploaded(operator1, other.id, 'чужой скан.pdf', pdfBytes);
    const before = (await masterOf(env.server.pool, 'sync_appeals', postal.id)).attachments;
    const own = before[0];
    for (const attachments of [
      [...before, foreign],
      [...before, { ...foreign, id: 'made-up-scan-id' }],
      [{ ...own, name: 'переименован.png' }],
      [],
    ]) {
      const { body } = await editAppeal(env.server.pool, await target(operator1), postal.id, { attachments });
      expect(body.refusals).toEqual([
        expect.objectContaining({ id: postal.id, code: 'sync:refusal.appealScans', fields: ['attachments'] }),
      ]);
      expect((await masterOf(env.server.pool, 'sync_appeals', postal.id)).attachments).toEqual(before);
    }
    // The foreign scan is not opened through this appeal either.
    const response = await fetch(`${env.server.url}/api/v1/appeals/${postal.id}/files/${foreign.id}`, {
      headers: await headersOf(operator1),
    });
    expect(response.status).toBe(404);
  });

  it('refuses a scan on a new appeal: a desktop names it only once the upload to that appeal succeeded', async () => {
    const { operator1 } = env.org.users;
    const scan = await uploaded(operator1, reception.id, 'ещё скан.pdf', pdfBytes);
    const fresh = newFormalAppeal(env.org.organisation.id, env.org.departments.d1.id, {
      channel: 'reception',
      attachments: [scan],
    });
    const [stored] = await createAppeals(env.server.pool, await target(operator1), [fresh]);
    expect(stored.attachments).toEqual([]);
  });
});
