import 'server-only';
// Revokes a stored key. Every request looks its key up by hash, so the key is refused from the very next request.
// Revoking twice is harmless: the first revocation time is kept and audited once.
import type { Db } from '@/server/db/client';
import type { ConsoleActor } from '../accounts/console-actor';
import { CONSOLE_AUDIT_ACTIONS } from '../accounts/console-audit';
import { requireAppAccess } from '../apps/app-access';
import { recordAuditEvent } from '../audit/record-audit-event';
import { NotFoundError } from '../errors';
import { toApiKeySummary, type ApiKeySummary } from './api-key-summary';

export async function revokeApiKey(
  db: Db,
  actor: ConsoleActor,
  input: { app: string; keyId: string; ip?: string | null },
): Promise<ApiKeySummary> {
  const workspace = await requireAppAccess(db, actor, input.app);
  const now = new Date();
  await db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({
      where: { id: input.keyId, workspaceId: workspace.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count === 0) return;
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id: input.keyId } });
    await recordAuditEvent(
      {
        action: CONSOLE_AUDIT_ACTIONS.apiKeyRevoked,
        actorUserId: actor.userId,
        organizationId: workspace.organization.id,
        workspaceId: workspace.id,
        target: key.prefix,
        ip: input.ip,
        details: { key_id: key.id, name: key.name, scope: key.scope },
      },
      tx,
    );
  });
  const key = await db.apiKey.findFirst({
    where: { id: input.keyId, workspaceId: workspace.id },
    include: { createdBy: { select: { email: true } } },
  });
  if (!key) throw new NotFoundError(`Key ${input.keyId} not found`);
  return toApiKeySummary(key, now);
}
