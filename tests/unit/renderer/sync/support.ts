/** A server stand-in for the replication tests: a memory database, a fake session, a silent stream. */
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../renderer/db/database';
import type { AuthSession } from '../../../../renderer/sync/auth-session';
import type { EventSourceLike } from '../../../../renderer/sync/stream';

export const silentSource = (): EventSourceLike => ({
  onmessage: null,
  onerror: null,
  onopen: null,
  close() {},
});

export function memoryDatabase(): Promise<OknoDatabase> {
  return createOknoDatabase({ name: `db${randomToken(8).toLowerCase()}`, storage: getRxStorageMemory() });
}

/** The answer to a pull: these documents, then the checkpoint. */
export function pulled(documents: unknown[] = [], seq = 1): Response {
  return new Response(JSON.stringify({ documents, checkpoint: { seq } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/** A signed-in session whose requests go to `fetch`. */
export function fakeSession(fetch: (path: string, init?: RequestInit) => Promise<Response>): AuthSession {
  return { accessToken: 'token', fetch, onEnded: () => () => {} } as unknown as AuthSession;
}
