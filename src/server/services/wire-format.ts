// Wire shapes of the storage resources (docs/api.md#s1-10): snake_case, RFC 3339 UTC timestamps, objects never null.
import type { Message, Peer, Session, Workspace } from '@/generated/prisma/client';

export function wireTimestamp(date: Date): string {
  return date.toISOString();
}

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function workspaceToWire(w: Workspace) {
  return { id: w.name, metadata: obj(w.metadata), configuration: obj(w.configuration), created_at: wireTimestamp(w.createdAt) };
}

export function peerToWire(p: Peer, workspaceName: string) {
  return {
    id: p.name,
    workspace_id: workspaceName,
    metadata: obj(p.metadata),
    configuration: obj(p.configuration),
    created_at: wireTimestamp(p.createdAt),
  };
}

export function sessionToWire(s: Session, workspaceName: string) {
  return {
    id: s.name,
    workspace_id: workspaceName,
    is_active: s.isActive,
    metadata: obj(s.metadata),
    configuration: obj(s.configuration),
    created_at: wireTimestamp(s.createdAt),
  };
}

export function messageToWire(m: Message, names: { workspace: string; session: string; peer: string }) {
  return {
    id: m.id,
    content: m.content,
    peer_id: names.peer,
    session_id: names.session,
    workspace_id: names.workspace,
    metadata: obj(m.metadata),
    created_at: wireTimestamp(m.createdAt),
    token_count: m.tokenCount,
  };
}
