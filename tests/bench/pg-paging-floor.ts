/**
 * The floor of the sync benchmark's pull (issue 15): a bare node:http server that pages the stored
 * appeal documents of one organisation out of PostgreSQL by keyset — one
 * `SELECT seq, doc::text … WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3` per page — and
 * answers `{ documents, checkpoint }` with the stored JSON text concatenated. No authentication,
 * scope, session, archive window or framework: what the same 100,000 documents cost with nothing of
 * Okno's design in the way. Run as a child process (like the real server) by tests/bench/sync.bench.ts:
 *   DATABASE_URL=… FLOOR_ORG_ID=… node --import tsx tests/bench/pg-paging-floor.ts
 * It prints its port on stdout once listening.
 */
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const orgId = process.env.FLOOR_ORG_ID ?? '';
const sql = `SELECT seq, doc::text AS doc FROM sync_appeals
              WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://floor');
  const after = Number(url.searchParams.get('after') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 1000);
  pool.query<{ seq: string; doc: string }>(sql, [orgId, after, limit]).then(
    ({ rows }) => {
      const last = rows.at(-1)?.seq ?? String(after);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(`{"documents":[${rows.map((r) => r.doc).join(',')}],"checkpoint":{"seq":${last}}}`);
    },
    (error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
