import 'server-only';
// DELETE …/webhooks/{id}: the endpoint is soft-deleted so its delivery history stays visible in the console; the
// delivery handler sees the deletion and abandons anything not yet sent.
import { getDb } from '@/server/db/client';
import { NotFoundError } from '../errors';
import { requireWorkspace } from '../workspaces/ensure-workspace';

export async function deleteWebhookEndpoint(workspaceName: string, endpointId: string): Promise<void> {
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const updated = await db.webhookEndpoint.updateMany({
    where: { id: endpointId, workspaceId: workspace.id, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (updated.count === 0) throw new NotFoundError(`Webhook endpoint ${endpointId} not found in workspace ${workspaceName}`);
}
