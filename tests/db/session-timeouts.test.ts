// The app's connections carry DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS as session
// settings on a PostgreSQL server (docs/embedded-database.md); the embedded database gets none, since PGlite hangs
// once such a timer is armed.
import { expect, it } from 'vitest';
import { sessionTimeouts } from '@/server/db/client';

it('sets the timeouts on a server and none on the embedded database', () => {
  const timeouts = { statementTimeoutMs: 4_000, idleInTransactionTimeoutMs: 30_000 };
  expect(sessionTimeouts({ mode: 'server', ...timeouts })).toEqual(timeouts);
  expect(sessionTimeouts({ mode: 'embedded', ...timeouts })).toBeUndefined();
});
