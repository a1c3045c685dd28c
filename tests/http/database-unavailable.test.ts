// A saturated or unreachable database answers 503 with Retry-After and `{"detail": ...}` (REST) or
// SERVICE_UNAVAILABLE (tRPC), never an opaque 500 (docs/scaling.md). Real error objects: Prisma's own error classes with the
// codes it raises, and a real node-postgres connection failure.
import pg from 'pg';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { databaseUnavailable } from '@/server/db/database-unavailable';
import { errorResponse } from '@/server/http/route';
import { retryAfterHeaders, unavailableToTrpcError } from '@/server/trpc/domain-errors';

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

  it('answers 503 for the P2010 shapes a PostgreSQL restart produced (driver-adapter errors under meta)', async () => {
    // Prisma 7 wraps a driver-adapter failure of a raw query as P2010 with the adapter's error in meta.
    const rawQueryFailed = (cause: Record<string, unknown>) =>
      new Prisma.PrismaClientKnownRequestError('Raw query failed.', {
        code: 'P2010',
        clientVersion: Prisma.prismaVersion.client,
        meta: { driverAdapterError: Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause }) },
      });
    const shapes = {
      unreachable: rawQueryFailed({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
      closed: rawQueryFailed({ kind: 'ConnectionClosed' }),
      adminShutdown: rawQueryFailed({ kind: 'postgres', code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' }),
      deadlock: rawQueryFailed({ kind: 'TransactionWriteConflict' }),
      tooMany: rawQueryFailed({ kind: 'TooManyConnections', cause: 'sorry, too many clients already' }),
    };
    for (const [name, error] of Object.entries(shapes)) expect([name, (await respond(error)).status]).toEqual([name, 503]);
    expect(databaseUnavailable(shapes.adminShutdown)?.reason).toBe('unreachable');
    expect(databaseUnavailable(shapes.deadlock)?.reason).toBe('saturated');
    // node-postgres's own errors, unwrapped: a server shutdown and a socket closed under a query.
    expect((await respond(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).status).toBe(503);
    expect((await respond(new Error('Connection terminated unexpectedly'))).status).toBe(503);
    // Other raw-query failures stay 500.
    expect((await respond(rawQueryFailed({ kind: 'postgres', code: '42601', message: 'syntax error' }))).status).toBe(500);
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
    expect(retryAfterHeaders([mapped!])).toEqual({ 'retry-after': '2' });
    expect(retryAfterHeaders([domainlessError()])).toEqual({});
  });
});

function domainlessError() {
  return new TRPCError({ code: 'BAD_REQUEST', message: 'bad' });
}
