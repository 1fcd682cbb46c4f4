import type { OknoDatabase } from '../../../../renderer/db/database';
import type { AuthSession } from '../../../../renderer/sync/auth-session';
import { startSync, syncedCollections } from '../../../../renderer/sync/replication';
import { defaultOrganisationSettings } from '../../../../shared/model/organisation';
import { fakeSession, memoryDatabase, pulled, silentSource } from './support';

const organisation = {
  id: 'org-1',
  name: 'Администрация города',
  settings: { ...defaultOrganisationSettings, timeZone: 'Asia/Yekaterinburg' },
  updatedAt: 1_700_000_000_000,
  _deleted: false,
};

/** A server that serves one organisation and nothing else; records what was asked. */
function fakeAuth(requests: string[]): AuthSession {
  return fakeSession(async (path) => {
    requests.push(path);
    const collection = /\/sync\/(\w+)\/pull/.exec(path)?.[1];
    const first = path.includes('checkpoint=null');
    return pulled(collection === 'organisations' && first ? [organisation] : []);
  });
}

describe('replication of the organisation', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await memoryDatabase();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('pulls the user’s organisation with its settings first, and never pushes it', async () => {
    expect(syncedCollections[0]).toBe('organisations');
    const requests: string[] = [];
    const sync = startSync({ db, auth: fakeAuth(requests), storage: null, eventSource: silentSource });
    try {
      await sync.awaitInSync(5_000);
      const stored = await db.organisations.findOne('org-1').exec();
      expect(stored?.settings.timeZone).toBe('Asia/Yekaterinburg');
      expect(requests.some((path) => path.startsWith('/api/v1/sync/organisations/pull'))).toBe(true);
      expect(requests.some((path) => path.includes('/organisations/push'))).toBe(false);
      expect(requests.some((path) => path.includes('/organisations/stream'))).toBe(false);
    } finally {
      await sync.stop();
    }
  });

  it('pulls the organisation again on the periodic re-sync of the quiet collections', async () => {
    const requests: string[] = [];
    const sync = startSync({
      db,
      auth: fakeAuth(requests),
      storage: null,
      eventSource: silentSource,
      pollMs: 50,
    });
    try {
      await sync.awaitInSync(5_000);
      const before = requests.filter((path) => path.includes('/organisations/pull')).length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = requests.filter((path) => path.includes('/organisations/pull')).length;
      expect(after).toBeGreaterThan(before);
    } finally {
      await sync.stop();
    }
  });
});
