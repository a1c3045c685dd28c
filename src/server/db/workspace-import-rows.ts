import 'server-only';
// Writes of a whole-workspace import (docs/portability.md), one statement per run of same-kind lines. Every insert is
// `ON CONFLICT DO NOTHING` and reports which rows it actually wrote, so re-sending a batch writes nothing and the
// caller can tell "already imported" from "taken by another workspace". Timestamps arrive as RFC 3339 text and are
// cast by PostgreSQL, keeping their microseconds.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';

const json = (value: unknown) => Prisma.sql`${JSON.stringify(value)}::jsonb`;
const at = (value: string | null) => Prisma.sql`${value}::timestamptz`;

export type ImportMarker = { format: string; sourceWorkspace: string; exportedAt: string; lastLine: number; completed: boolean };

export async function readImportMarker(db: DbClient, workspaceId: string): Promise<ImportMarker | null> {
  const [row] = await db.$queryRaw<{ format: string; source_workspace: string; exported_at: string; last_line: number; completed: boolean }[]>`
    SELECT format, source_workspace, exported_at, last_line, completed_at IS NOT NULL AS completed
    FROM workspace_imports WHERE workspace_id = ${workspaceId}`;
  return row
    ? { format: row.format, sourceWorkspace: row.source_workspace, exportedAt: row.exported_at, lastLine: row.last_line, completed: row.completed }
    : null;
}

/** Starts an import; false when another request started one first (the caller re-reads the marker). */
export async function insertImportMarker(
  db: DbClient,
  workspaceId: string,
  marker: { format: string; sourceWorkspace: string; exportedAt: string },
): Promise<boolean> {
  const n = await db.$executeRaw`
    INSERT INTO workspace_imports (workspace_id, format, source_workspace, exported_at, last_line)
    VALUES (${workspaceId}, ${marker.format}, ${marker.sourceWorkspace}, ${marker.exportedAt}, 1)
    ON CONFLICT (workspace_id) DO NOTHING`;
  return n > 0;
}

/** Moves the acknowledged line forward; a batch that starts past it (a gap) leaves it where it is. */
export async function advanceImportMarker(db: DbClient, workspaceId: string, firstLine: number, lastLine: number, completed: boolean): Promise<number> {
  const [row] = await db.$queryRaw<{ last_line: number }[]>`
    UPDATE workspace_imports
    SET last_line = CASE WHEN ${firstLine}::int <= last_line + 1 THEN GREATEST(last_line, ${lastLine}::int) ELSE last_line END,
        completed_at = CASE WHEN ${completed} THEN COALESCE(completed_at, now()) ELSE completed_at END
    WHERE workspace_id = ${workspaceId} RETURNING last_line`;
  return row?.last_line ?? 0;
}

