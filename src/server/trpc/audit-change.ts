import 'server-only';
// Records a console change to an app's data in the audit log, with the signed-in user as actor (the same records the
// /v3 API writes with a key id; services/audit/data-change-audit.ts). Called by a procedure after its service succeeded.
import type { Db } from '@/server/db/client';
import { recordDataChange, type DataAuditAction } from '@/server/services/audit/data-change-audit';

type AppContext = {
  db: Db;
  ip: string | null;
  actor: { userId: string };
  workspace: { id: string; name: string; organizationId: string | null };
};

export async function auditConsoleChange(
  ctx: AppContext,
  action: DataAuditAction,
  target: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await recordDataChange(ctx.db, {
    action,
    workspace: { id: ctx.workspace.id, name: ctx.workspace.name, organizationId: ctx.workspace.organizationId },
    target,
    actor: { via: 'console', userId: ctx.actor.userId },
    ip: ctx.ip,
    details,
  });
}
