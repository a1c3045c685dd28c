import 'server-only';
// GET …/conclusions/{id} (docs/api.md#s3-9): one live conclusion of the workspace; anything else — unknown id,
// deleted, another workspace — is the same 404.
import type { WireConclusion } from '@/contracts/conclusions';
import { Prisma } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { CONCLUSION_FROM, CONCLUSION_SELECT, conclusionNotFound, conclusionToWire, liveConclusionsOf, type ConclusionRow } from './conclusion-rows';

export async function getConclusion(workspaceName: string, conclusionId: string, db: DbClient = getDb()): Promise<WireConclusion> {
  const [row] = await db.$queryRaw<ConclusionRow[]>(Prisma.sql`
    SELECT ${CONCLUSION_SELECT} FROM ${CONCLUSION_FROM}
    WHERE ${liveConclusionsOf(workspaceName)} AND c.id = ${conclusionId}`);
  if (!row) throw new NotFoundError(conclusionNotFound(conclusionId));
  return conclusionToWire(row);
}
