import 'server-only';
// What every console procedure sees: the database, the Auth.js session (or none) and the caller's address for the
// audit log. Tests build it directly with a fake session.
import { getDb, type Db } from '@/server/db/client';
import { clientAddress } from '@/server/http/client-ip';

/** `sessionVersion`: the account's session version when the session was issued (absent counts as 0). */
export type ConsoleSession = { userId: string; sessionVersion?: number };

export type TrpcContext = {
  db: Db;
  session: ConsoleSession | null;
  ip: string | null;
};

export function createTrpcContext(input: { session: ConsoleSession | null; headers?: Headers }): TrpcContext {
  return { db: getDb(), session: input.session, ip: input.headers ? clientAddress(input.headers) : null };
}
