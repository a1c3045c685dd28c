import 'server-only';
// Which /v3 routes leave a record in the audit log, and what the record says (services/audit/data-change-audit.ts).
// Kept beside the REST adapter rather than in the wire contracts: it is server policy, not part of the API's shape.
// Only after the handler succeeded is anything written, and only ids and field names, never bodies.
import type { RouteContract } from '@/contracts/route-contract';
import { getDb } from '@/server/db/client';
import type { Credential } from '@/server/services/auth/credential';
import {
  changedFields,
  DATA_AUDIT_ACTIONS as A,
  recordDataChange,
  webhookUrlForAudit,
  type DataAuditAction,
} from '@/server/services/audit/data-change-audit';
import { clientAddress } from './client-ip';

type Params = Record<string, string>;
type Describe = (params: Params, body: unknown) => { target: string | null | undefined; details?: Record<string, unknown> };

const ids = (...names: string[]) => (params: Params) => names.map((n) => params[n]).join('/');
const peerIdsOf = (body: unknown): string[] =>
  Array.isArray(body) ? body.map(String) : body && typeof body === 'object' ? Object.keys(body).sort() : [];

/** `when` limits the record to some requests: an import of a million messages is a thousand batches but one event. */
const AUDITED_ROUTES: Readonly<Record<string, { action: DataAuditAction; describe: Describe; when?: (body: unknown) => boolean }>> = {
  exportWorkspace: { action: A.workspaceExported, describe: (p) => ({ target: p.workspace_id }) },
  importWorkspace: {
    action: A.workspaceImportStarted,
    describe: (p) => ({ target: p.workspace_id }),
    when: (b) => (b as { first_line?: unknown } | null)?.first_line === 1,
  },
  updateWorkspace: { action: A.workspaceUpdated, describe: (p, b) => ({ target: p.workspace_id, details: { fields: changedFields(b) } }) },
  deleteWorkspace: { action: A.workspaceDeleted, describe: (p) => ({ target: p.workspace_id }) },
  updatePeer: { action: A.peerUpdated, describe: (p, b) => ({ target: p.peer_id, details: { fields: changedFields(b) } }) },
  deletePeer: { action: A.peerDeleted, describe: (p) => ({ target: p.peer_id }) },
  exportPeer: { action: A.peerExported, describe: (p) => ({ target: p.peer_id }) },
  setPeerCard: { action: A.peerCardUpdated, describe: (p) => ({ target: p.peer_id }) },
  updateSession: { action: A.sessionUpdated, describe: (p, b) => ({ target: p.session_id, details: { fields: changedFields(b) } }) },
  deleteSession: { action: A.sessionDeleted, describe: (p) => ({ target: p.session_id }) },
  addSessionPeers: { action: A.sessionPeersChanged, describe: (p, b) => ({ target: p.session_id, details: { change: 'add', peers: peerIdsOf(b) } }) },
  setSessionPeers: { action: A.sessionPeersChanged, describe: (p, b) => ({ target: p.session_id, details: { change: 'set', peers: peerIdsOf(b) } }) },
  removeSessionPeers: {
    action: A.sessionPeersChanged,
    describe: (p, b) => ({ target: p.session_id, details: { change: 'remove', peers: peerIdsOf(b) } }),
  },
  setSessionPeerConfig: {
    action: A.sessionPeerConfigUpdated,
    describe: (p, b) => ({ target: ids('session_id', 'peer_id')(p), details: { fields: changedFields(b) } }),
  },
  updateMessage: { action: A.messageUpdated, describe: (p, b) => ({ target: ids('session_id', 'message_id')(p), details: { fields: changedFields(b) } }) },
  deleteMessage: { action: A.messageDeleted, describe: (p) => ({ target: ids('session_id', 'message_id')(p) }) },
  deleteConclusion: { action: A.conclusionDeleted, describe: (p) => ({ target: p.conclusion_id }) },
  getOrCreateWebhookEndpoint: {
    action: A.webhookRegistered,
    describe: (_p, b) => ({ target: webhookUrlForAudit(String((b as { url?: unknown } | null)?.url ?? '')) }),
  },
  deleteWebhookEndpoint: { action: A.webhookDeleted, describe: (p) => ({ target: p.endpoint_id }) },
  scheduleDream: {
    action: A.dreamScheduled,
    describe: (_p, b) => {
      const body = (b ?? {}) as { observer?: string; observed?: string | null; dream_type?: string };
      return { target: body.observer ?? null, details: { observed: body.observed ?? body.observer ?? null, dream_type: body.dream_type ?? null } };
    },
  },
};

export function isAuditedRoute(contract: RouteContract): boolean {
  return contract.id in AUDITED_ROUTES;
}

/** The workspace row, looked up before the handler runs (deleting a workspace renames it). */
export async function auditedWorkspace(params: Params) {
  const name = params.workspace_id;
  if (!name) return null;
  return getDb().workspace.findFirst({ where: { name }, select: { id: true, organizationId: true, name: true } });
}

export async function recordRouteAudit(input: {
  contract: RouteContract;
  request: Request;
  credential: Credential;
  params: Params;
  body: unknown;
  workspace: { id: string; organizationId: string | null; name: string } | null;
}): Promise<void> {
  const entry = AUDITED_ROUTES[input.contract.id];
  // Get-or-create routes (a card for a new peer) can create the workspace itself; look again.
  const workspace = input.workspace ?? (await auditedWorkspace(input.params));
  if (!entry || !workspace || (entry.when && !entry.when(input.body))) return;
  const subject = input.credential.subject ?? null;
  const keyId = subject?.startsWith('key:') ? subject.slice(4) : null;
  const credential = input.credential.kind === 'admin' && input.credential.authDisabled ? 'auth_disabled' : input.credential.kind;
  const { target, details } = entry.describe(input.params, input.body);
  await recordDataChange(getDb(), {
    action: entry.action,
    workspace,
    target: target ?? null,
    details,
    actor: { via: 'api', keyId, credential, subject },
    ip: clientAddress(input.request.headers),
  });
}
