// The demo organisation's accounts, for the hints the web shell and `npm start` show. The server's
// seed (server/src/accounts/seed-demo.ts) is the single source; it exports no list, so the logins and
// the shared password are read from its text. Returns null when the seed is missing or changed shape:
// callers then point to server/README.md instead of showing stale accounts.
import { readFileSync } from 'node:fs';

const seedFile = new URL('../server/src/accounts/seed-demo.ts', import.meta.url);

/** @returns {{ logins: string[]; password: string | null } | null} */
export function readDemoAccounts() {
  let source;
  try {
    source = readFileSync(seedFile, 'utf8');
  } catch {
    return null;
  }
  const logins = [...source.matchAll(/\blogin:\s*'([^']+)'/g)].map((match) => match[1]);
  const password = /\bdemoPassword\s*=\s*'([^']+)'/.exec(source)?.[1] ?? null;
  return logins.length > 0 ? { logins, password } : null;
}
