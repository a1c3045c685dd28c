import 'server-only';
// DELETE …/conclusions/{id} (docs/api.md#s3-9): removes the conclusion at once, physically, with its embedding and
// message links (ON DELETE CASCADE), so no read, search or representation can return it again. Conclusions that
// cite it keep its id in `source_ids`. Missing, already deleted or in another workspace → 404.
import { getDb, type DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { conclusionNotFound } from './conclusion-rows';

export async function deleteConclusion(workspaceName: string, conclusionId: string, db: DbClient = getDb()): Promise<void> {
  const removed = await db.$executeRaw`
    DELETE FROM conclusions c USING workspaces w
    WHERE c.id = ${conclusionId} AND w.id = c.workspace_id AND w.name = ${workspaceName}`;
  if (removed === 0) throw new NotFoundError(conclusionNotFound(conclusionId));
}
