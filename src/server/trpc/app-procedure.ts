import 'server-only';
// Procedures about one app: the input names the app, and the signed-in account must reach it through its
// organization (app-access decides; anything else is NOT_FOUND, so another organization's app looks like no app).
// Later inputs merge with `{ app }`, and the handler gets the workspace row as `ctx.workspace`.
import { appInput } from '@/contracts/console-data';
import { requireAppAccess } from '@/server/services/apps/app-access';
import { protectedProcedure } from './init';

export const appProcedure = protectedProcedure.input(appInput).use(async ({ ctx, input, next }) => {
  const workspace = await requireAppAccess(ctx.db, ctx.actor, input.app);
  return next({ ctx: { ...ctx, workspace } });
});
