import 'server-only';
// The console's delivery log: every recorded event per endpoint with its status (pending, delivered, failed, or
// disabled when no WEBHOOK_SECRET was configured), attempts, last response code and error. Newest first.
import type { Page } from '@/contracts/common';
import type { DeliveryStatus } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { pageRequest, pageWindow, toPage } from '@/server/db/pagination';
import { requireWorkspace } from '../workspaces/ensure-workspace';

export type WebhookDeliverySummary = {
  id: string;
  endpointId: string;
  url: string;
  /** The endpoint was deleted after this delivery was recorded. */
  endpointDeleted: boolean;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
};

export type DeliveryListOptions = {
  endpointId?: string;
  status?: DeliveryStatus;
  page?: number;
  size?: number;
};

export async function listWebhookDeliveries(workspaceName: string, options: DeliveryListOptions = {}): Promise<Page<WebhookDeliverySummary>> {
  const request = pageRequest({ page: options.page, size: options.size, reverse: false });
  const db = getDb();
  const workspace = await requireWorkspace(db, workspaceName);
  const where = {
    workspaceId: workspace.id,
    ...(options.endpointId ? { endpointId: options.endpointId } : {}),
    ...(options.status ? { status: options.status } : {}),
  };
  const { limit, offset } = pageWindow(request);
  const [total, rows] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({
      where,
      include: { endpoint: { select: { url: true, deletedAt: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      skip: offset,
    }),
  ]);
  const items = rows.map((row) => ({
    id: row.id,
    endpointId: row.endpointId,
    url: row.endpoint.url,
    endpointDeleted: row.endpoint.deletedAt !== null,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    nextAttemptAt: row.nextAttemptAt,
  }));
  return toPage(items, total, request);
}
