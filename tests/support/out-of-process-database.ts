// A test database outside the test process on both lanes: the real server of TEST_DATABASE_URL, or an embedded
// PostgreSQL in a child process (serve-embedded-postgres.ts). In-process PGlite runs its queries on the test's own
// event loop, which is not how the app runs it, so tests that measure the app's event-loop delay use this.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll } from 'vitest';
import { closeDb } from '@/server/db/client';
import { prepareDatabase } from '@/server/db/prepare-database';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS, testServerUrl } from './test-database';

export function provideOutOfProcessDatabase(): void {
  if (testServerUrl()) {
    provideTestDatabase();
    return;
  }
  process.env.AUTH_DISABLED ??= 'true';
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/support/fixtures/serve-embedded-postgres.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line.startsWith('URL ')) {
        url = line.slice(4);
        break;
      }
    }
    if (!url) throw new Error('the embedded PostgreSQL child exited before it listened');
    await prepareDatabase(url, { vectorPreference: 'auto', embeddingDimensions: TEST_EMBEDDING_DIMENSIONS });
    process.env.DATABASE_URL = url;
    process.env.RAPPORT_DATABASE_MODE = 'embedded';
    process.env.EMBEDDING_DIMENSIONS = String(TEST_EMBEDDING_DIMENSIONS);
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    }
  });
}
