import 'server-only';
// Writes one security event to audit_events (shown in the console's audit log). Used by the API side for failed-auth
// bursts and by the console for sign-ins and key changes, so every security event lands in one table in one shape.
import { getDb, type DbClient } from '@/server/db/client';
import { newInternalId } from '../ids';

/**
 * Conventional action names: `auth.failure_burst` (API), and for the console e.g. `user.signed_in`,
 * `user.sign_in_failed`, `api_key.created`, `api_key.revoked`. Dotted, lower-case, past tense where it is an event.
 */
export const AUDIT_ACTIONS = {
  authFailureBurst: 'auth.failure_burst',
} as const;

export type AuditEventInput = {
  action: string;
  /** Internal workspace key (workspaces.id), not the wire id; null for workspace-less events such as sign-in. */
  workspaceId?: string | null;
  organizationId?: string | null;
  actorUserId?: string | null;
  actorKeyId?: string | null;
  /** What the event is about, e.g. a key id or an email address. */
  target?: string | null;
  ip?: string | null;
  /** Free-form JSON; never put secrets (keys, tokens, passwords) here. */
  details?: Record<string, unknown>;
};

export async function recordAuditEvent(input: AuditEventInput, db: DbClient = getDb()): Promise<{ id: string }> {
  const id = newInternalId();
  await db.auditEvent.create({
    data: {
      id,
      action: input.action,
      workspaceId: input.workspaceId ?? null,
      organizationId: input.organizationId ?? null,
      actorUserId: input.actorUserId ?? null,
      actorKeyId: input.actorKeyId ?? null,
      target: input.target ?? null,
      ip: input.ip ?? null,
      details: (input.details ?? {}) as object,
    },
  });
  return { id };
}