/** Whether the workspace holds anything an import could collide with. */
export async function workspaceHasData(db: DbClient, workspaceId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ used: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM peers WHERE workspace_id = ${workspaceId})
        OR EXISTS (SELECT 1 FROM sessions WHERE workspace_id = ${workspaceId})
        OR EXISTS (SELECT 1 FROM webhook_endpoints WHERE workspace_id = ${workspaceId}) AS used`;
  return row?.used ?? false;
}

export async function updateImportedWorkspace(
  db: DbClient,
  workspaceId: string,
  values: { metadata: unknown; configuration: unknown; createdAt: string },
): Promise<void> {
  await db.$executeRaw`
    UPDATE workspaces SET metadata = ${json(values.metadata)}, configuration = ${json(values.configuration)}, created_at = ${at(values.createdAt)}
    WHERE id = ${workspaceId}`;
}

/** Internal ids of the named peers (or sessions) of a workspace. */
export async function idsByName(db: DbClient, table: 'peers' | 'sessions', workspaceId: string, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM ${Prisma.raw(table)} WHERE workspace_id = ${workspaceId} AND name = ANY(${[...new Set(names)]}::text[]) AND deleted_at IS NULL`;
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Of `ids`, those a table holds in another workspace (global public ids cannot be reused across workspaces). */
export async function idsTakenElsewhere(
  db: DbClient,
  table: 'messages' | 'conclusions' | 'session_summaries' | 'webhook_endpoints',
  workspaceId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${Prisma.raw(table)} WHERE id = ANY(${[...ids]}::text[]) AND workspace_id <> ${workspaceId}`;
  return rows.map((r) => r.id);
}

export type PeerInsert = { id: string; name: string; kind: 'peer' | 'scope'; metadata: unknown; configuration: unknown; createdAt: string };
export async function insertPeers(db: DbClient, workspaceId: string, rows: readonly PeerInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) => Prisma.sql`(${r.id}, ${workspaceId}, ${r.name}, ${r.kind}::peer_kind, ${json(r.metadata)}, ${json(r.configuration)}, ${at(r.createdAt)})`,
  );
  return db.$executeRaw`
    INSERT INTO peers (id, workspace_id, name, kind, metadata, configuration, created_at) VALUES ${Prisma.join(values)}
    ON CONFLICT (workspace_id, name) DO NOTHING`;
}

export type SessionInsert = { id: string; name: string; isActive: boolean; metadata: unknown; configuration: unknown; createdAt: string };
export async function insertSessions(db: DbClient, workspaceId: string, rows: readonly SessionInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) => Prisma.sql`(${r.id}, ${workspaceId}, ${r.name}, ${r.isActive}, ${json(r.metadata)}, ${json(r.configuration)}, ${at(r.createdAt)})`,
  );
  return db.$executeRaw`
    INSERT INTO sessions (id, workspace_id, name, is_active, metadata, configuration, created_at) VALUES ${Prisma.join(values)}
    ON CONFLICT (workspace_id, name) DO NOTHING`;
}

export type MembershipInsert = {
  sessionId: string;
  peerId: string;
  observeMe: boolean | null;
  observeOthers: boolean | null;
  joinedAt: string;
  leftAt: string | null;
  createdAt: string;
};
export async function insertMemberships(db: DbClient, workspaceId: string, rows: readonly MembershipInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) => Prisma.sql`(${workspaceId}, ${r.sessionId}, ${r.peerId}, ${r.observeMe}::boolean, ${r.observeOthers}::boolean,
      ${at(r.joinedAt)}, ${at(r.leftAt)}, ${at(r.createdAt)})`,
  );
  return db.$executeRaw`
    INSERT INTO session_peers (workspace_id, session_id, peer_id, observe_me, observe_others, joined_at, left_at, created_at)
    VALUES ${Prisma.join(values)} ON CONFLICT (session_id, peer_id) DO NOTHING`;
}

export type MembershipPeriodInsert = { id: string; sessionId: string; peerId: string; joinedAt: string; leftAt: string | null };
/** Periods have no natural key: one with the same session, peer and join time is the same period. */
export async function insertMembershipPeriods(db: DbClient, workspaceId: string, rows: readonly MembershipPeriodInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => Prisma.sql`(${r.id}, ${r.sessionId}, ${r.peerId}, ${at(r.joinedAt)}, ${at(r.leftAt)})`);
  return db.$executeRaw`
    INSERT INTO session_membership_periods (id, workspace_id, session_id, peer_id, joined_at, left_at)
    SELECT v.id, ${workspaceId}, v.session_id, v.peer_id, v.joined_at, v.left_at
    FROM (VALUES ${Prisma.join(values)}) AS v (id, session_id, peer_id, joined_at, left_at)
    WHERE NOT EXISTS (SELECT 1 FROM session_membership_periods p
                      WHERE p.session_id = v.session_id AND p.peer_id = v.peer_id AND p.joined_at = v.joined_at)`;
}

export type MessageInsert = {
  id: string;
  sessionId: string;
  peerId: string;
  seq: number;
  content: string;
  tokenCount: number;
  metadata: unknown;
  configuration: unknown;
  createdAt: string;
  insertedAt: string;
};
/**
 * Inserts messages in the given order (so `inserted_order` follows the export's) and raises each session's `last_seq`
 * to its highest imported sequence number, so later appends continue after them. Returns the ids written.
 */
export async function insertMessages(db: DbClient, workspaceId: string, rows: readonly MessageInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (r, i) => Prisma.sql`(${i}::int, ${r.id}, ${r.sessionId}, ${r.peerId}, ${r.seq}::int, ${r.content}, ${r.tokenCount}::int,
      ${json(r.metadata)}, ${json(r.configuration)}, ${at(r.createdAt)}, ${at(r.insertedAt)})`,
  );
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, metadata, configuration, created_at, inserted_at)
    SELECT v.id, ${workspaceId}, v.session_id, v.peer_id, v.seq, v.content, v.token_count, v.metadata, v.configuration, v.created_at, v.inserted_at
    FROM (VALUES ${Prisma.join(values)}) AS v (ord, id, session_id, peer_id, seq, content, token_count, metadata, configuration, created_at, inserted_at)
    ORDER BY v.ord
    ON CONFLICT DO NOTHING RETURNING id`;
  await db.$executeRaw`
    UPDATE sessions s SET last_seq = GREATEST(s.last_seq, m.max_seq)
    FROM (SELECT session_id, MAX(seq) AS max_seq FROM messages
          WHERE id = ANY(${rows.map((r) => r.id)}::text[]) AND workspace_id = ${workspaceId} GROUP BY session_id) m
    WHERE s.id = m.session_id`;
  return inserted.map((r) => r.id);
}

