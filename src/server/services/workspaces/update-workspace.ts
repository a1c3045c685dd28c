import 'server-only';
// PUT /v3/workspaces/{ws}: upsert. Supplied metadata replaces the stored object; supplied configuration is merged
// key by key at the top level (`{...old, ...new}`, jsonb `||`), in one UPDATE so concurrent PUTs never lose keys.
import type { WireWorkspace } from '@/contracts/workspaces';
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { workspaceToWire } from '../wire-format';
import { ensureWorkspace } from './ensure-workspace';

export type UpdateWorkspaceInput = {
  metadata?: Record<string, unknown> | null;
  configuration?: Record<string, unknown> | null;
};

export async function updateWorkspace(name: string, input: UpdateWorkspaceInput): Promise<WireWorkspace> {
  const db = getDb();
  const metadata = input.metadata ?? null;
  const configuration = input.configuration ?? null;
  const { workspace, created } = await ensureWorkspace(db, name, {
    metadata: metadata ?? {},
    configuration: configuration ?? {},
  });
  if (created || (metadata === null && configuration === null)) return workspaceToWire(workspace);

  await db.$executeRaw`
    UPDATE workspaces
    SET metadata = COALESCE(${metadata === null ? null : JSON.stringify(metadata)}::jsonb, metadata),
        configuration = configuration || COALESCE(${configuration === null ? null : JSON.stringify(configuration)}::jsonb, '{}'::jsonb)
    WHERE id = ${workspace.id}`;
  const updated = await db.workspace.findUnique({ where: { id: workspace.id } });
  if (!updated) throw new NotFoundError(`Workspace ${name} not found`);
  return workspaceToWire(updated);
}
