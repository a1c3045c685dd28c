import 'server-only';
// What each organization role may do in the console. Owners (and the legacy `admin` role, which has always meant
// the same) manage the organization: API keys, app settings and webhooks, creating and renaming apps, invitations and
// members. Members work with the apps' data (browse, search, delete records, export) but cannot change who or what
// has access. An organization always keeps at least one owner.
import type { OrganizationRole } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from './console-actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';

/** Roles an owner can give through an invitation or a role change. */
export const ASSIGNABLE_ROLES = ['owner', 'member'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export function canManageOrganization(role: OrganizationRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** The actor's role in the organization; NOT_FOUND when they are not a member (as if it did not exist). */
export async function roleIn(db: DbClient, actor: ConsoleActor, organizationId: string): Promise<OrganizationRole> {
  const membership = await db.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { role: true },
  });
  if (!membership) throw new NotFoundError(`Organization ${organizationId} not found`);
  return membership.role;
}

/** Refuses (403) unless the actor is an owner of the organization. */
export async function requireOrganizationManager(db: DbClient, actor: ConsoleActor, organizationId: string): Promise<void> {
  if (!canManageOrganization(await roleIn(db, actor, organizationId))) {
    throw new ForbiddenError('Only owners of this organization can do this');
  }
}

/**
 * Refuses (409) when `userId` is the organization's only remaining owner. Callers run it inside the transaction that
 * removes or demotes them, after locking the organization's owner rows, so two owners demoting each other at once
 * cannot both succeed.
 */
export async function requireAnotherOwner(db: DbClient, organizationId: string, userId: string): Promise<void> {
  const owners = await db.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM organization_members
    WHERE organization_id = ${organizationId} AND role IN ('owner', 'admin')
    FOR UPDATE`;
  if (!owners.some((o) => o.user_id !== userId)) {
    throw new ConflictError('An organization needs at least one owner: make someone else an owner first');
  }
}