/** Of `ids`, the live messages of this workspace. */
export async function existingMessageIds(db: DbClient, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM messages WHERE workspace_id = ${workspaceId} AND id = ANY(${[...new Set(ids)]}::text[])`;
  return new Set(rows.map((r) => r.id));
}

export type ConclusionInsert = {
  id: string;
  observerId: string;
  observedId: string;
  sessionId: string | null;
  level: string;
  origin: string;
  content: string;
  tokenCount: number;
  sourceIds: string[];
  timesDerived: number;
  provenance: unknown;
  messageCreatedAt: string | null;
  createdAt: string;
  supersededAt: string | null;
  supersededById: string | null;
  messageIds: string[];
};
/** Conclusions with their message links; returns the ids written (links are written only for those). */
export async function insertConclusions(db: DbClient, workspaceId: string, rows: readonly ConclusionInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (r) => Prisma.sql`(${r.id}, ${r.observerId}, ${r.observedId}, ${r.sessionId}::text, ${r.level}::conclusion_level,
      ${r.origin}::conclusion_origin, ${r.content}, ${r.tokenCount}::int, ${r.sourceIds}::text[], ${r.timesDerived}::int,
      ${json(r.provenance)}, ${at(r.messageCreatedAt)}, ${at(r.createdAt)}, ${at(r.supersededAt)}, ${r.supersededById}::text)`,
  );
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, session_id, level, origin, content, token_count,
                             source_ids, times_derived, provenance, message_created_at, created_at, superseded_at, superseded_by_id)
    SELECT v.id, ${workspaceId}, v.observer_id, v.observed_id, v.session_id, v.level, v.origin, v.content, v.token_count,
           v.source_ids, v.times_derived, v.provenance, v.message_created_at, v.created_at, v.superseded_at, v.superseded_by_id
    FROM (VALUES ${Prisma.join(values)}) AS v (id, observer_id, observed_id, session_id, level, origin, content, token_count,
                                               source_ids, times_derived, provenance, message_created_at, created_at, superseded_at, superseded_by_id)
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  const written = new Set(inserted.map((r) => r.id));
  const links = rows.filter((r) => written.has(r.id)).flatMap((r) => r.messageIds.map((m) => Prisma.sql`(${r.id}, ${m})`));
  if (links.length > 0) {
    await db.$executeRaw`
      INSERT INTO conclusion_messages (workspace_id, conclusion_id, message_id)
      SELECT ${workspaceId}, v.conclusion_id, v.message_id FROM (VALUES ${Prisma.join(links)}) AS v (conclusion_id, message_id)
      ON CONFLICT DO NOTHING`;
  }
  return [...written];
}

export type CardInsert = { observerId: string; observedId: string; entries: string[]; updatedAt: string };
export async function insertCards(db: DbClient, workspaceId: string, rows: readonly CardInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => Prisma.sql`(${r.observerId}, ${r.observedId}, ${r.entries}::text[], ${at(r.updatedAt)})`);
  return db.$executeRaw`
    INSERT INTO peer_cards (workspace_id, observer_id, observed_id, entries, updated_at)
    SELECT ${workspaceId}, v.observer_id, v.observed_id, v.entries, v.updated_at
    FROM (VALUES ${Prisma.join(values)}) AS v (observer_id, observed_id, entries, updated_at)
    ON CONFLICT (observer_id, observed_id) DO NOTHING`;
}

export type SummaryInsert = {
  id: string;
  sessionId: string;
  kind: 'short' | 'long';
  content: string;
  tokenCount: number;
  lastMessageId: string;
  lastSeq: number;
  createdAt: string;
  staleAt: string | null;
};
export async function insertSummaries(db: DbClient, workspaceId: string, rows: readonly SummaryInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (r) => Prisma.sql`(${r.id}, ${r.sessionId}, ${r.kind}::summary_kind, ${r.content}, ${r.tokenCount}::int, ${r.lastMessageId},
      ${r.lastSeq}::int, ${at(r.createdAt)}, ${at(r.staleAt)})`,
  );
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO session_summaries (id, workspace_id, session_id, kind, content, token_count, last_message_id, last_seq, created_at, stale_at)
    SELECT v.id, ${workspaceId}, v.session_id, v.kind, v.content, v.token_count, v.last_message_id, v.last_seq, v.created_at, v.stale_at
    FROM (VALUES ${Prisma.join(values)}) AS v (id, session_id, kind, content, token_count, last_message_id, last_seq, created_at, stale_at)
    ON CONFLICT DO NOTHING RETURNING id`;
  return inserted.map((r) => r.id);
}

