import 'server-only';
// App procedures only an owner of the app's organization may call: API keys, settings, webhooks, renaming, members.
// Members reach the app (appProcedure) but get FORBIDDEN here.
import { requireOrganizationManager } from '@/server/services/accounts/organization-roles';
import { appProcedure } from './app-procedure';

export const appManagerProcedure = appProcedure.use(async ({ ctx, next }) => {
  await requireOrganizationManager(ctx.db, ctx.actor, ctx.workspace.organization.id);
  return next();
});
