import 'server-only';
// GitHub sign-in: the GitHub identity is linked to a console account by its verified email. A known identity signs
// into its account; a verified email that matches an account links the identity to it; otherwise a new account with
// its own organization is created.
import type { Db } from '@/server/db/client';
import { ConflictError } from '../errors';
import { normalizeEmail } from './account-rules';
import { recordAuditEvent } from '../audit/record-audit-event';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { createAccount } from './create-account';
import type { SignedInUser } from './verify-password-sign-in';

export type GithubIdentity = {
  /** GitHub's numeric user id, as a string. */
  accountId: string;
  /** A verified email of the GitHub account (the caller checks verification with GitHub). */
  verifiedEmail: string;
  name?: string | null;
  image?: string | null;
  ip?: string | null;
};

export async function signInWithGithub(db: Db, identity: GithubIdentity, attempt = 0): Promise<SignedInUser | null> {
  const email = normalizeEmail(identity.verifiedEmail);
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: 'github', providerAccountId: identity.accountId } },
    include: { user: true },
  });
  let user = linked?.user ?? (await db.user.findUnique({ where: { email } }));

  if (user && !linked) {
    await db.account.create({ data: { userId: user.id, type: 'oauth', provider: 'github', providerAccountId: identity.accountId } });
    if (!user.emailVerified) user = await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
  }
  if (!user) {
    try {
      const created = await createAccount(
        db,
        { email, name: identity.name, image: identity.image, emailVerified: new Date(), githubAccountId: identity.accountId, via: 'github', ip: identity.ip },
        { onlyIfFirst: false },
      );
      user = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    } catch (error) {
      // The same person signing in twice at once: the other request created the account.
      if (!(error instanceof ConflictError) || attempt > 0) throw error;
      return signInWithGithub(db, identity, attempt + 1);
    }
  }

  const disabled = Boolean(user.disabledAt);
  await recordAuditEvent(
    {
      action: disabled ? CONSOLE_AUDIT_ACTIONS.signInFailed : CONSOLE_AUDIT_ACTIONS.signedIn,
      actorUserId: user.id,
      target: email,
      ip: identity.ip,
      details: disabled ? { method: 'github', reason: 'disabled' } : { method: 'github' },
    },
    db,
  );
  return disabled ? null : { id: user.id, email: user.email, name: user.name, image: user.image, sessionVersion: user.sessionVersion };
}
