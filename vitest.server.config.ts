// Tests against the production server process (`npm run test:server`): they need a production build and PostgreSQL 15's
// server binaries, which the default suite (vitest.config.ts) does not, so they live apart in tests-server/ and CI runs
// them after its build step.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests-server/**/*.server.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