export type PeerViewInsert = {
  observerId: string;
  observedId: string;
  explicitSinceDream: number;
  lastDreamAt: string | null;
  lastObservedActivity: string | null;
};
export async function insertPeerViews(db: DbClient, workspaceId: string, rows: readonly PeerViewInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) => Prisma.sql`(${r.observerId}, ${r.observedId}, ${r.explicitSinceDream}::int, ${at(r.lastDreamAt)}, ${at(r.lastObservedActivity)})`,
  );
  return db.$executeRaw`
    INSERT INTO peer_views (workspace_id, observer_id, observed_id, explicit_since_dream, last_dream_at, last_observed_activity)
    SELECT ${workspaceId}, v.observer_id, v.observed_id, v.explicit_since_dream, v.last_dream_at, v.last_observed_activity
    FROM (VALUES ${Prisma.join(values)}) AS v (observer_id, observed_id, explicit_since_dream, last_dream_at, last_observed_activity)
    ON CONFLICT (observer_id, observed_id) DO NOTHING`;
}

export type ScopeBackfillInsert = { scopePeerId: string; sessionId: string; state: string; docsCopied: number | null; updatedAt: string };
export async function insertScopeBackfills(db: DbClient, workspaceId: string, rows: readonly ScopeBackfillInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map(
    (r) => Prisma.sql`(${r.scopePeerId}, ${r.sessionId}, ${r.state}::backfill_state, ${r.docsCopied}::int, ${at(r.updatedAt)})`,
  );
  return db.$executeRaw`
    INSERT INTO scope_backfills (workspace_id, scope_peer_id, session_id, state, docs_copied, updated_at)
    SELECT ${workspaceId}, v.scope_peer_id, v.session_id, v.state, v.docs_copied, v.updated_at
    FROM (VALUES ${Prisma.join(values)}) AS v (scope_peer_id, session_id, state, docs_copied, updated_at)
    ON CONFLICT (scope_peer_id, session_id) DO NOTHING`;
}

export type WebhookInsert = { id: string; url: string; createdAt: string };
export async function insertWebhooks(db: DbClient, workspaceId: string, rows: readonly WebhookInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => Prisma.sql`(${r.id}, ${r.url}, ${at(r.createdAt)})`);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_endpoints (id, workspace_id, url, created_at)
    SELECT v.id, ${workspaceId}, v.url, v.created_at FROM (VALUES ${Prisma.join(values)}) AS v (id, url, created_at)
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  return inserted.map((r) => r.id);
}

/** One `embedding` work item for messages imported without usable vectors, in the unit message writes use. */
export async function recordMessageEmbeddingWork(db: DbClient, workspaceId: string, sessionId: string, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await db.$executeRaw`
    INSERT INTO work_items (workspace_id, kind, unit_key, session_id, payload)
    VALUES (${workspaceId}, 'embedding'::work_kind, ${`embed:${sessionId}`}, ${sessionId}, ${JSON.stringify({ message_ids: messageIds })}::jsonb)`;
}
