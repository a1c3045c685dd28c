import 'server-only';
// GET …/webhooks (and the console): live endpoints in registration order, paged (docs/api.md#s1-7; no `reverse` on this list).
import type { Page } from '@/contracts/common';
import type { WireWebhookEndpoint } from '@/contracts/webhooks';
import { getDb } from '@/server/db/client';
import { pageRequest, pageWindow, toPage } from '@/server/db/pagination';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { webhookEndpointToWire } from './webhook-endpoint-wire';

export async function listWebhookEndpoints(
  workspaceName: string,
  query: { page?: number; size?: number } = {},
): Promise<Page<WireWebhookEndpoint>> {
  const request = pageRequest({ ...query, reverse: false });
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const where = { workspaceId: workspace.id, deletedAt: null };
  const { limit, offset } = pageWindow(request);
  const [total, rows] = await Promise.all([
    db.webhookEndpoint.count({ where }),
    db.webhookEndpoint.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: limit, skip: offset }),
  ]);
  return toPage(
    rows.map((row) => webhookEndpointToWire(row, workspace.name)),
    total,
    request,
  );
}
