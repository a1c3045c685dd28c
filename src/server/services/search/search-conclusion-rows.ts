import 'server-only';
// Hybrid conclusion search over internal ids (docs/api.md#s3-9, #s5-8, docs/honcho-differences.md#hybrid-retrieval): BM25 over `content_tsv` and cosine over
// conclusion embeddings, fused by reciprocal rank fusion. Only live conclusions rank (not deleted, not superseded).
// `maxDistance` caps the vector leg alone, so exact tokens, numbers and names are still found lexically.
import { Prisma, type Conclusion } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { nearestByCosine } from '@/server/db/vector-search';
import { getVectorStorage } from '@/server/db/vector-storage';
import { embedQuery } from './embed-query';
import { fuseRankings } from './fuse-rankings';
import { rankLexically } from './lexical-rank';
import type { SearchOptions } from './search-message-rows';
import { normaliseSearchQuery } from './search-query';

export type ConclusionSearchScope = {
  workspaceId: string;
  /** Internal peer ids of the view. */
  observerId?: string | null;
  observedId?: string | null;
  /** Internal session ids; [] matches nothing. */
  sessionIds?: readonly string[] | null;
  levels?: readonly string[] | null;
  /** Cosine-distance cap (0–1) on the vector leg. */
  maxDistance?: number | null;
  /** Extra condition over alias `c` (conclusions). */
  filter?: Prisma.Sql | null;
};

export type ConclusionSearchRow = Conclusion & { score: number };

const CONCLUSION_COLUMNS = Prisma.sql`c.id, c.workspace_id AS "workspaceId", c.observer_id AS "observerId",
  c.observed_id AS "observedId", c.session_id AS "sessionId", c.level, c.origin, c.content, c.token_count AS "tokenCount",
  c.source_ids AS "sourceIds", c.times_derived AS "timesDerived", c.provenance, c.message_created_at AS "messageCreatedAt",
  c.created_at AS "createdAt", c.superseded_at AS "supersededAt", c.superseded_by_id AS "supersededById"`;

export async function searchConclusionRows(
  db: Db,
  scope: ConclusionSearchScope,
  query: string,
  limit: number,
  options: SearchOptions = {},
): Promise<ConclusionSearchRow[]> {
  const text = normaliseSearchQuery(query);
  const take = Math.max(1, Math.floor(limit));
  if ((scope.sessionIds && scope.sessionIds.length === 0) || (scope.levels && scope.levels.length === 0)) return [];
  const where = conclusionScope(scope);
  if (text.trim() === '') {
    const rows = await queryRows<Conclusion>(db, Prisma.sql`
      SELECT ${CONCLUSION_COLUMNS} FROM conclusions c WHERE ${where} ORDER BY c.created_at DESC, c.id LIMIT ${take}`);
    return rows.map((row) => ({ ...row, score: 0 }));
  }

  const candidates = Math.max(40, take * 4);
  const [lexical, semantic] = await Promise.all([
    rankLexically(db, { target: 'conclusions', workspaceId: scope.workspaceId, where, query: text, limit: candidates }),
    semanticLeg(db, scope, where, text, candidates, options),
  ]);
  const pool = [...new Set([...lexical.ranked, ...lexical.names, ...semantic])];
  if (pool.length === 0) return [];
  // On the pool (raw-rows.ts), like the message rows of message search: no int8 column, enums arrive as their labels.
  const rows = await queryRows<Conclusion>(db, Prisma.sql`
    SELECT ${CONCLUSION_COLUMNS} FROM conclusions c WHERE ${where} AND c.id = ANY(${pool}::text[])`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fuseRankings([{ ids: lexical.ranked }, { ids: lexical.names }, { ids: semantic }], (id) => byId.get(id)?.createdAt.getTime() ?? 0)
    .flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ ...row, score: hit.score }] : [];
    })
    .slice(0, take);
}

async function semanticLeg(
  db: Db, scope: ConclusionSearchScope, where: Prisma.Sql, query: string, limit: number, options: SearchOptions,
): Promise<string[]> {
  // Without pgvector the scope's size picks the plan (vector-search.ts); it is counted while the query is embedded
  // and the lexical leg runs, rather than in a round trip of its own after them.
  const narrow = getVectorStorage(db).then((storage) => storage.mode === 'fallback' && isSmallConclusionScope(db, scope, where));
  narrow.catch(() => {});
  const vector = await embedQuery(query, options.embedder, { signal: options.signal });
  if (!vector) return [];
  try {
    const hits = await nearestByCosine(db, {
      target: 'conclusions', workspaceId: scope.workspaceId, embedding: vector, limit, where,
      maxDistance: scope.maxDistance ?? undefined,
      narrow: () => narrow,
    });
    return hits.map((h) => h.id);
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

/**
 * Scopes of at most this many live conclusions are ranked within themselves from the start. Ranking the workspace
 * first reads the signatures of its nearest lists and then filters them; for one peer's view (a few dozen to a few
 * hundred conclusions) that cost 35 ms against 3 ms scope-first at 100k messages and 11k conclusions, and the filter
 * rejected most of the pool anyway, so the scope-first statement ran second (docs/search.md#narrow-conclusion-scopes).
 */
export const SMALL_SCOPE_ROWS = 1000;

/**
 * Whether the scope is narrow: a session list always (a session is a small part of a large workspace); a peer's view,
 * a level or a filter when it holds at most SMALL_SCOPE_ROWS live conclusions (an assistant observing every user sees
 * most of the workspace), found by a count that stops there.
 */
export async function isSmallConclusionScope(db: Db, scope: ConclusionSearchScope, where: Prisma.Sql): Promise<boolean> {
  if (scope.sessionIds) return true;
  if (!scope.observerId && !scope.observedId && !scope.levels && !scope.filter) return false;
  const [row] = await queryRows<{ n: number }>(db, Prisma.sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM conclusions c WHERE ${where} LIMIT ${SMALL_SCOPE_ROWS + 1}) s`);
  return (row?.n ?? 0) <= SMALL_SCOPE_ROWS;
}

export function conclusionScope(scope: ConclusionSearchScope): Prisma.Sql {
  const parts = [
    Prisma.sql`c.workspace_id = ${scope.workspaceId}`,
    Prisma.sql`c.superseded_at IS NULL`,
  ];
  if (scope.observerId) parts.push(Prisma.sql`c.observer_id = ${scope.observerId}`);
  if (scope.observedId) parts.push(Prisma.sql`c.observed_id = ${scope.observedId}`);
  if (scope.sessionIds) parts.push(Prisma.sql`c.session_id = ANY(${[...scope.sessionIds]}::text[])`);
  if (scope.levels) parts.push(Prisma.sql`c.level::text = ANY(${[...scope.levels]}::text[])`);
  if (scope.filter) parts.push(Prisma.sql`(${scope.filter})`);
  return Prisma.join(parts, ' AND ');
}
