import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname, 'src'),
      // `server-only` throws outside a React Server environment; tests run server modules in plain Node.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only-stub.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Each test file opens its own embedded database (or its own database on TEST_DATABASE_URL's server).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/global-setup.ts'],
    // One JSON log line per request would bury the test output; tests that check logs install their own logger.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    // next-auth imports `next/server` without an extension, which Node's ESM resolver refuses; let Vite resolve it.
    server: { deps: { inline: ['next-auth'] } },
  },
});
