import 'server-only';
// Workspace lookup and get-or-create, shared by every route that auto-creates its workspace (docs/api.md#s1-6).
// Concurrent creates of one id both succeed: INSERT … ON CONFLICT DO NOTHING, then read the row either way.
import type { Workspace } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { newInternalId } from '../ids';

export type EnsuredWorkspace = { workspace: Workspace; created: boolean };

export async function ensureWorkspace(
  db: DbClient,
  name: string,
  initial: { metadata?: object; configuration?: object } = {},
): Promise<EnsuredWorkspace> {
  const id = newInternalId();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO workspaces (id, name, metadata, configuration)
    VALUES (${id}, ${name}, ${JSON.stringify(initial.metadata ?? {})}::jsonb, ${JSON.stringify(initial.configuration ?? {})}::jsonb)
    ON CONFLICT (name) DO NOTHING RETURNING id`;
  const workspace = await db.workspace.findUnique({ where: { name } });
  if (!workspace) throw new NotFoundError(`Workspace ${name} not found`);
  return { workspace, created: inserted.length > 0 };
}

/** The live workspace with this wire id, or null. */
export async function findWorkspace(db: DbClient, name: string): Promise<Workspace | null> {
  return db.workspace.findUnique({ where: { name } });
}

export async function requireWorkspace(db: DbClient, name: string): Promise<Workspace> {
  const workspace = await findWorkspace(db, name);
  if (!workspace) throw new NotFoundError(`Workspace ${name} not found`);
  return workspace;
}
