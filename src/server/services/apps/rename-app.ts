import 'server-only';
// "Renaming" an app changes its console label only. The workspace id is what API clients send, so it stays fixed;
// the label lives in its own column rather than in workspace metadata, which belongs to API clients (a PUT replaces it).
import type { DbClient } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { CONSOLE_AUDIT_ACTIONS } from '../accounts/console-audit';
import { requireOrganizationManager } from '../accounts/organization-roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { requireAppAccess, type AppSummary } from './app-access';
import { normalizeDisplayName } from './app-rules';
import { getApp } from './list-apps';

export async function renameApp(
  db: DbClient,
  actor: ConsoleActor,
  input: { id: string; displayName: string | null; ip?: string | null },
): Promise<AppSummary> {
  const workspace = await requireAppAccess(db, actor, input.id);
  await requireOrganizationManager(db, actor, workspace.organization.id);
  const displayName = normalizeDisplayName(input.displayName);
  if (displayName !== workspace.displayName) {
    await db.workspace.update({ where: { id: workspace.id }, data: { displayName } });
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.appRenamed,
        actorUserId: actor.userId,
        organizationId: workspace.organization.id,
        workspaceId: workspace.id,
        target: workspace.name,
        ip: input.ip,
        details: { from: workspace.displayName, to: displayName },
      },
      db,
    );
  }
  return getApp(db, actor, input.id);
}
