import 'server-only';
// A signed-in user changes their password. The current password is required (a borrowed, unlocked browser must not
// be enough), and every console session issued before ends: the account's session version goes up, and sessions
// carrying an older one are refused (console-actor.ts). The browser that made the change signs in again with the
// new password to get a fresh session.
import type { DbClient } from '@/server/db/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { InvalidInputError, RejectedError } from '../errors';
import { PASSWORD_MAX_LENGTH, validatePassword } from './account-rules';
import type { ConsoleActor } from './console-actor';
import { CONSOLE_AUDIT_ACTIONS } from './console-audit';
import { hashPassword, verifyPassword } from './password-hash';

export async function changePassword(
  db: DbClient,
  actor: ConsoleActor,
  input: { currentPassword: string; newPassword: string; ip?: string | null },
): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user.passwordHash) throw new RejectedError('This account signs in with GitHub and has no password');
  const current = input.currentPassword.slice(0, PASSWORD_MAX_LENGTH + 1);
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw InvalidInputError.at('currentPassword', 'The current password is not right');
  }
  const next = validatePassword(input.newPassword, 'newPassword');
  if (next === current) throw InvalidInputError.at('newPassword', 'Choose a password different from the current one');
  const updated = await db.user.update({
    where: { id: actor.userId },
    data: { passwordHash: await hashPassword(next), sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await recordAuditEvent(
    { action: CONSOLE_AUDIT_ACTIONS.passwordChanged, actorUserId: actor.userId, ip: input.ip, details: { other_sessions_ended: true } },
    db,
  );
  return { sessionVersion: updated.sessionVersion };
}
