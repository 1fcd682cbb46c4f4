import type { IncomingHttpHeaders } from 'node:http';
import { listen, readBody } from './http';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: string;
}

/**
 * A stand-in webhook endpoint for testing the drivers themselves: records every request and
 * answers from a script (then with `fallback`).
 */
export async function startRecordingReceiver(fallback: ScriptedAnswer, script: ScriptedAnswer[] = []) {
  const received: ReceivedRequest[] = [];
  const answers = [...script];
  const server = await listen(async (req, res) => {
    const body = (await readBody(req, 64 * 1024 * 1024)).toString('utf8');
    received.push({ path: req.url ?? '/', headers: req.headers, body });
    const answer = answers.shift() ?? fallback;
    res.writeHead(answer.status, { 'content-type': 'text/plain' });
    res.end(answer.body ?? '');
  });
  return { url: server.url, received, close: () => server.close() };
}
