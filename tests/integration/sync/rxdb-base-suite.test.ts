/**
 * RxDB's own conformance suite for replication plugins, run against Okno's sync endpoints with the
 * test-only collection `syncTestHumans` (RxDB's `human` schema), as a supervisor of a seeded org.
 */

import type { RxCollection } from 'rxdb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { replicateWithServer, type SyncTarget } from './client';

// The suite opens databases with `ignoreDuplicate`, which RxDB allows only in dev-mode.
addRxPlugin(RxDBDevModePlugin);
setConfig({
  storage: {
    name: 'memory',
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({ storage: getRxStorageMemory(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: true,
    hasReplication: true,
  },
});

let server: TestServer;
let org: TestOrg;
let target: SyncTarget;

beforeAll(async () => {
  process.env.OKNO_SYNC_TEST_COLLECTION = '1';
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  const session = await loginAs(server, org.users.supervisor);
  target = { url: server.url, headers: session.headers };
});
afterAll(async () => {
  await server?.close();
});

const replicate = (collection: RxCollection, live: boolean) =>
  replicateWithServer(collection, target, { live, remoteName: 'syncTestHumans' });

describe('RxDB base replication suite against /api/v1/sync', () => {
  runReplicationBaseTestSuite({
    startReplication: (collection: RxCollection) => replicate(collection, true),
    syncOnce: async (collection: RxCollection) => {
      const state = replicate(collection, false);
      await state.awaitInitialReplication();
      await state.cancel();
    },
    getAllServerDocs: async () => {
      const result = await server.pool.query('SELECT doc FROM sync_test_docs WHERE org_id = $1', [
        org.organisation.id,
      ]);
      return result.rows.map((r) => r.doc);
    },
    cleanUpServer: async () => {
      await server.pool.query('DELETE FROM sync_test_docs');
    },
    softDeletes: true,
    isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
    getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
  } as never);
});
