import 'server-only';
// The members page: who belongs to an organization, with roles, and (for owners) the invitations not yet redeemed.
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from './console-actor';
import { canManageOrganization, roleIn } from './organization-roles';
import type { z } from 'zod';
import type { memberEntryOutput, organizationMembersOutput, pendingInvitationOutput } from '@/contracts/console-account-outputs';

export type MemberEntry = z.output<typeof memberEntryOutput>;
export type PendingInvitation = z.output<typeof pendingInvitationOutput>;

export type OrganizationMembers = z.output<typeof organizationMembersOutput>;

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
