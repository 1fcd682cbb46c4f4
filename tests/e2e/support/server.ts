import { test } from '@playwright/test';

/** Journeys that need the real server skip (with the reason) until server/src/main.ts exists. */
export function requireServer(): void {
  test.skip(
    process.env.OKNO_E2E_SERVER !== '1',
    'the server foundation (server/src/main.ts) is not in the repository yet',
  );
}
