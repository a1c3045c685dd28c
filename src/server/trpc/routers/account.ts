import 'server-only';
// Account procedures: the first-run state (and the ADMIN_EMAIL bootstrap it triggers), the first account's sign-up,
// and who is signed in.
import { firstAccountInput } from '@/contracts/console';
import { changePasswordInput } from '@/contracts/console-members';
import { changePassword } from '@/server/services/accounts/change-password';
import { readConsoleConfig } from '@/server/config/console-config';
import { membershipsOf, requireActiveUser } from '@/server/services/accounts/console-actor';
import { ensureAdminFromEnv } from '@/server/services/accounts/ensure-admin-from-env';
import { createFirstAccount, needsFirstAccount } from '@/server/services/accounts/first-account';
import { UnauthorizedError } from '@/server/services/errors';
import { protectedProcedure, publicProcedure, router } from '../init';
import { currentAccountOutput, firstAccountOutput, meOutput, passwordChangedOutput, setupStateOutput } from '@/contracts/console-account-outputs';

export const accountRouter = router({
  /** Whether the first-run sign-up is open, and which sign-in methods exist. */
  setupState: publicProcedure.output(setupStateOutput).query(async ({ ctx }) => {
    const config = readConsoleConfig();
    await ensureAdminFromEnv(ctx.db, config.admin);
    return { needsFirstAccount: await needsFirstAccount(ctx.db), githubEnabled: config.github !== null };
  }),

  /** Creates the instance's first account; refused (CONFLICT) once any account exists. */
  createFirstAccount: publicProcedure.input(firstAccountInput).output(firstAccountOutput).mutation(async ({ ctx, input }) => {
    const created = await createFirstAccount(ctx.db, { ...input, ip: ctx.ip });
    return { organizationId: created.organizationId };
  }),

  /** The signed-in account, or null when signed out (or the session's account is gone). */
  current: publicProcedure.output(currentAccountOutput).query(async ({ ctx }) => {
    if (!ctx.session) return null;
    try {
      return await requireActiveUser(ctx.db, ctx.session.userId, ctx.session.sessionVersion);
    } catch (error) {
      if (error instanceof UnauthorizedError) return null;
      throw error;
    }
  }),

  /** Ends every other session; the caller signs in again with the new password for a fresh one. */
  changePassword: protectedProcedure.input(changePasswordInput).output(passwordChangedOutput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, ctx.actor, { ...input, ip: ctx.ip });
    return { changed: true };
  }),

  me: protectedProcedure.output(meOutput).query(async ({ ctx }) => ({
    ...ctx.user,
    organizations: await membershipsOf(ctx.db, ctx.actor),
  })),
});
