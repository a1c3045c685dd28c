import 'server-only';
// The members page: who belongs to an organization, with roles, and (for owners) the invitations not yet redeemed.
import type { OrganizationRole } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from './console-actor';
import { canManageOrganization, roleIn } from './organization-roles';

export type MemberEntry = { userId: string; email: string; name: string | null; role: OrganizationRole; joinedAt: string; you: boolean };
export type PendingInvitation = { id: string; email: string; role: OrganizationRole; createdAt: string; expiresAt: string; expired: boolean };

export type OrganizationMembers = {
  organizationId: string;
  yourRole: OrganizationRole;
  canManage: boolean;
  members: MemberEntry[];
  /** Empty for members: only owners see invitations. */
  invitations: PendingInvitation[];
};

export async function listOrganizationMembers(
  db: DbClient,
  actor: ConsoleActor,
  organizationId: string,
  now: Date = new Date(),
): Promise<OrganizationMembers> {
  const yourRole = await roleIn(db, actor, organizationId);
  const canManage = canManageOrganization(yourRole);
  const rows = await db.organizationMember.findMany({
    where: { organizationId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
  });
  const invitations = canManage
    ? await db.organizationInvitation.findMany({
        where: { organizationId, acceptedAt: null, revokedAt: null },
        orderBy: { createdAt: 'desc' },
        take: 100,
      })
    : [];
  return {
    organizationId,
    yourRole,
    canManage,
    members: rows.map((r) => ({
      userId: r.userId,
      email: r.user.email,
      name: r.user.name,
      role: r.role,
      joinedAt: r.createdAt.toISOString(),
      you: r.userId === actor.userId,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      expired: i.expiresAt <= now,
    })),
  };
}
