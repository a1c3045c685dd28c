import 'server-only';
// The stored keys of one app, newest first, revoked and expired ones included (marked by status).
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { requireAppAccess } from '../apps/app-access';
import { toApiKeySummary, type ApiKeySummary } from './api-key-summary';

export async function listApiKeys(db: DbClient, actor: ConsoleActor, app: string): Promise<ApiKeySummary[]> {
  const workspace = await requireAppAccess(db, actor, app);
  const rows = await db.apiKey.findMany({
    where: { workspaceId: workspace.id },
    include: { createdBy: { select: { email: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const now = new Date();
  return rows.map((row) => toApiKeySummary(row, now));
}
