import 'server-only';
// Reads a workspace for export (docs/portability.md) one keyset page at a time: every reader takes the key of the last
// row it returned and a page size, so exporting a million messages holds one page in memory, and a page costs an index
// range scan however far into the table it is (no OFFSET). Timestamps are rendered here with their microseconds, which
// a JavaScript Date would drop, so an import reproduces them exactly. Only live rows are read: a row whose peer or
// session has its `deleted_at` set is about to be purged and is not exported.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';
import { queryRows } from './raw-rows';

/** `col` as RFC 3339 UTC text with microseconds (NULL stays NULL). */
const ts = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

const LIVE_PEER = (alias: string) => Prisma.raw(`${alias}.deleted_at IS NULL`);

// The FROM … WHERE of each exported table, shared by its counter and its pages so the header's counts describe the lines.
const FROM = {
  peers: (ws: string) => Prisma.sql`peers p WHERE p.workspace_id = ${ws} AND p.deleted_at IS NULL`,
  sessions: (ws: string) => Prisma.sql`sessions s WHERE s.workspace_id = ${ws} AND s.deleted_at IS NULL`,
  memberships: (ws: string) => Prisma.sql`session_peers sp JOIN sessions s ON s.id = sp.session_id JOIN peers p ON p.id = sp.peer_id
    WHERE sp.workspace_id = ${ws} AND s.deleted_at IS NULL AND ${LIVE_PEER('p')}`,
  membershipPeriods: (ws: string) => Prisma.sql`session_membership_periods mp JOIN sessions s ON s.id = mp.session_id
    JOIN peers p ON p.id = mp.peer_id WHERE mp.workspace_id = ${ws} AND s.deleted_at IS NULL AND ${LIVE_PEER('p')}`,
  messages: (ws: string) => Prisma.sql`messages m JOIN sessions s ON s.id = m.session_id JOIN peers p ON p.id = m.peer_id
    WHERE m.workspace_id = ${ws} AND s.deleted_at IS NULL AND ${LIVE_PEER('p')}`,
  conclusions: (ws: string) => Prisma.sql`conclusions c JOIN peers o ON o.id = c.observer_id JOIN peers d ON d.id = c.observed_id
    LEFT JOIN sessions s ON s.id = c.session_id
    WHERE c.workspace_id = ${ws} AND ${LIVE_PEER('o')} AND ${LIVE_PEER('d')}
      AND (c.session_id IS NULL OR s.deleted_at IS NULL)`,
  cards: (ws: string) => Prisma.sql`peer_cards pc JOIN peers o ON o.id = pc.observer_id JOIN peers d ON d.id = pc.observed_id
    WHERE pc.workspace_id = ${ws} AND ${LIVE_PEER('o')} AND ${LIVE_PEER('d')}`,
  summaries: (ws: string) => Prisma.sql`session_summaries ss JOIN sessions s ON s.id = ss.session_id
    WHERE ss.workspace_id = ${ws} AND s.deleted_at IS NULL`,
  peerViews: (ws: string) => Prisma.sql`peer_views pv JOIN peers o ON o.id = pv.observer_id JOIN peers d ON d.id = pv.observed_id
    WHERE pv.workspace_id = ${ws} AND ${LIVE_PEER('o')} AND ${LIVE_PEER('d')}`,
  scopeBackfills: (ws: string) => Prisma.sql`scope_backfills sb JOIN peers p ON p.id = sb.scope_peer_id JOIN sessions s ON s.id = sb.session_id
    WHERE sb.workspace_id = ${ws} AND ${LIVE_PEER('p')} AND s.deleted_at IS NULL`,
  webhooks: (ws: string) => Prisma.sql`webhook_endpoints we WHERE we.workspace_id = ${ws} AND we.deleted_at IS NULL`,
};

export type ExportTable = keyof typeof FROM;

export async function countExportRows(db: DbClient, workspaceId: string): Promise<Record<ExportTable, number>> {
  const parts = (Object.keys(FROM) as ExportTable[]).map(
    (table) => Prisma.sql`(SELECT COUNT(*)::int FROM ${FROM[table](workspaceId)}) AS ${Prisma.raw(`"${table}"`)}`,
  );
  const [row] = await queryRows<Record<ExportTable, number>>(db, Prisma.sql`SELECT ${Prisma.join(parts, ', ')}`);
  return row!;
}

/** A page of rows after `after` (the previous page's last key; null for the first page), and that page's last key. */
export type KeysetPage<Row> = { rows: Row[]; last: string | null };

