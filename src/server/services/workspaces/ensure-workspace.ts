import 'server-only';
// Workspace lookup and get-or-create, shared by every route that auto-creates its workspace (docs/api.md#s1-6).
// Concurrent creates of one id both succeed: INSERT … ON CONFLICT DO NOTHING, then read the row either way.
import { Prisma, type Workspace } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
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

/**
 * The live workspace with this wire id, or null. Nearly every request starts here, so it is read straight on the pool
 * (raw-rows.ts): Prisma's model query cost the server's thread about a millisecond per request (docs/search.md,
 * "Round trips"). The row has the model's shape (JSON parsed, dates as Date).
 */
export async function findWorkspace(db: DbClient, name: string): Promise<Workspace | null> {
  const [row] = await queryRows<Workspace>(db, Prisma.sql`
    SELECT id, name, organization_id AS "organizationId", display_name AS "displayName", metadata, configuration,
      created_at AS "createdAt"
    FROM workspaces WHERE name = ${name}`);
  return row ?? null;
}

export async function requireWorkspace(db: DbClient, name: string): Promise<Workspace> {
  const workspace = await findWorkspace(db, name);
  if (!workspace) throw new NotFoundError(`Workspace ${name} not found`);
  return workspace;
}
