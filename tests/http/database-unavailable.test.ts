// A saturated or unreachable database answers 503 with Retry-After and `{"detail": ...}` (REST) or
// SERVICE_UNAVAILABLE (tRPC), never an opaque 500 (docs/scaling.md). Real error objects: Prisma's own error classes with the
// codes it raises, and a real node-postgres connection failure.
import pg from 'pg';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { databaseUnavailable } from '@/server/db/database-unavailable';
import { errorResponse } from '@/server/http/route';
import { unavailableToTrpcError } from '@/server/trpc/domain-errors';

const prismaError = (code: string, message: string) =>
  new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: Prisma.prismaVersion.client });

const START_TIMEOUT = prismaError('P2028', 'Transaction API error: Unable to start a transaction in the given time.');

async function respond(error: unknown) {
  const response = errorResponse(new Request('http://localhost/v3/workspaces'), 'req-1', error);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** What node-postgres throws when nothing listens on the port. */
async function refusedConnection(): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'nobody', database: 'none', connectionTimeoutMillis: 5_000 });
  return client.connect().then(() => new Error('connected to port 1?'), (error: unknown) => error);
}

describe('database unavailability over REST', () => {
  it('answers 503 with Retry-After and a detail for a transaction that could not start (P2028)', async () => {
    expect(await respond(START_TIMEOUT)).toEqual({
      status: 503,
      retryAfter: '2',
      body: { detail: 'The database is busy; retry the request shortly.' },
    });
  });

  it('answers 503 for pool timeouts, too many connections and lost connections', async () => {
    for (const code of ['P2024', 'P2037']) expect((await respond(prismaError(code, 'busy'))).status).toBe(503);
    const unreachable = await respond(prismaError('P1001', "Can't reach database server at 127.0.0.1:5432"));
    expect(unreachable).toMatchObject({ status: 503, retryAfter: '5', body: { detail: 'The database is unavailable; retry the request shortly.' } });
    expect((await respond(prismaError('P1017', 'Server has closed the connection.'))).status).toBe(503);
  });

  it('answers 503 for a real refused connection and for a cause wrapped by another error', async () => {
    const refused = await refusedConnection();
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    expect((await respond(refused)).status).toBe(503);
    expect((await respond(new Error('claim failed', { cause: START_TIMEOUT }))).status).toBe(503);
  });

  it('keeps other database errors and bugs an opaque 500', async () => {
    const unique = prismaError('P2002', 'Unique constraint failed on the fields: (`name`)');
    expect(databaseUnavailable(unique)).toBeNull();
    expect(await respond(unique)).toEqual({ status: 500, retryAfter: null, body: { detail: 'Internal server error' } });
    expect((await respond(new TypeError('x is undefined'))).status).toBe(500);
  });
});

describe('database unavailability over tRPC', () => {
  it('becomes SERVICE_UNAVAILABLE (HTTP 503); other errors are left alone', () => {
    const mapped = unavailableToTrpcError(START_TIMEOUT);
    expect(mapped?.code).toBe('SERVICE_UNAVAILABLE');
    expect(getHTTPStatusCodeFromError(mapped!)).toBe(503);
    expect(unavailableToTrpcError(new Error('bug'))).toBeNull();
  });
});
