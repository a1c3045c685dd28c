import 'server-only';
// Redeeming an invitation link: a preview for the invite page, joining with the signed-in account, or creating the
// account through the link. The link is single use (the claim is one conditional UPDATE, so two redemptions racing
// cannot both win), expires, and works only for the invited email: whoever else gets hold of it cannot join.
import type { OrganizationRole } from '@/generated/prisma/client';
import { Prisma } from '@/generated/prisma/client';
import type { Db, DbClient } from '@/server/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { ConflictError, ForbiddenError, NotFoundError, RejectedError } from '../errors';
import { newInternalId } from '../ids';
import { validatePassword } from './account-rules';
import type { ConsoleActor } from './console-actor';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { hashInvitationToken } from './invitation-token';
import { hashPassword } from './password-hash';

export type InvitationState = 'open' | 'expired' | 'used' | 'revoked';

export type InvitationPreview = {
  organizationName: string;
  email: string;
  role: OrganizationRole;
  state: InvitationState;
  expiresAt: string;
  /** Whether the invited email already has an account (sign in to accept) or not (create one). */
  accountExists: boolean;
};

const INVALID_LINK = 'This invitation link is not valid';

async function findInvitation(db: DbClient, token: string) {
  const invitation = await db.organizationInvitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation) throw new NotFoundError(INVALID_LINK);
  return invitation;
}

function stateOf(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'open';
}

function refuseUnlessOpen(state: InvitationState): void {
  if (state === 'used') throw new ConflictError('This invitation has already been used');
  if (state === 'revoked') throw new RejectedError('This invitation was withdrawn; ask for a new one');
  if (state === 'expired') throw new RejectedError('This invitation has expired; ask for a new one');
}

export async function previewInvitation(db: DbClient, token: string, now: Date = new Date()): Promise<InvitationPreview> {
  const invitation = await findInvitation(db, token);
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: invitation.role,
    state: stateOf(invitation, now),
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: account !== null,
  };
}

/** Marks the invitation used, or refuses when another redemption got there first (or it lapsed meanwhile). */
async function claim(tx: DbClient, invitationId: string, userId: string, now: Date): Promise<void> {
  const claimed = await tx.organizationInvitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: userId },
  });
  if (claimed.count === 0) throw new ConflictError('This invitation has already been used');
}

async function recordJoin(tx: DbClient, invitation: { id: string; organizationId: string; role: OrganizationRole; email: string }, userId: string, ip?: string | null) {
  await recordAuditEvent(
    {
      action: CONSOLE_AUDIT_ACTIONS.memberJoined,
      organizationId: invitation.organizationId,
      actorUserId: userId,
      target: invitation.email,
      ip,
      details: { invitation_id: invitation.id, role: invitation.role },
    },
    tx,
  );
}

/** The signed-in account joins the inviting organization; its email must be the invited one. */
export async function acceptInvitation(
  db: Db,
  actor: ConsoleActor,
  input: { token: string; ip?: string | null; now?: Date },
): Promise<{ organizationId: string }> {
  const now = input.now ?? new Date();
  const invitation = await findInvitation(db, input.token);
  refuseUnlessOpen(stateOf(invitation, now));
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  if (user.email !== invitation.email) {
    throw new ForbiddenError(`This invitation is for ${invitation.email}; sign in with that account to accept it`);
  }
  const member = await db.organizationMember.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId: actor.userId } },
  });
  if (member) throw new ConflictError('You are already a member of this organization');
  await db.$transaction(async (tx) => {
    await claim(tx, invitation.id, actor.userId, now);
    await tx.organizationMember.create({ data: { organizationId: invitation.organizationId, userId: actor.userId, role: invitation.role } });
    await recordJoin(tx, invitation, actor.userId, input.ip);
  });
  return { organizationId: invitation.organizationId };
}

/**
 * Creates the invited email's account with a password and makes it a member, in one transaction. The account gets no
 * organization of its own: it exists to work in the inviting one. Signing in happens afterwards, as usual.
 */
export async function signUpWithInvitation(
  db: Db,
  input: { token: string; password: string; name?: string | null; ip?: string | null; now?: Date },
): Promise<{ email: string; organizationId: string }> {
  const now = input.now ?? new Date();
  const password = validatePassword(input.password);
  const invitation = await findInvitation(db, input.token);
  refuseUnlessOpen(stateOf(invitation, now));
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new ConflictError('An account with this email already exists; sign in to accept the invitation');
  }
  const passwordHash = await hashPassword(password);
  const userId = newInternalId();
  try {
    await db.$transaction(async (tx) => {
      await tx.user.create({ data: { id: userId, email: invitation.email, name: input.name?.trim() || null, passwordHash } });
      await claim(tx, invitation.id, userId, now);
      await tx.organizationMember.create({ data: { organizationId: invitation.organizationId, userId, role: invitation.role } });
      await recordAuditEvent(
        {
          action: CONSOLE_AUDIT_ACTIONS.userCreated,
          actorUserId: userId,
          organizationId: invitation.organizationId,
          target: invitation.email,
          ip: input.ip,
          details: { via: 'invitation', operator: false },
        },
        tx,
      );
      await recordJoin(tx, invitation, userId, input.ip);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('An account with this email already exists; sign in to accept the invitation');
    }
    throw error;
  }
  return { email: invitation.email, organizationId: invitation.organizationId };
}
