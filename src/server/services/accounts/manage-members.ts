import 'server-only';
// Owners change members' roles and remove members. The last owner can be neither demoted nor removed
// (organization-roles.ts), checked inside the same transaction that makes the change.
import type { Db } from '@/server/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { NotFoundError } from '../errors';
import type { ConsoleActor } from './console-actor';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { canManageOrganization, requireAnotherOwner, requireOrganizationManager, type AssignableRole } from './organization-roles';

type MemberRef = { organizationId: string; userId: string; ip?: string | null };

export async function changeMemberRole(db: Db, actor: ConsoleActor, input: MemberRef & { role: AssignableRole }): Promise<void> {
  await requireOrganizationManager(db, actor, input.organizationId);
  await db.$transaction(async (tx) => {
    const member = await tx.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: input.userId } },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw new NotFoundError('No such member');
    if (member.role === input.role) return;
    if (canManageOrganization(member.role) && !canManageOrganization(input.role)) {
      await requireAnotherOwner(tx, input.organizationId, input.userId);
    }
    await tx.organizationMember.update({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: input.userId } },
      data: { role: input.role },
    });
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.memberRoleChanged,
        organizationId: input.organizationId,
        actorUserId: actor.userId,
        target: member.user.email,
        ip: input.ip,
        details: { user_id: input.userId, from: member.role, to: input.role },
      },
      tx,
    );
  });
}

export async function removeMember(db: Db, actor: ConsoleActor, input: MemberRef): Promise<void> {
  await requireOrganizationManager(db, actor, input.organizationId);
  await db.$transaction(async (tx) => {
    const member = await tx.organizationMember.findUnique({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: input.userId } },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw new NotFoundError('No such member');
    if (canManageOrganization(member.role)) await requireAnotherOwner(tx, input.organizationId, input.userId);
    await tx.organizationMember.delete({ where: { organizationId_userId: { organizationId: input.organizationId, userId: input.userId } } });
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.memberRemoved,
        organizationId: input.organizationId,
        actorUserId: actor.userId,
        target: member.user.email,
        ip: input.ip,
        details: { user_id: input.userId, role: member.role },
      },
      tx,
    );
  });
}
