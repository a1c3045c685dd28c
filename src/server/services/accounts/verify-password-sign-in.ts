import 'server-only';
// Email + password sign-in for the console. Every attempt is audited; the caller only learns "signed in or not",
// whatever the reason, and an unknown email costs the same time as a wrong password. Attempts are throttled
// (sign-in-throttle.ts): past the budget a SignInThrottledError is thrown, and only the first refusal is audited.
import type { DbClient } from '@/server/db/client';
import { normalizeEmail, PASSWORD_MAX_LENGTH } from './account-rules';
import { recordAuditEvent } from '../audit/record-audit-event';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { SignInThrottledError, spendSignInAttempt } from './sign-in-throttle';
import { verifyAgainstDummy, verifyPassword } from './password-hash';

export type SignedInUser = { id: string; email: string; name: string | null; image: string | null; sessionVersion: number };

type Failure = 'unknown_account' | 'wrong_password' | 'no_password' | 'disabled';

export async function verifyPasswordSignIn(
  db: DbClient,
  input: { email: string; password: string; ip?: string | null },
): Promise<SignedInUser | null> {
  const email = normalizeEmail(input.email);
  const password = input.password.slice(0, PASSWORD_MAX_LENGTH + 1);
  const attempt = await spendSignInAttempt(db, email, input.ip);
  if (attempt.throttled) {
    if (attempt.firstThrottled) {
      await recordAuditEvent(
        { action: CONSOLE_AUDIT_ACTIONS.signInFailed, target: email.slice(0, 254) || null, ip: input.ip, details: { method: 'password', reason: 'throttled' } },
        db,
      );
    }
    throw new SignInThrottledError();
  }
  const user = email ? await db.user.findUnique({ where: { email } }) : null;

  let failure: Failure | null = null;
  if (!user) {
    await verifyAgainstDummy(password);
    failure = 'unknown_account';
  } else if (!user.passwordHash) {
    await verifyAgainstDummy(password);
    failure = 'no_password';
  } else if (!(await verifyPassword(user.passwordHash, password))) {
    failure = 'wrong_password';
  } else if (user.disabledAt) {
    failure = 'disabled';
  }

  await recordAuditEvent(
    {
      action: failure ? CONSOLE_AUDIT_ACTIONS.signInFailed : CONSOLE_AUDIT_ACTIONS.signedIn,
      actorUserId: user?.id ?? null,
      target: email.slice(0, 254) || null,
      ip: input.ip,
      details: failure ? { method: 'password', reason: failure } : { method: 'password' },
    },
    db,
  );
  if (failure || !user) return null;
  return { id: user.id, email: user.email, name: user.name, image: user.image, sessionVersion: user.sessionVersion };
}
