import 'server-only';
// Deleting an app from the console: an organization manager removes the workspace and, through the foreign-key
// cascades, everything it holds (users, sessions, messages, facts, keys, queue items, webhooks). Unlike the REST
// DELETE, live sessions do not block it: the console's dialog lists what goes and asks for the id to be typed.
// The audit event is kept on the organization (the workspace's own events go with it).
import type { Db } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import type { ConsoleActor } from '../accounts/console-actor';
import { CONSOLE_AUDIT_ACTIONS } from '../accounts/console-audit';
import { requireOrganizationManager } from '../accounts/organization-roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { InvalidInputError } from '../errors';
import { requireAppAccess } from './app-access';

export async function deleteApp(db: Db, actor: ConsoleActor, input: { id: string; confirm: string; ip?: string | null }): Promise<{ deleted: string }> {
  const workspace = await requireAppAccess(db, actor, input.id);
  await requireOrganizationManager(db, actor, workspace.organization.id);
  // The typed confirmation is checked here too, so no client can skip it.
  if (input.confirm !== workspace.name) throw InvalidInputError.at('confirm', `Type ${workspace.name} to confirm`);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM workspaces WHERE id = ${workspace.id}`;
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.appDeleted,
        actorUserId: actor.userId,
        organizationId: workspace.organization.id,
        workspaceId: null,
        target: workspace.name,
        ip: input.ip,
        details: { displayName: workspace.displayName },
      },
      tx,
    );
  }, transactionLimits('workspaceDelete'));
  return { deleted: workspace.name };
}
