import 'server-only';
// Who acts in the console, and which organizations they belong to. Every console service takes the acting user and
// checks membership here, so a developer only ever reaches their own organizations' apps, keys and audit events.
import type { OrganizationRole } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { NotFoundError, RejectedError, UnauthorizedError } from '../errors';
import type { z } from 'zod';
import type { membershipOutput } from '@/contracts/console-account-outputs';

export type ConsoleActor = { userId: string };

export type Membership = z.output<typeof membershipOutput>;

/** The actor's memberships, owner roles first, then oldest first (the first one is their default organization). */
export async function membershipsOf(db: DbClient, actor: ConsoleActor): Promise<Membership[]> {
  const rows = await db.organizationMember.findMany({
    where: { userId: actor.userId },
    include: { organization: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }, { organizationId: 'asc' }],
  });
  const rank = (role: OrganizationRole) => (role === 'owner' ? 0 : role === 'admin' ? 1 : 2);
  return rows
    .map((r) => ({ organizationId: r.organizationId, organizationName: r.organization.name, role: r.role }))
    .sort((a, b) => rank(a.role) - rank(b.role));
}

export async function organizationIdsOf(db: DbClient, actor: ConsoleActor): Promise<string[]> {
  const rows = await db.organizationMember.findMany({ where: { userId: actor.userId }, select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}

/** The organization to act in: the given one if the actor is a member (else 404, as if it did not exist), or their default. */
export async function resolveOrganization(db: DbClient, actor: ConsoleActor, organizationId?: string): Promise<Membership> {
  const memberships = await membershipsOf(db, actor);
  if (organizationId) {
    const found = memberships.find((m) => m.organizationId === organizationId);
    if (!found) throw new NotFoundError(`Organization ${organizationId} not found`);
    return found;
  }
  const first = memberships[0];
  if (!first) throw new RejectedError('Your account does not belong to an organization');
  return first;
}

/**
 * The signed-in account, as long as it still exists, is not disabled and the session was issued after its last
 * password change (`sessionVersion`; sessions from before versions existed carry none and count as 0).
 */
export async function requireActiveUser(db: DbClient, userId: string, sessionVersion = 0) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, image: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) throw new UnauthorizedError('Your session has ended; sign in again');
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}
