import 'fake-indexeddb/auto';
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { ApiResult } from '../../../../renderer/api/client';
import { createOknoDatabase } from '../../../../renderer/db/database';
import { attachToLocalAppeal, type PendingScan, ScanQueue } from '../../../../renderer/db/scan-queue';
import type { AttachmentMeta } from '../../../../shared/model/attachment';
import { appealFixture } from '../../shared/model/fixtures';

const pdf = () => new File(['%PDF-1.7 заявление'], 'Заявление.pdf', { type: 'application/pdf' });
const metaOf = (name: string, id = 'scan-1'): AttachmentMeta => ({
  id,
  name,
  mimeType: 'application/pdf',
  size: 22,
  sha256: 'a'.repeat(64),
});

/** A server answering the uploads in turn (then accepting), recording what it got. */
function scriptedServer(...answers: ApiResult<AttachmentMeta>[]) {
  const uploads: { appealId: string; name: string; text: string }[] = [];
  const upload = async (appealId: string, scan: Blob, name: string): Promise<ApiResult<AttachmentMeta>> => {
    uploads.push({ appealId, name, text: await scan.text() });
    return answers.shift() ?? { ok: true, value: metaOf(name) };
  };
  return { uploads, upload };
}

function pendingOf(queue: ScanQueue, appealId: string): readonly PendingScan[] {
  let scans: readonly PendingScan[] = [];
  queue
    .scansOf(appealId)
    .subscribe((value) => {
      scans = value;
    })
    .unsubscribe();
  return scans;
}

const store = () => `db${randomToken(8).toLowerCase()}`;
const attached: { appealId: string; meta: AttachmentMeta }[] = [];
const attach = async (appealId: string, meta: AttachmentMeta) => {
  attached.push({ appealId, meta });
};

beforeEach(() => {
  attached.length = 0;
});

describe('the queue of scans waiting for the server', () => {
  it('keeps a scan while offline or while the appeal has not reached the server, then uploads and names it once', async () => {
    const server = scriptedServer(
      { ok: false, error: { kind: 'network' } },
      { ok: false, error: { kind: 'server', status: 404, code: 'not_found' } },
    );
    const queue = new ScanQueue(store(), server.upload, attach, 60_000);
    expect(await queue.add('appeal-1', pdf())).toBeNull();
    await queue.flush();
    expect(pendingOf(queue, 'appeal-1')).toEqual([
      expect.objectContaining({ name: 'Заявление.pdf', state: 'waiting', code: null }),
    ]);
    await queue.flush();
    expect(pendingOf(queue, 'appeal-1')).toHaveLength(1);
    expect(queue.waitingCount).toBe(1);
    await queue.flush();
    expect(server.uploads.map((u) => [u.appealId, u.name, u.text])).toEqual([
      ['appeal-1', 'Заявление.pdf', '%PDF-1.7 заявление'],
      ['appeal-1', 'Заявление.pdf', '%PDF-1.7 заявление'],
      ['appeal-1', 'Заявление.pdf', '%PDF-1.7 заявление'],
    ]);
    expect(attached).toEqual([{ appealId: 'appeal-1', meta: metaOf('Заявление.pdf') }]);
    expect(pendingOf(queue, 'appeal-1')).toEqual([]);
    expect(queue.waitingCount).toBe(0);
    queue.stop();
  });

  it('loses nothing when the app is closed: a new session finds the scan and uploads it', async () => {
    const name = store();
    const offline = scriptedServer({ ok: false, error: { kind: 'network' } });
    const before = new ScanQueue(name, offline.upload, attach, 60_000);
    await before.add('appeal-2', pdf());
    await before.flush();
    before.stop();

    const online = scriptedServer();
    const after = new ScanQueue(name, online.upload, attach, 60_000);
    after.start();
    await vi.waitFor(() => expect(attached).toHaveLength(1));
    expect(online.uploads.map((u) => u.appealId)).toEqual(['appeal-2']);
    expect(pendingOf(after, 'appeal-2')).toEqual([]);
    after.stop();
  });

  it('shows a scan the server refused with its code, tries it no more, and lets the official remove it', async () => {
    const server = scriptedServer({
      ok: false,
      error: { kind: 'server', status: 415, code: 'file_typeRefused' },
    });
    const queue = new ScanQueue(store(), server.upload, attach, 60_000);
    await queue.add('appeal-3', pdf());
    await queue.flush();
    await queue.flush();
    const [refused] = pendingOf(queue, 'appeal-3');
    expect(refused).toMatchObject({ state: 'refused', code: 'file_typeRefused' });
    expect(server.uploads).toHaveLength(1);
    await queue.remove(refused!.id);
    expect(pendingOf(queue, 'appeal-3')).toEqual([]);
    queue.stop();
  });

  it('refuses a TIFF or an empty file before keeping anything', async () => {
    const server = scriptedServer();
    const queue = new ScanQueue(store(), server.upload, attach, 60_000);
    expect(await queue.add('appeal-4', new File(['II*'], 'scan0001.tif', { type: 'image/tiff' }))).toBe(
      'tiffRefused',
    );
    expect(await queue.add('appeal-4', new File([], 'пусто.pdf'))).toBe('empty');
    expect(pendingOf(queue, 'appeal-4')).toEqual([]);
    expect(server.uploads).toEqual([]);
    queue.stop();
  });
});

describe('naming an uploaded scan on the local appeal', () => {
  it('adds it to the appeal’s files once, with a later edit time the replication pushes', async () => {
    const db = await createOknoDatabase({ name: store(), storage: getRxStorageMemory() });
    try {
      await db.appeals.insert(appealFixture({ id: 'a-1', attachments: [], updatedAt: 1_000 }));
      const attachScan = attachToLocalAppeal(db, () => 500);
      await attachScan('a-1', metaOf('Заявление.pdf'));
      await attachScan('a-1', metaOf('Заявление.pdf'));
      const appeal = await db.appeals.findOne('a-1').exec();
      expect(appeal?.toJSON().attachments).toEqual([metaOf('Заявление.pdf')]);
      expect(appeal?.updatedAt).toBe(1_001);
      await attachScan('gone', metaOf('x.pdf'));
    } finally {
      await db.remove();
    }
  });
});

describe('a scan whose appeal could not be written locally', () => {
  it('keeps it with the server’s metadata and names it on the next run, without uploading it again', async () => {
    const server = scriptedServer();
    let failing = true;
    const flaky = async (appealId: string, meta: AttachmentMeta) => {
      if (failing) throw new Error('database closed');
      attached.push({ appealId, meta });
    };
    const queue = new ScanQueue(store(), server.upload, flaky, 60_000);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await queue.add('appeal-5', pdf());
    await queue.flush();
    expect(pendingOf(queue, 'appeal-5')).toHaveLength(1);
    failing = false;
    await queue.flush();
    expect(server.uploads).toHaveLength(1);
    expect(attached).toEqual([{ appealId: 'appeal-5', meta: metaOf('Заявление.pdf') }]);
    expect(pendingOf(queue, 'appeal-5')).toEqual([]);
    queue.stop();
  });
});
