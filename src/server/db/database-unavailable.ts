import 'server-only';
// Tells a database that is saturated or unreachable apart from a bug. Under load, transactions fail to start within
// their maxWait (Prisma P2028), the pool runs dry, or the server refuses connections: a client retrying a little later
// will succeed, so the edges answer 503 with Retry-After (REST) or SERVICE_UNAVAILABLE (tRPC) instead of an opaque
// 500. Errors are examined along their `cause` chain, since drivers and Prisma wrap one another; Prisma 7 reports a
// driver-adapter failure of a raw query as P2010 with the adapter's error under `meta.driverAdapterError` (its `cause`
// says the kind: DatabaseNotReachable, ConnectionClosed, a PostgreSQL SQLSTATE such as 57P01 admin_shutdown…), which
// is what a PostgreSQL restart under load produced (docs/scaling.md).
import { Prisma } from '@/generated/prisma/client';

export type DatabaseUnavailable = { reason: 'saturated' | 'unreachable'; retryAfterSeconds: number; detail: string };

const SATURATED: DatabaseUnavailable = {
  reason: 'saturated',
  retryAfterSeconds: 2,
  detail: 'The database is busy; retry the request shortly.',
};
const UNREACHABLE: DatabaseUnavailable = {
  reason: 'unreachable',
  retryAfterSeconds: 5,
  detail: 'The database is unavailable; retry the request shortly.',
};

/** Prisma codes: transaction API (start timeout, expired), pool timeout, write conflict or deadlock, too many connections; then connectivity. */
const PRISMA_SATURATED = new Set(['P2028', 'P2024', 'P2034', 'P2037']);
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
/**
 * SQLSTATE: too_many_connections, out of memory, lock_not_available, query_canceled (a statement timeout),
 * serialization_failure and deadlock_detected (the transaction was rolled back: the same request again succeeds).
 */
const SQLSTATE_SATURATED = new Set(['53300', '53200', '55P03', '57014', '40001', '40P01']);
/**
 * SQLSTATE: admin_shutdown (a stop or restart, pg_terminate_backend), crash_shutdown, cannot_connect_now (starting up
 * or shutting down), idle_in_transaction_session_timeout; class 08 is connection exceptions.
 */
const SQLSTATE_UNREACHABLE = new Set(['57P01', '57P02', '57P03', '25P03']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** Prisma driver-adapter error kinds (`DriverAdapterError.cause.kind`). */
const ADAPTER_SATURATED = new Set(['TooManyConnections', 'TransactionWriteConflict']);
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
/**
 * Texts of errors that carry no code: node-postgres's pool wait past connectionTimeoutMillis, a connection dropped
 * under a query or used after it broke, and Prisma's own "can't reach" wording.
 */
const PG_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Can't reach database server/i,
];

export function databaseUnavailable(error: unknown): DatabaseUnavailable | null {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const found = classify(current);
    if (found) return found;
  }
  return null;
}

function classify(error: object): DatabaseUnavailable | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (PRISMA_SATURATED.has(error.code)) return SATURATED;
    if (PRISMA_UNREACHABLE.has(error.code)) return UNREACHABLE;
    const adapterError = (error.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
    return adapterError && adapterError !== error ? databaseUnavailable(adapterError) : null;
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return UNREACHABLE;
  const kind = (error as { kind?: unknown }).kind;
  if (typeof kind === 'string') {
    if (ADAPTER_SATURATED.has(kind)) return SATURATED;
    if (ADAPTER_UNREACHABLE.has(kind)) return UNREACHABLE;
  }
  // A SQLSTATE on a node-postgres error, or on the adapter's `{kind: 'postgres', code}`; socket codes on Node errors.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLSTATE_SATURATED.has(code)) return SATURATED;
    if (SQLSTATE_UNREACHABLE.has(code)) return UNREACHABLE;
    if (code.startsWith('08') && code.length === 5) return UNREACHABLE;
    if (SOCKET_CODES.has(code)) return UNREACHABLE;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message))) {
    return /timeout exceeded/i.test(message) ? SATURATED : UNREACHABLE;
  }
  return null;
}
