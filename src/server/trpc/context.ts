import 'server-only';
// What every console procedure sees: the database, the Auth.js session (or none) and the caller's address for the
// audit log. Tests build it directly with a fake session.
import { getDb, type Db } from '@/server/db/client';

export type ConsoleSession = { userId: string };

export type TrpcContext = {
  db: Db;
  session: ConsoleSession | null;
  ip: string | null;
};

/** The client address as the nearest proxy reports it; only informational (audit log), never used for decisions. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim();
  return ip ? ip.slice(0, 64) : null;
}

export function createTrpcContext(input: { session: ConsoleSession | null; headers?: Headers }): TrpcContext {
  return { db: getDb(), session: input.session, ip: input.headers ? clientIp(input.headers) : null };
}
