import { defineConfig } from 'vitest/config';
import { schemaValidators } from './scripts/schema-validators.js';

// Two projects: `unit` (pure and fast, no services) and `integration`
// (real PostgreSQL started by tests/integration/setup/global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        // In both projects: renderer/db/validation.ts imports a generated module (scripts/schema-validators.ts).
        plugins: [schemaValidators()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          globals: true,
        },
      },
      {
        plugins: [schemaValidators()],
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/setup/global-setup.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
