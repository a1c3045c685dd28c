import 'server-only';
// Owners change members' roles and remove members. The last owner can be neither demoted nor removed
// (organization-roles.ts), checked inside the same transaction that makes the change.
import type { OrganizationRole } from '@/generated/prisma/client';
import type { Db, DbClient } from '@/server/db/client';
import { recordAuditEvent, type AuditEventInput } from '../audit/record-audit-event';
import { NotFoundError } from '../errors';
import type { ConsoleActor } from './console-actor';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { canManageOrganization, requireAnotherOwner, requireOrganizationManager, type AssignableRole } from './organization-roles';

type MemberRef = { organizationId: string; userId: string; ip?: string | null };

export async function changeMemberRole(db: Db, actor: ConsoleActor, input: MemberRef & { role: AssignableRole }): Promise<void> {
  await changeMember(db, actor, input, async (tx, member) => {
    if (member.role === input.role) return null;
    if (canManageOrganization(member.role) && !canManageOrganization(input.role)) {
      await requireAnotherOwner(tx, input.organizationId, input.userId);
    }
    await tx.organizationMember.update({ where: memberKey(input), data: { role: input.role } });
    return { action: CONSOLE_AUDIT_ACTIONS.memberRoleChanged, details: { user_id: input.userId, from: member.role, to: input.role } };
  });
}

export async function removeMember(db: Db, actor: ConsoleActor, input: MemberRef): Promise<void> {
  await changeMember(db, actor, input, async (tx, member) => {
    if (canManageOrganization(member.role)) await requireAnotherOwner(tx, input.organizationId, input.userId);
    await tx.organizationMember.delete({ where: memberKey(input) });
    return { action: CONSOLE_AUDIT_ACTIONS.memberRemoved, details: { user_id: input.userId, role: member.role } };
  });
}

const memberKey = (input: MemberRef) => ({ organizationId_userId: { organizationId: input.organizationId, userId: input.userId } });

type Change = (tx: DbClient, member: { role: OrganizationRole }) => Promise<Pick<AuditEventInput, 'action' | 'details'> | null>;

/**
 * One change to one member, as an owner may make it: the manager check, then in one transaction the member (404 when
 * missing), the change (which may decline: null) and its audit event naming the member's email.
 */
async function changeMember(db: Db, actor: ConsoleActor, input: MemberRef, change: Change): Promise<void> {
  await requireOrganizationManager(db, actor, input.organizationId);
  await db.$transaction(async (tx) => {
    const member = await tx.organizationMember.findUnique({ where: memberKey(input), include: { user: { select: { email: true } } } });
    if (!member) throw new NotFoundError('No such member');
    const audit = await change(tx, member);
    if (!audit) return;
    await recordAuditEvent({ ...audit, organizationId: input.organizationId, actorUserId: actor.userId, target: member.user.email, ip: input.ip }, tx);
  });
}
