import { vi } from 'vitest';

/**
 * Polls `probe` until it gives a truthy value and returns that value: vitest's `waitUntil` with the
 * patience the integration suites need (a server, PostgreSQL and the network fakes doing the work).
 */
export function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 10_000) {
  return vi.waitUntil(probe, { timeout: timeoutMs, interval: 20 });
}
