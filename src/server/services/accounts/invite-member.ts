import 'server-only';
// Owners invite people by email. The answer carries the invitation link's path once (only its hash is stored); the
// console shows it to be passed on by whatever channel the owner likes, since the server sends no email.
import type { DbClient } from '@/server/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { ConflictError, NotFoundError } from '../errors';
import { newInternalId } from '../ids';
import { validateEmail } from './account-rules';
import type { ConsoleActor } from './console-actor';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { hashInvitationToken, INVITATION_LIFETIME_MS, INVITATION_PATH_PREFIX, newInvitationToken } from './invitation-token';
import { requireOrganizationManager, type AssignableRole } from './organization-roles';

export type CreatedInvitation = { id: string; email: string; role: AssignableRole; expiresAt: string; path: string };

export async function inviteMember(
  db: DbClient,
  actor: ConsoleActor,
  input: { organizationId: string; email: string; role: AssignableRole; ip?: string | null; now?: Date },
): Promise<CreatedInvitation> {
  await requireOrganizationManager(db, actor, input.organizationId);
  const email = validateEmail(input.email);
  const existing = await db.organizationMember.findFirst({ where: { organizationId: input.organizationId, user: { email } } });
  if (existing) throw new ConflictError(`${email} is already a member`);
  const now = input.now ?? new Date();
  const token = newInvitationToken();
  const id = newInternalId();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  await db.organizationInvitation.create({
    data: { id, organizationId: input.organizationId, email, role: input.role, tokenHash: hashInvitationToken(token), invitedById: actor.userId, createdAt: now, expiresAt },
  });
  await recordAuditEvent(
    {
      action: CONSOLE_AUDIT_ACTIONS.memberInvited,
      organizationId: input.organizationId,
      actorUserId: actor.userId,
      target: email,
      ip: input.ip,
      details: { invitation_id: id, role: input.role, expires_at: expiresAt.toISOString() },
    },
    db,
  );
  return { id, email, role: input.role, expiresAt: expiresAt.toISOString(), path: `${INVITATION_PATH_PREFIX}${token}` };
}

export async function revokeInvitation(
  db: DbClient,
  actor: ConsoleActor,
  input: { organizationId: string; invitationId: string; ip?: string | null },
): Promise<void> {
  await requireOrganizationManager(db, actor, input.organizationId);
  const revoked = await db.organizationInvitation.updateMany({
    where: { id: input.invitationId, organizationId: input.organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (revoked.count === 0) throw new NotFoundError('No open invitation with this id');
  await recordAuditEvent(
    {
      action: CONSOLE_AUDIT_ACTIONS.invitationRevoked,
      organizationId: input.organizationId,
      actorUserId: actor.userId,
      target: input.invitationId,
      ip: input.ip,
    },
    db,
  );
}
