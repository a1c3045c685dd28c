import 'server-only';
// The apps of every organization the acting user belongs to — and nothing else.
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { NotFoundError } from '../errors';
import { appSummarySelect, toAppSummary, type AppSummary } from './app-access';

const memberOf = (actor: ConsoleActor) => ({ members: { some: { userId: actor.userId } } });

export async function listApps(db: DbClient, actor: ConsoleActor): Promise<AppSummary[]> {
  const rows = await db.workspace.findMany({
    where: { organization: memberOf(actor) },
    select: appSummarySelect(new Date()),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toAppSummary);
}

export async function getApp(db: DbClient, actor: ConsoleActor, appId: string): Promise<AppSummary> {
  const row = await db.workspace.findFirst({
    where: { name: appId, organization: memberOf(actor) },
    select: appSummarySelect(new Date()),
  });
  if (!row) throw new NotFoundError(`App ${appId} not found`);
  return toAppSummary(row);
}
