import 'server-only';
// The console's scopes: every scope of an app with its member count and how many of its sessions are still being
// copied in (or out) or failed, and one scope with its member sessions beside their backfill state. The same
// storage the /v3 scope routes read (scope peers, their session_peers rows and scope_backfills), in one query each
// rather than the wire's pages, since the console shows a scope's sessions together with their state.
import type { DbClient } from '@/server/db/client';
import { requireScope, scopeIdOf } from '../scopes/scope-peers';
import { asObject } from './activity-row';
import type { z } from 'zod';
import type { backfillOutput, scopeDetailsOutput, scopeRowOutput } from '@/contracts/console-data-outputs';

export type BackfillView = z.output<typeof backfillOutput>;

export type ScopeRow = z.output<typeof scopeRowOutput>;

export type ScopeDetails = Omit<z.output<typeof scopeDetailsOutput>, 'canManage'>;

/** A cap on what one console page lists; the wire pages further. */
const MAX_SCOPES = 500;
const MAX_SESSIONS = 1_000;

export async function listAppScopes(db: DbClient, workspaceId: string): Promise<ScopeRow[]> {
  const rows = await db.$queryRaw<{ name: string; metadata: unknown; created_at: Date; sessions: number; pending: number; failed: number }[]>`
    SELECT p.name, p.metadata, p.created_at,
      (SELECT count(*) FROM session_peers sp JOIN sessions s ON s.id = sp.session_id AND s.deleted_at IS NULL
        WHERE sp.peer_id = p.id AND sp.left_at IS NULL)::int AS sessions,
      (SELECT count(*) FROM scope_backfills b WHERE b.scope_peer_id = p.id AND b.state = 'pending')::int AS pending,
      (SELECT count(*) FROM scope_backfills b WHERE b.scope_peer_id = p.id AND b.state = 'failed')::int AS failed
    FROM peers p
    WHERE p.workspace_id = ${workspaceId} AND p.kind = 'scope' AND p.deleted_at IS NULL
    ORDER BY p.created_at, p.id
    LIMIT ${MAX_SCOPES}`;
  return rows.map((row) => ({
    id: scopeIdOf(row.name),
    metadata: asObject(row.metadata),
    createdAt: row.created_at.toISOString(),
    sessionCount: row.sessions,
    pending: row.pending,
    failed: row.failed,
  }));
}

export async function getAppScope(db: DbClient, workspaceId: string, scopeId: string): Promise<ScopeDetails> {
  const scope = await requireScope(db, workspaceId, scopeId);
  const rows = await db.$queryRaw<
    { name: string; member: boolean; joined_at: Date | null; messages: number; state: BackfillView['state'] | null; updated_at: Date | null; docs_copied: number | null }[]
  >`
    SELECT s.name, sp.peer_id IS NOT NULL AS member, sp.joined_at,
      (SELECT count(*) FROM messages m WHERE m.session_id = s.id)::int AS messages,
      b.state::text AS state, b.updated_at, b.docs_copied
    FROM sessions s
    LEFT JOIN session_peers sp ON sp.session_id = s.id AND sp.peer_id = ${scope.id} AND sp.left_at IS NULL
    LEFT JOIN scope_backfills b ON b.session_id = s.id AND b.scope_peer_id = ${scope.id}
    WHERE s.workspace_id = ${workspaceId} AND s.deleted_at IS NULL AND (sp.peer_id IS NOT NULL OR b.session_id IS NOT NULL)
    ORDER BY sp.joined_at NULLS LAST, s.name
    LIMIT ${MAX_SESSIONS}`;
  const backfill = (row: (typeof rows)[number]): BackfillView | null =>
    row.state && row.updated_at ? { state: row.state, updatedAt: row.updated_at.toISOString(), docsCopied: row.docs_copied } : null;
  return {
    id: scopeId,
    metadata: asObject(scope.metadata),
    createdAt: scope.createdAt.toISOString(),
    sessions: rows
      .filter((row) => row.member)
      .map((row) => ({ id: row.name, joinedAt: row.joined_at!.toISOString(), messageCount: row.messages, backfill: backfill(row) })),
    removing: rows
      .filter((row) => !row.member && row.state)
      .map((row) => ({ id: row.name, updatedAt: row.updated_at!.toISOString(), state: row.state! })),
  };
}
