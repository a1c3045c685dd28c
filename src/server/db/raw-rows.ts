import 'server-only';
// Raw statements on the message write path, run straight on the client's node-postgres pool. A 100-message append
// is one statement with a handful of array parameters; through Prisma's driver adapter the same statement also
// passes Prisma's query interpreter, which serialises every parameter and converts every result value on the one
// JavaScript thread the server has (docs/ingest.md). Inside a transaction, or for a client this module did not
// create, it falls back to `$queryRaw`, so callers need not care which they hold.
//
// The results are node-postgres's own conversions, not Prisma's: json/jsonb parsed, int4 a number, timestamptz a
// Date, but int8 a string (Prisma gives a bigint). Callers select what they need under the types they declare.
import type { Prisma } from '@/generated/prisma/client';
import { poolOf, type DbClient } from './client';

export async function queryRows<T extends object>(db: DbClient, statement: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<T[]>(statement);
  const result = await pool.query<T>(statement.text, statement.values);
  return result.rows;
}
