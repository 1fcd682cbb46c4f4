import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake listening on 127.0.0.1 with an OS-assigned port. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * Starts `handler` on port 0. `beforeClose` runs first so that held long-poll requests can be
 * answered before the sockets are torn down.
 */
export async function listen(handler: RequestHandler, beforeClose?: () => void): Promise<RunningServer> {
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`fake server failure: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      beforeClose?.();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLargeError(`request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** A file part of a multipart request. */
export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Request parameters as they came over the wire, before any schema-driven coercion. */
export interface WireParams {
  readonly encoding: 'none' | 'json' | 'form' | 'multipart' | 'other';
  /** Query string merged with the body; body values win. JSON bodies keep their types. */
  readonly fields: Record<string, unknown>;
  readonly files: Record<string, UploadedFile>;
  /** Set when the body claimed to be JSON but did not parse. */
  readonly malformed?: string;
}

/** Parses query + body the way the networks accept them: JSON, urlencoded or multipart. */
export async function parseWireParams(url: URL, req: IncomingMessage, body: Buffer): Promise<WireParams> {
  const fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: Record<string, UploadedFile> = {};
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return { encoding: 'none', fields, files };
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { encoding: 'json', fields, files, malformed: 'JSON body is not an object' };
      return { encoding: 'json', fields: { ...fields, ...parsed }, files };
    } catch (error) {
      return { encoding: 'json', fields, files, malformed: (error as Error).message };
    }
  }
  if (
    contentType.includes('multipart/form-data') ||
    contentType.includes('application/x-www-form-urlencoded')
  ) {
    // The WHATWG Response parser handles both encodings, boundaries and file parts.
    const form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': contentType },
    }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else {
        files[key] = {
          field: key,
          filename: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
      }
    }
    return { encoding: contentType.includes('multipart') ? 'multipart' : 'form', fields, files };
  }
  return { encoding: 'other', fields, files };
}
