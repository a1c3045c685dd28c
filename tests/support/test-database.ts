// Test databases, one per test file: an in-memory embedded PostgreSQL (PGlite with pgvector) by default, or a fresh
// database on the server named by TEST_DATABASE_URL (CI's real PostgreSQL lane). Never mocked.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/server/db/client';
import { startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { prepareDatabase, type PreparedDatabase } from '@/server/db/prepare-database';
import type { VectorPreference } from '@/server/db/vector-setup';

export type TestDatabase = {
  url: string;
  kind: 'embedded' | 'server';
  prepared: PreparedDatabase | null;
  close: () => Promise<void>;
};

export const TEST_EMBEDDING_DIMENSIONS = 8;

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** A new, empty database; migrated and vector-initialised unless `migrate: false`. */
export async function createTestDatabase(
  options: { migrate?: boolean; vectorPreference?: VectorPreference; embeddingDimensions?: number; forceEmbedded?: boolean } = {},
): Promise<TestDatabase> {
  const serverUrl = options.forceEmbedded ? undefined : testServerUrl();
  let url: string;
  let close: () => Promise<void>;
  if (serverUrl) {
    const name = `rapport_test_${randomBytes(6).toString('hex')}`;
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    close = () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  } else {
    const embedded = await startEmbeddedPostgres({});
    url = embedded.url;
    close = embedded.stop;
  }
  const prepared =
    options.migrate === false
      ? null
      : await prepareDatabase(url, {
          vectorPreference: options.vectorPreference ?? 'auto',
          embeddingDimensions: options.embeddingDimensions ?? TEST_EMBEDDING_DIMENSIONS,
        });
  return { url, kind: serverUrl ? 'server' : 'embedded', prepared, close };
}

/**
 * Gives the test file its own migrated database and points the app's Prisma client (DATABASE_URL) at it.
 * Tests inside the file isolate themselves by workspace.
 */
export function provideTestDatabase(options: { vectorPreference?: VectorPreference } = {}): { readonly current: TestDatabase } {
  // API auth is on by default outside `npm run dev`; test files that exercise it set AUTH_DISABLED=false themselves.
  process.env.AUTH_DISABLED ??= 'true';
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
    process.env.DATABASE_URL = database.url;
    process.env.RAPPORT_DATABASE_MODE = database.kind;
    process.env.EMBEDDING_DIMENSIONS = String(TEST_EMBEDDING_DIMENSIONS);
  });
  afterAll(async () => {
    await closeDb();
    await database?.close();
  });
  return {
    get current() {
      if (!database) throw new Error('provideTestDatabase: the database is opened in beforeAll');
      return database;
    },
  };
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
