/**
 * HTTP from a chosen loopback address (127.0.0.x: Linux answers the whole 127.0.0.0/8 on the loopback),
 * so the server sees distinct clients in `request.ip` — for the per-address budgets of sign-in and of
 * the citizen's verdict page. `fetch` cannot choose the socket's address; node:http can.
 *
 *   const reply = await requestFrom('127.0.0.12', `${server.url}/api/v1/auth/login`, { method: 'POST', … });
 */
import http from 'node:http';

export interface AddressedReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** From sending the request to the end of the answer. */
  ms: number;
}

export function requestFrom(
  address: string,
  url: string | URL,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<AddressedReply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(url),
      {
        method: init.method,
        localAddress: address,
        agent: false,
        headers: {
          ...init.headers,
          ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            ms: performance.now() - started,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
