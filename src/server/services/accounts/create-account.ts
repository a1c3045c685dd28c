import 'server-only';
// Creates a console account together with its own organization and owner membership, in one transaction. The first
// account ever created also becomes the operator organization (see operator-organization.ts).
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { ConflictError } from '../errors';
import { newInternalId } from '../ids';
import { defaultOrganizationName } from './account-rules';
import { recordAuditEvent } from '../audit/record-audit-event';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { claimOperatorOrganization } from './operator-organization';

export type NewAccount = {
  /** Already normalised (account-rules.ts). */
  email: string;
  name?: string | null;
  image?: string | null;
  passwordHash?: string | null;
  emailVerified?: Date | null;
  organizationName?: string | null;
  /** Links a GitHub identity to the new account. */
  githubAccountId?: string;
  /** How the account came to be, for the audit log. */
  via: 'first_run' | 'admin_env' | 'github';
  ip?: string | null;
};

export type CreatedAccount = { userId: string; organizationId: string; operator: boolean };

/**
 * `onlyIfFirst`: refuse (409) unless this is the instance's first account — the first-run sign-up screen.
 */
export async function createAccount(db: Db, account: NewAccount, options: { onlyIfFirst: boolean }): Promise<CreatedAccount> {
  const userId = newInternalId();
  const organizationId = newInternalId();
  try {
    return await db.$transaction(async (tx) => {
      const operator = await claimOperatorOrganization(tx, organizationId, userId);
      if (options.onlyIfFirst && (!operator || (await tx.user.count()) > 0)) {
        throw new ConflictError('An account already exists; sign in instead');
      }
      await tx.user.create({
        data: {
          id: userId,
          email: account.email,
          name: account.name?.trim() || null,
          image: account.image ?? null,
          passwordHash: account.passwordHash ?? null,
          emailVerified: account.emailVerified ?? null,
        },
      });
      await tx.organization.create({
        data: { id: organizationId, name: account.organizationName?.trim() || defaultOrganizationName(account.name, account.email) },
      });
      await tx.organizationMember.create({ data: { organizationId, userId, role: 'owner' } });
      if (account.githubAccountId) {
        await tx.account.create({
          data: { userId, type: 'oauth', provider: 'github', providerAccountId: account.githubAccountId },
        });
      }
      await recordAuditEvent(
        {
          action: CONSOLE_AUDIT_ACTIONS.userCreated,
          actorUserId: userId,
          organizationId,
          target: account.email,
          ip: account.ip,
          details: { via: account.via, operator },
        },
        tx,
      );
      return { userId, organizationId, operator };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ConflictError('An account with this email already exists');
    }
    throw error;
  }
}
