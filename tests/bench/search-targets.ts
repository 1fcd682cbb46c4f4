/**
 * Issue 15's targets for the desktop search index at 100,000 appeals (P2; measured by the inbox
 * scenario: renderer/features/inbox/bench/search-bench.ts and the ui phase of bench-main.tsx). The lead
 * merges them into tests/bench/inbox.bench.ts's `targets`.
 */
import type { BenchTarget } from './targets';

export const searchTargets: Record<string, BenchTarget> = {
  searchIndexReadyMs: {
    max: 2000,
    unit: 'ms',
    what: 'Search index ready after a restart at 100,000: from the page start (database opened cold) to the saved index read back and the changes since it applied',
  },
  searchP95Ms: {
    max: 30,
    ratioMax: 1.5,
    unit: 'ms',
    what: 'Search p95 at 100,000 (query typed to its first 40 rows painted, from the read start after the typing debounce); floor: the same 40 matched rows read raw from IndexedDB by id (one readonly transaction, a get per id) and painted as plain text',
  },
};
