#!/usr/bin/env node
/**
 * A small local load balancer for several Okno server processes on one PostgreSQL (issue 15, «Past one
 * machine»): node:http, round-robin per request, bodies and answers streamed through unbuffered — a
 * sync stream (server-sent events) stays open and each event passes as it is written. A local / dev
 * tool for the scale-out benchmark and for trying several processes on one machine; in production
 * put nginx or HAProxy in front (docs/DEPLOYMENT.md).
 *
 *   node scripts/balancer.mjs --port 8080 http://127.0.0.1:3001 http://127.0.0.1:3002 …
 *
 * Listens on HOST (default 127.0.0.1). Prints `listening <port>` on stdout once ready (`--port 0` picks a free one). An upstream that
 * refuses the connection is skipped for 2 s and a GET/HEAD is tried on the next one; anything else
 * that fails before an answer gets 502 `{ error: { code: 'upstream_unavailable', message } }`.
 * Sets X-Forwarded-For / X-Forwarded-Proto like a reverse proxy does.
 */
import http from 'node:http';

const args = process.argv.slice(2);
let port = 8080;
const upstreams = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = Number(args[++i]);
  else upstreams.push(new URL(args[i]));
}
if (upstreams.length === 0 || !Number.isInteger(port)) {
  process.stderr.write('usage: node scripts/balancer.mjs --port <port> <upstream url> [<upstream url> …]\n');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const downUntil = new Map();
let next = 0;

/** The next upstream in turn that is not resting after a refused connection. */
function pick() {
  const now = Date.now();
  for (let tried = 0; tried < upstreams.length; tried++) {
    const upstream = upstreams[next++ % upstreams.length];
    if ((downUntil.get(upstream.href) ?? 0) <= now) return upstream;
  }
  return upstreams[next++ % upstreams.length];
}

function fail(response, message) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ error: { code: 'upstream_unavailable', message } }));
}

function forward(request, response, attemptsLeft) {
  const upstream = pick();
  const forwardedFor = request.headers['x-forwarded-for'];
  const client = request.socket.remoteAddress ?? '';
  const outgoing = http.request({
    agent,
    host: upstream.hostname,
    port: upstream.port,
    method: request.method,
    path: request.url,
    headers: {
      ...request.headers,
      'x-forwarded-for': forwardedFor ? `${forwardedFor}, ${client}` : client,
      'x-forwarded-proto': 'http',
    },
  });
  outgoing.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    // Server-sent events: send the headers now, then each chunk as it comes.
    response.flushHeaders();
    answer.pipe(response);
    answer.on('error', () => response.destroy());
  });
  outgoing.on('error', (error) => {
    const refused = error.code === 'ECONNREFUSED';
    if (refused) downUntil.set(upstream.href, Date.now() + 2000);
    const idempotent = request.method === 'GET' || request.method === 'HEAD';
    if (refused && idempotent && attemptsLeft > 1 && !response.headersSent) {
      forward(request, response, attemptsLeft - 1);
    } else {
      fail(response, `upstream ${upstream.host}: ${error.message}`);
    }
  });
  // The client went away (a closed stream): drop the upstream request too.
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  if (request.method === 'GET' || request.method === 'HEAD') outgoing.end();
  else request.pipe(outgoing);
}

const server = http.createServer((request, response) => forward(request, response, upstreams.length));
server.keepAliveTimeout = 65_000;
server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    agent.destroy();
    process.exit(0);
  });
}
