import type { OknoDatabase } from '../../../../renderer/db/database';
import type { AuthSession } from '../../../../renderer/sync/auth-session';
import { startSync } from '../../../../renderer/sync/replication';
import { fakeSession, memoryDatabase, pulled, silentSource } from './support';

/**
 * A server whose first answer to the organisations pull never comes (a link that hangs), until the
 * request is aborted; every later request is answered at once.
 */
function hangingOnce(requests: string[]): AuthSession {
  let hung = false;
  return fakeSession((path, init = {}) => {
    requests.push(path);
    if (!hung && path.startsWith('/api/v1/sync/organisations/pull')) {
      hung = true;
      return new Promise<Response>((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }
    return Promise.resolve(pulled());
  });
}

const pullsOfOrganisations = (requests: string[]) =>
  requests.filter((path) => path.startsWith('/api/v1/sync/organisations/pull')).length;

describe('a sync request that hangs', () => {
  let db: OknoDatabase;
  beforeEach(async () => {
    db = await memoryDatabase();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('regression (a hung request held the replication forever; an offline journey stayed at 3 unsynced): is abandoned and sent again at once when the official presses retry', async () => {
    const requests: string[] = [];
    const sync = startSync({ db, auth: hangingOnce(requests), storage: null, eventSource: silentSource });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pullsOfOrganisations(requests)).toBe(1);
      sync.retry();
      await sync.awaitInSync(2_000);
      expect(pullsOfOrganisations(requests)).toBeGreaterThanOrEqual(2);
    } finally {
      await sync.stop();
    }
  });

  it('regression (a hung request held the replication forever): is given up after its timeout and retried', async () => {
    const requests: string[] = [];
    const sync = startSync({
      db,
      auth: hangingOnce(requests),
      storage: null,
      eventSource: silentSource,
      requestTimeoutMs: 100,
    });
    try {
      await sync.awaitInSync(5_000);
      expect(pullsOfOrganisations(requests)).toBeGreaterThanOrEqual(2);
    } finally {
      await sync.stop();
    }
  });
});