async function keysetPage<Row extends { key: string }>(
  db: DbClient,
  select: Prisma.Sql,
  from: Prisma.Sql,
  key: Prisma.Sql,
  after: string | null,
  limit: number,
  keyType: 'text' | 'bigint' = 'text',
): Promise<KeysetPage<Omit<Row, 'key'>>> {
  const cast = Prisma.raw(keyType);
  const rows = await queryRows<Row>(
    db,
    Prisma.sql`SELECT ${key}::text AS key, ${select} FROM ${from}
      ${after === null ? Prisma.empty : Prisma.sql`AND ${key} > ${after}::${cast}`}
      ORDER BY ${key} LIMIT ${limit}`,
  );
  const last = rows.length ? rows[rows.length - 1]!.key : null;
  return { rows: rows.map(({ key: _key, ...rest }) => rest), last };
}

export type ExportPeerRow = { name: string; kind: 'peer' | 'scope'; metadata: unknown; configuration: unknown; created_at: string };
export const readPeerPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportPeerRow & { key: string }>(
    db,
    Prisma.sql`p.name, p.kind::text AS kind, p.metadata, p.configuration, ${ts('p.created_at')} AS created_at`,
    FROM.peers(ws),
    Prisma.sql`p.id`,
    after,
    limit,
  );

export type ExportSessionRow = { name: string; is_active: boolean; metadata: unknown; configuration: unknown; created_at: string };
export const readSessionPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportSessionRow & { key: string }>(
    db,
    Prisma.sql`s.name, s.is_active, s.metadata, s.configuration, ${ts('s.created_at')} AS created_at`,
    FROM.sessions(ws),
    Prisma.sql`s.id`,
    after,
    limit,
  );

export type ExportMembershipRow = {
  session: string;
  peer: string;
  observe_me: boolean | null;
  observe_others: boolean | null;
  joined_at: string;
  left_at: string | null;
  created_at: string;
};
export const readMembershipPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportMembershipRow & { key: string }>(
    db,
    Prisma.sql`s.name AS session, p.name AS peer, sp.observe_me, sp.observe_others, ${ts('sp.joined_at')} AS joined_at,
      ${ts('sp.left_at')} AS left_at, ${ts('sp.created_at')} AS created_at`,
    FROM.memberships(ws),
    Prisma.sql`(sp.session_id || '/' || sp.peer_id)`,
    after,
    limit,
  );

export type ExportMembershipPeriodRow = { session: string; peer: string; joined_at: string; left_at: string | null };
export const readMembershipPeriodPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportMembershipPeriodRow & { key: string }>(
    db,
    Prisma.sql`s.name AS session, p.name AS peer, ${ts('mp.joined_at')} AS joined_at, ${ts('mp.left_at')} AS left_at`,
    FROM.membershipPeriods(ws),
    Prisma.sql`mp.id`,
    after,
    limit,
  );

export type ExportMessageRow = {
  id: string;
  session: string;
  peer: string;
  seq: number;
  content: string;
  token_count: number;
  metadata: unknown;
  configuration: unknown;
  created_at: string;
  inserted_at: string;
};
/** In insertion order, so an import inserts them in the same order and workspace-wide listings agree. */
export const readMessagePage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportMessageRow & { key: string }>(
    db,
    Prisma.sql`m.id, s.name AS session, p.name AS peer, m.seq, m.content, m.token_count, m.metadata, m.configuration,
      ${ts('m.created_at')} AS created_at, ${ts('m.inserted_at')} AS inserted_at`,
    FROM.messages(ws),
    Prisma.sql`m.inserted_order`,
    after,
    limit,
    'bigint',
  );

export type ExportConclusionRow = {
  id: string;
  observer: string;
  observed: string;
  session: string | null;
  level: 'explicit' | 'deductive' | 'inductive' | 'contradiction';
  origin: 'api' | 'deriver' | 'dream';
  content: string;
  token_count: number;
  source_ids: string[];
  times_derived: number;
  provenance: unknown;
  message_ids: string[];
  message_created_at: string | null;
  created_at: string;
  superseded_at: string | null;
  superseded_by_id: string | null;
};
/** With the links to messages the export holds (the messages reader's own rule), since a link to any other would not import. */
export const readConclusionPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportConclusionRow & { key: string }>(
    db,
    Prisma.sql`c.id, o.name AS observer, d.name AS observed, s.name AS session, c.level::text AS level, c.origin::text AS origin,
      c.content, c.token_count, c.source_ids, c.times_derived, c.provenance,
      ARRAY(SELECT cm.message_id FROM conclusion_messages cm
            WHERE cm.conclusion_id = c.id AND EXISTS (SELECT 1 FROM ${FROM.messages(ws)} AND m.id = cm.message_id)
            ORDER BY cm.message_id) AS message_ids,
      ${ts('c.message_created_at')} AS message_created_at, ${ts('c.created_at')} AS created_at,
      ${ts('c.superseded_at')} AS superseded_at, c.superseded_by_id`,
    FROM.conclusions(ws),
    Prisma.sql`c.id`,
    after,
    limit,
  );

