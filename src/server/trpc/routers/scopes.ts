import 'server-only';
// Scopes of an app: the list, one scope with its sessions and backfill state, and adding or removing sessions
// through the same services as the /v3 scope routes. Changing membership is an owner's call (it copies or deletes
// what the scope knows), like the app's other settings.
import { scopeAddSessionsInput, scopeInput, scopeSessionInput } from '@/contracts/console-scopes';
import { canManageOrganization, roleIn } from '@/server/services/accounts/organization-roles';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { getAppScope, listAppScopes } from '@/server/services/console/app-scopes';
import { addScopeSessions } from '@/server/services/scopes/add-scope-sessions';
import { removeScopeSession } from '@/server/services/scopes/remove-scope-session';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { appManagerProcedure } from '../manager-procedure';
import { scopeDetailsOutput, scopeRowOutput, scopeSessionRemovedOutput, scopeSessionsAddedOutput } from '@/contracts/console-data-outputs';
import { z } from 'zod';

export const scopesRouter = router({
  list: appProcedure.output(z.array(scopeRowOutput)).query(({ ctx }) => listAppScopes(ctx.db, ctx.workspace.id)),
  get: appProcedure.input(scopeInput).output(scopeDetailsOutput).query(async ({ ctx, input }) => {
    const scope = await getAppScope(ctx.db, ctx.workspace.id, input.scope);
    // Tells the page whether to offer the owner-only changes (the mutations check again).
    const canManage = canManageOrganization(await roleIn(ctx.db, ctx.actor, ctx.workspace.organization.id));
    return { ...scope, canManage };
  }),
  addSessions: appManagerProcedure.input(scopeAddSessionsInput).output(scopeSessionsAddedOutput).mutation(async ({ ctx, input }) => {
    await addScopeSessions(ctx.workspace.name, input.scope, input.sessions);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.scopeSessionsAdded, input.scope, { sessions: input.sessions });
    return { scope: input.scope, added: input.sessions.length };
  }),
  removeSession: appManagerProcedure.input(scopeSessionInput).output(scopeSessionRemovedOutput).mutation(async ({ ctx, input }) => {
    await removeScopeSession(ctx.workspace.name, input.scope, input.session);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.scopeSessionRemoved, input.scope, { session: input.session });
    return { scope: input.scope, removed: input.session };
  }),
});
