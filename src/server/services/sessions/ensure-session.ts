import 'server-only';
// Session lookup and get-or-create within a workspace. A session whose deletion is pending answers 404 to
// get-or-create and every write (docs/api.md#s1-6).
import { Prisma, type Session } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { NotFoundError } from '../errors';
import { newInternalId } from '../ids';

export type EnsuredSession = { session: Session; created: boolean };

export async function ensureSession(
  db: DbClient,
  workspaceId: string,
  name: string,
  initial: { metadata?: object; configuration?: object } = {},
): Promise<EnsuredSession> {
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO sessions (id, workspace_id, name, metadata, configuration)
    VALUES (${newInternalId()}, ${workspaceId}, ${name}, ${JSON.stringify(initial.metadata ?? {})}::jsonb,
            ${JSON.stringify(initial.configuration ?? {})}::jsonb)
    ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`;
  const session = await db.session.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!session || session.deletedAt) throw new NotFoundError(`Session ${name} not found`);
  return { session, created: inserted.length > 0 };
}

/** The live session with this wire id in the workspace, or null; read on the pool like findWorkspace. */
export async function findSession(db: DbClient, workspaceId: string, name: string): Promise<Session | null> {
  const [session] = await queryRows<Session>(db, Prisma.sql`
    SELECT id, workspace_id AS "workspaceId", name, is_active AS "isActive", metadata, configuration,
      last_seq AS "lastSeq", created_at AS "createdAt", deleted_at AS "deletedAt"
    FROM sessions WHERE workspace_id = ${workspaceId} AND name = ${name}`);
  return session && !session.deletedAt ? session : null;
}

export async function requireSession(db: DbClient, workspaceId: string, name: string, workspaceName?: string): Promise<Session> {
  const session = await findSession(db, workspaceId, name);
  if (!session) throw new NotFoundError(`Session ${name} not found${workspaceName ? ` in workspace ${workspaceName}` : ''}`);
  return session;
}
