/**
 * A desktop-like replication client for the sync tests: RxDB's replicateRxCollection with pull/push
 * handlers over HTTP and the SSE stream read with fetch (Node has no EventSource), exactly as the
 * renderer wires it (server/src/sync/README.md, "Client wiring").
 */

import type { RxCollection } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';

/** Response bodies are inspected ad hoc in tests (documents, conflicts, errors). */
// biome-ignore lint/suspicious/noExplicitAny: test-only view of arbitrary JSON responses
export type Json = any;

export interface SyncTarget {
  url: string;
  headers: Record<string, string>;
}

export interface StreamHandle {
  close(): void;
  /** Resolves once the response headers arrived. */
  opened: Promise<void>;
  /** Resolves when the server ends the stream (or it is closed here). */
  ended: Promise<void>;
}

/** Reads `data:` messages of a server-sent-events response; parses each as JSON. */
export function openStream(
  url: string,
  headers: Record<string, string>,
  onData: (data: unknown) => void,
): StreamHandle {
  const controller = new AbortController();
  const opened = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`stream ${url}: ${response.status}`);
    return response;
  })();
  const ended = opened
    .then(async (response) => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) onData(JSON.parse(data));
          end = buffer.indexOf('\n\n');
        }
      }
    })
    .catch(() => {});
  return { close: () => controller.abort(), opened: opened.then(() => undefined), ended };
}

export async function pullOnce(
  target: SyncTarget,
  collection: string,
  checkpoint: unknown,
  limit = 100,
): Promise<{ status: number; body: Json }> {
  const query = `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint ?? null))}&limit=${limit}`;
  const response = await fetch(`${target.url}/api/v1/sync/${collection}/pull?${query}`, {
    headers: target.headers,
  });
  return { status: response.status, body: await response.json() };
}

/** Pulls everything from the beginning. */
export async function pullAll(target: SyncTarget, collection: string): Promise<Json[]> {
  const byId = new Map<string, Json>();
  let checkpoint: unknown = null;
  for (;;) {
    const { status, body } = await pullOnce(target, collection, checkpoint, 1000);
    if (status !== 200) throw new Error(`pull ${collection}: ${status} ${JSON.stringify(body)}`);
    for (const doc of body.documents) byId.set(doc.id ?? doc.passportId, doc);
    checkpoint = body.checkpoint;
    if (body.documents.length < 1000) return [...byId.values()];
  }
}

export async function pushRows(
  target: SyncTarget,
  collection: string,
  rows: unknown,
  query = '',
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${target.url}/api/v1/sync/${collection}/push${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: typeof rows === 'string' ? rows : JSON.stringify(rows),
  });
  return { status: response.status, body: await response.json() };
}

/** A call of the JSON API as `target`; a body, when given, goes as JSON. */
export async function callApi(
  target: SyncTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { ...target.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

export interface ReplicateOptions {
  live?: boolean;
  batchSize?: number;
  /** Server collection name when it differs from the local one. */
  remoteName?: string;
}

export function replicateWithServer<T>(
  collection: RxCollection<T>,
  target: SyncTarget,
  options: ReplicateOptions = {},
): RxReplicationState<T, unknown> {
  const name = options.remoteName ?? collection.name;
  const live = options.live ?? true;
  const stream$ = new Subject<Json>();
  const state = replicateRxCollection<T, unknown>({
    collection,
    replicationIdentifier: `okno-${name}-${target.url}`,
    live,
    retryTime: 300,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: options.batchSize ?? 100,
      async handler(checkpoint, batchSize) {
        const { status, body } = await pullOnce(target, name, checkpoint, batchSize);
        if (status !== 200) throw new Error(`pull ${name}: ${status} ${JSON.stringify(body)}`);
        return body;
      },
      stream$: stream$.asObservable(),
    },
    push: {
      batchSize: options.batchSize ?? 100,
      async handler(rows) {
        const { status, body } = await pushRows(target, name, rows);
        if (status !== 200) throw new Error(`push ${name}: ${status} ${JSON.stringify(body)}`);
        return body;
      },
    },
  });
  if (live) {
    const stream = openStream(`${target.url}/api/v1/sync/${name}/stream`, target.headers, (data) =>
      stream$.next(data === 'RESYNC' ? 'RESYNC' : data),
    );
    state.onCancel.push(() => stream.close());
  }
  return state;
}
