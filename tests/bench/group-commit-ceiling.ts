/**
 * The ceiling of durable webhook intake (issue 15), run by tests/bench/ingest.bench.ts as a child
 * process (`node --import tsx tests/bench/group-commit-ceiling.ts`) on the bench's own PostgreSQL:
 * a bare node:http server that appends each request's raw body to one table and answers 200 only
 * after the body's batch committed. Every 5 ms the bodies that arrived meanwhile go out in ONE
 * `INSERT … SELECT unnest($1)` (its own transaction, synchronous_commit on, so one WAL flush per
 * batch); batches may overlap on a pool of 4 connections. Nothing of Okno's design is in the way:
 * no routing framework, no authentication, no parsing, no idempotency key, no processing after.
 *
 * Environment: DATABASE_URL, PORT (0: any free port). Prints `listening <port>` when ready.
 */
import http from 'node:http';
import pg from 'pg';

const flushMs = 5;

interface Waiting {
  body: string;
  res: http.ServerResponse;
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
await pool.query(
  `CREATE TABLE IF NOT EXISTS ceiling_events (id bigserial PRIMARY KEY, body text NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now())`,
);
await pool.query('SET synchronous_commit = on');

let waiting: Waiting[] = [];

async function flush(batch: Waiting[]): Promise<void> {
  try {
    await pool.query({
      name: 'ceiling-batch',
      text: 'INSERT INTO ceiling_events (body) SELECT unnest($1::text[])',
      values: [batch.map((w) => w.body)],
    });
    for (const w of batch) {
      w.res.writeHead(200, { 'content-type': 'application/json' });
      w.res.end('{"ok":true}');
    }
  } catch {
    for (const w of batch) {
      w.res.writeHead(503);
      w.res.end();
    }
  }
}

setInterval(() => {
  if (waiting.length === 0) return;
  const batch = waiting;
  waiting = [];
  void flush(batch);
}, flushMs);

const server = http.createServer({ keepAlive: true }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => waiting.push({ body: Buffer.concat(chunks).toString('utf8'), res }));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT) || 0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
