import 'server-only';
// GET …/webhooks/test: records a `test.event` for every endpoint of the workspace (docs/api.md#s5-7, data = {workspace_id}).
// The deliveries are sent by the worker like any other event, so the test exercises the real delivery path.
import { getDb } from '@/server/db/client';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { enqueueWebhookEvent } from './enqueue-webhook-event';

export async function sendTestEvent(workspaceName: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    await enqueueWebhookEvent(tx, workspace.id, { type: 'test.event', data: { workspace_id: workspace.name } });
  });
}
