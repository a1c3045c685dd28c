import 'server-only';
// Tells a database that is saturated or unreachable apart from a bug. Under load, transactions fail to start within
// their maxWait (Prisma P2028), the pool runs dry, or the server refuses connections: a client retrying a little later
// will succeed, so the edges answer 503 with Retry-After (REST) or SERVICE_UNAVAILABLE (tRPC) instead of an opaque
// 500. Errors are examined along their `cause` chain, since drivers and Prisma wrap one another.
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

/** Prisma codes: transaction API (start timeout, expired), pool timeout, too many connections; then connectivity. */
const PRISMA_SATURATED = new Set(['P2028', 'P2024', 'P2037']);
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
/** SQLSTATE: too_many_connections, cannot_connect_now, lock_not_available; class 08 is connection exceptions. */
const SQLSTATE_SATURATED = new Set(['53300', '57P03', '55P03']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** node-postgres's own texts: pool wait past connectionTimeoutMillis, a connection dropped under a query. */
const PG_MESSAGES = [/timeout exceeded when trying to connect/i, /Connection terminated/i];

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
    return null;
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return UNREACHABLE;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLSTATE_SATURATED.has(code)) return SATURATED;
    if (code.startsWith('08') && code.length === 5) return UNREACHABLE;
    if (SOCKET_CODES.has(code)) return UNREACHABLE;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message))) {
    return /timeout exceeded/i.test(message) ? SATURATED : UNREACHABLE;
  }
  return null;
}
