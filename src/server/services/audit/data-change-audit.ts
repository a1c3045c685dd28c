import 'server-only';
// Audit records of changes an erasure request has to account for: deleting a peer, session, message, conclusion or
// workspace, editing a peer card, changing workspace/session/peer settings or webhooks, scheduling a dream and
// exporting a peer. Both surfaces write them: the /v3 API (actor = stored key id, or the JWT's subject hash) and the
// console (actor = user id). Details carry ids and the names of changed fields only, never message content, card
// text or setting values, so the audit log does not become a second copy of the data being erased.
import type { DbClient } from '@/server/db/client';
import { recordAuditEvent } from './record-audit-event';

export const DATA_AUDIT_ACTIONS = {
  workspaceUpdated: 'workspace.updated',
  workspaceDeleted: 'workspace.deleted',
  workspaceExported: 'workspace.exported',
  workspaceImportStarted: 'workspace.import_started',
  peerUpdated: 'peer.updated',
  peerDeleted: 'peer.deleted',
  peerExported: 'peer.exported',
  peerCardUpdated: 'peer_card.updated',
  sessionUpdated: 'session.updated',
  sessionDeleted: 'session.deleted',
  sessionPeersChanged: 'session.peers_changed',
  sessionPeerConfigUpdated: 'session.peer_config_updated',
  messageUpdated: 'message.updated',
  messageDeleted: 'message.deleted',
  conclusionDeleted: 'conclusion.deleted',
  conclusionEdited: 'conclusion.edited',
  webhookRegistered: 'webhook.registered',
  webhookDeleted: 'webhook.deleted',
  dreamScheduled: 'dream.scheduled',
  scopeSessionsAdded: 'scope.sessions_added',
  scopeSessionRemoved: 'scope.session_removed',
} as const;

export type DataAuditAction = (typeof DATA_AUDIT_ACTIONS)[keyof typeof DATA_AUDIT_ACTIONS];

/** Who made the change: a console user, or an API credential (stored key id, or only its subject for a JWT). */
export type DataChangeActor =
  | { via: 'console'; userId: string }
  | { via: 'api'; keyId: string | null; credential: string; subject: string | null };

export type DataChange = {
  action: DataAuditAction;
  /** Internal workspace id, when it is known before the change (a deleted workspace gives up its name). */
  workspace: { id: string; organizationId: string | null; name: string };
  /** The object acted on, e.g. a peer id; for nested objects `session/message`. */
  target: string | null;
  actor: DataChangeActor;
  ip: string | null;
  /** Ids and field names only (see the module comment). */
  details?: Record<string, unknown>;
};

export async function recordDataChange(db: DbClient, change: DataChange): Promise<void> {
  const { workspace, actor } = change;
  // A deleted workspace's row is purged later and would take its events with it (cascade), so its deletion is kept
  // at organization level, with the wire id in the details.
  const deletesWorkspace = change.action === DATA_AUDIT_ACTIONS.workspaceDeleted;
  await recordAuditEvent(
    {
      action: change.action,
      workspaceId: deletesWorkspace ? null : workspace.id,
      organizationId: workspace.organizationId,
      actorUserId: actor.via === 'console' ? actor.userId : null,
      actorKeyId: actor.via === 'api' ? actor.keyId : null,
      target: change.target,
      ip: change.ip,
      details: {
        via: actor.via,
        workspace: workspace.name,
        ...(actor.via === 'api' ? { credential: actor.credential, ...(actor.keyId ? {} : { subject: actor.subject }) } : {}),
        ...change.details,
      },
    },
    db,
  );
}

/** Names of the fields a change body set, without their values. */
export function changedFields(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.keys(body).sort();
}

/** A webhook URL without query or fragment (they may carry a receiver's token) and without user info. */
export function webhookUrlForAudit(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable)';
  }
}