export type ExportCardRow = { observer: string; observed: string; entries: string[]; updated_at: string };
export const readCardPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportCardRow & { key: string }>(
    db,
    Prisma.sql`o.name AS observer, d.name AS observed, pc.entries, ${ts('pc.updated_at')} AS updated_at`,
    FROM.cards(ws),
    Prisma.sql`(pc.observer_id || '/' || pc.observed_id)`,
    after,
    limit,
  );

export type ExportSummaryRow = {
  id: string;
  session: string;
  kind: 'short' | 'long';
  content: string;
  token_count: number;
  last_message_id: string;
  last_seq: number;
  created_at: string;
  stale_at: string | null;
};
export const readSummaryPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportSummaryRow & { key: string }>(
    db,
    Prisma.sql`ss.id, s.name AS session, ss.kind::text AS kind, ss.content, ss.token_count, ss.last_message_id, ss.last_seq,
      ${ts('ss.created_at')} AS created_at, ${ts('ss.stale_at')} AS stale_at`,
    FROM.summaries(ws),
    Prisma.sql`ss.id`,
    after,
    limit,
  );

export type ExportPeerViewRow = {
  observer: string;
  observed: string;
  explicit_since_dream: number;
  last_dream_at: string | null;
  last_observed_activity: string | null;
};
export const readPeerViewPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportPeerViewRow & { key: string }>(
    db,
    Prisma.sql`o.name AS observer, d.name AS observed, pv.explicit_since_dream, ${ts('pv.last_dream_at')} AS last_dream_at,
      ${ts('pv.last_observed_activity')} AS last_observed_activity`,
    FROM.peerViews(ws),
    Prisma.sql`(pv.observer_id || '/' || pv.observed_id)`,
    after,
    limit,
  );

export type ExportScopeBackfillRow = {
  scope_peer: string;
  session: string;
  state: 'pending' | 'completed' | 'failed';
  docs_copied: number | null;
  updated_at: string;
};
export const readScopeBackfillPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportScopeBackfillRow & { key: string }>(
    db,
    Prisma.sql`p.name AS scope_peer, s.name AS session, sb.state::text AS state, sb.docs_copied, ${ts('sb.updated_at')} AS updated_at`,
    FROM.scopeBackfills(ws),
    Prisma.sql`(sb.scope_peer_id || '/' || sb.session_id)`,
    after,
    limit,
  );

export type ExportWebhookRow = { id: string; url: string; created_at: string };
export const readWebhookPage = (db: DbClient, ws: string, after: string | null, limit: number) =>
  keysetPage<ExportWebhookRow & { key: string }>(
    db,
    Prisma.sql`we.id, we.url, ${ts('we.created_at')} AS created_at`,
    FROM.webhooks(ws),
    Prisma.sql`we.id`,
    after,
    limit,
  );

export type ExportMessageEmbeddingRow = {
  message_id: string;
  chunk_index: number;
  char_start: number;
  char_end: number;
  model: string;
  values: number[];
};
/** The embeddings of one page of messages (only when the export asks for them). */
export async function readMessageEmbeddings(db: DbClient, messageIds: readonly string[]): Promise<ExportMessageEmbeddingRow[]> {
  if (messageIds.length === 0) return [];
  return queryRows<ExportMessageEmbeddingRow>(
    db,
    Prisma.sql`SELECT message_id, chunk_index, char_start, char_end, model, embedding::real[] AS values
      FROM message_embeddings WHERE message_id = ANY(${messageIds}::text[]) ORDER BY message_id, chunk_index`,
  );
}

export type ExportConclusionEmbeddingRow = { conclusion_id: string; model: string; values: number[] };
export async function readConclusionEmbeddings(db: DbClient, conclusionIds: readonly string[]): Promise<ExportConclusionEmbeddingRow[]> {
  if (conclusionIds.length === 0) return [];
  return queryRows<ExportConclusionEmbeddingRow>(
    db,
    Prisma.sql`SELECT conclusion_id, model, embedding::real[] AS values FROM conclusion_embeddings
      WHERE conclusion_id = ANY(${conclusionIds}::text[])`,
  );
}
