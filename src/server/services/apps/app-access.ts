import 'server-only';
// An app is a workspace owned by an organization. The console reaches an app only through this check: the workspace
// must be live and owned by one of the acting user's organizations; anything else is "not found", so the console
// never reveals whether another organization's app exists.
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { NotFoundError } from '../errors';
import type { z } from 'zod';
import type { appSummaryOutput } from '@/contracts/console-account-outputs';

export async function requireAppAccess(db: DbClient, actor: ConsoleActor, appId: string) {
  const workspace = await db.workspace.findFirst({
    where: { name: appId, organization: { members: { some: { userId: actor.userId } } } },
    include: { organization: { select: { id: true, name: true } } },
  });
  if (!workspace || !workspace.organization) throw new NotFoundError(`App ${appId} not found`);
  return { ...workspace, organization: workspace.organization };
}

export type AppSummary = z.output<typeof appSummaryOutput>;

type AppRow = {
  name: string;
  displayName: string | null;
  createdAt: Date;
  organization: { id: string; name: string } | null;
  _count?: { apiKeys: number };
};

export function toAppSummary(row: AppRow): AppSummary {
  return {
    id: row.name,
    displayName: row.displayName,
    organizationId: row.organization?.id ?? '',
    organizationName: row.organization?.name ?? '',
    createdAt: row.createdAt.toISOString(),
    activeKeyCount: row._count?.apiKeys ?? 0,
  };
}

/** Prisma selection for AppSummary; counts keys that still work (not revoked, not expired). */
export function appSummarySelect(now: Date) {
  return {
    name: true,
    displayName: true,
    createdAt: true,
    organization: { select: { id: true, name: true } },
    _count: { select: { apiKeys: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } } },
  } satisfies Prisma.WorkspaceSelect;
}
