import type { TokenSource } from './client';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * One request signed in through `tokens`: a 401 refreshes them once and repeats with the new token
 * (never with the same one, which would just be refused again); null when the network failed. The
 * API client's `respond` does the same for its calls; the letters, letterhead and release-upload
 * clients, which send their own bodies (PDF, logo bytes, installers), come through here.
 */
export async function signedInFetch(
  fetchImpl: FetchLike,
  tokens: TokenSource,
  path: string,
  init: RequestInit,
): Promise<Response | null> {
  const attempt = (token: string) =>
    fetchImpl(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }).catch(
      () => null,
    );
  const used = tokens.accessToken;
  let response = await attempt(used);
  if (response?.status === 401 && tokens.refresh) {
    await tokens.refresh(used);
    if (tokens.accessToken !== used) response = await attempt(tokens.accessToken);
  }
  return response;
}
