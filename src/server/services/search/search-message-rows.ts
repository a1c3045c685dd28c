import 'server-only';
// Hybrid message search over internal ids (docs/api.md#s3-8): a BM25 lexical leg (plus literal and name passes) and
// a cosine leg over message-chunk embeddings (a message counts by its best chunk), fused by reciprocal rank fusion.
// The three search routes and the dialectic's recall tools all rank through this one function.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { nearestByCosine } from '@/server/db/vector-search';
import { getModelEngines, type Embedder } from '@/server/models';
import { MESSAGE_COLUMNS, type MessageWithAuthor } from '../messages/message-rows';
import { embedQuery } from './embed-query';
import { fuseRankings } from './fuse-rankings';
import { rankLexically } from './lexical-rank';
import { normaliseSearchQuery } from './search-query';
import { readSearchConfig } from '@/server/config/search-config';

export type MessageSearchScope = {
  workspaceId: string;
  /** Internal session ids; null/undefined = every session of the workspace, [] = nothing. */
  sessionIds?: readonly string[] | null;
  /** Internal peer id of the author. */
  authorPeerId?: string | null;
  /** Extra condition over alias `m` (messages), e.g. a compiled filter. */
  filter?: Prisma.Sql | null;
};

export type MessageSearchRow = MessageWithAuthor & { sessionName: string; score: number };

/**
 * Weight of the vector leg in the fusion (the lexical legs weigh 1). The offline hashed-n-gram embedder finds far less
 * than the lexical leg on its own (LoCoMo evidence recall@10 0.35 vs 0.66) and at equal weight drags good lexical hits
 * down, so it only breaks ties and lifts word-less matches (0.1); a provider's semantic embedder gets an equal say.
 * SEARCH_SEMANTIC_WEIGHT overrides both.
 */
export function semanticWeight(engine: string): number {
  return readSearchConfig().semanticWeight ?? (engine.startsWith('local:') ? 0.1 : 1);
}

/** How many candidates each leg contributes before fusion, relative to the requested limit. */
const CANDIDATES_PER_RESULT = 4;
const MIN_CANDIDATES = 40;

export type SearchOptions = {
  embedder?: Embedder;
  /** The request's signal: a client that went away stops waiting for the query embedding. */
  signal?: AbortSignal;
};

export async function searchMessageRows(
  db: Db,
  scope: MessageSearchScope,
  query: string,
  limit: number,
  options: SearchOptions = {},
): Promise<MessageSearchRow[]> {
  const text = normaliseSearchQuery(query);
  const take = Math.max(1, Math.floor(limit));
  if (scope.sessionIds && scope.sessionIds.length === 0) return [];
  const where = messageScope(scope);
  if (text.trim() === '') return loadRows(db, where, null, take);

  // The legs run concurrently, one statement each; the rows are loaded once, for the fused pool.
  const candidates = Math.max(MIN_CANDIDATES, take * CANDIDATES_PER_RESULT);
  const [lexical, semantic] = await Promise.all([
    rankLexically(db, { target: 'messages', workspaceId: scope.workspaceId, where, query: text, limit: candidates }),
    semanticLeg(db, scope.workspaceId, where, isNarrowMessageScope(scope), text, candidates, options),
  ]);
  const pool = [...new Set([...lexical.ranked, ...lexical.names, ...semantic.ids])];
  if (pool.length === 0) return [];
  const rows = await loadRows(db, where, pool.map((id) => ({ id, score: 0 })), pool.length);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fuseRankings(
    [{ ids: lexical.ranked }, { ids: lexical.names }, { ids: semantic.ids, weight: semanticWeight(semantic.engine) }],
    (id) => byId.get(id)?.createdAt.getTime() ?? 0,
  )
    .flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ ...row, score: hit.score }] : [];
    })
    .slice(0, take);
}

/** Internal ids of the nearest messages by best chunk; none when the query cannot be embedded in time. */
async function semanticLeg(
  db: Db, workspaceId: string, where: Prisma.Sql, narrow: boolean, query: string, limit: number, options: SearchOptions,
): Promise<{ ids: string[]; engine: string }> {
  const embedder = options.embedder ?? getModelEngines().embedder;
  const vector = await embedQuery(query, embedder, { signal: options.signal });
  if (!vector) return { ids: [], engine: embedder.engine };
  try {
    const hits = await nearestByCosine(db, { target: 'messages', workspaceId, embedding: vector, limit, where, narrow });
    return { ids: hits.map((h) => h.id), engine: embedder.engine };
  } catch (error) {
    // e.g. the embedder's dimension no longer matches the stored vectors (a re-embed is pending).
    if (error instanceof RangeError) return { ids: [], engine: embedder.engine };
    throw error;
  }
}

/**
 * A session scope holds a small part of a large workspace: the vector leg ranks within it directly. An author scope
 * is not flagged: one peer (an assistant) may have written half the workspace, where ranking the workspace's nearest
 * lists first and filtering is cheaper; the vector leg still turns scope-first when the filter rejects most rows.
 */
function isNarrowMessageScope(scope: MessageSearchScope): boolean {
  return Boolean(scope.sessionIds);
}

export function messageScope(scope: MessageSearchScope): Prisma.Sql {
  const parts = [Prisma.sql`m.workspace_id = ${scope.workspaceId}`];
  if (scope.sessionIds) parts.push(Prisma.sql`m.session_id = ANY(${[...scope.sessionIds]}::text[])`);
  if (scope.authorPeerId) parts.push(Prisma.sql`m.peer_id = ${scope.authorPeerId}`);
  if (scope.filter) parts.push(Prisma.sql`(${scope.filter})`);
  return Prisma.join(parts, ' AND ');
}

/** Rows in fused order, or (no hits given) the most recent matching messages. */
async function loadRows(
  db: Db, where: Prisma.Sql, hits: { id: string; score: number }[] | null, limit: number,
): Promise<MessageSearchRow[]> {
  const select = Prisma.sql`SELECT ${MESSAGE_COLUMNS}, p.name AS "peerName", s.name AS "sessionName"
    FROM messages m JOIN peers p ON p.id = m.peer_id JOIN sessions s ON s.id = m.session_id`;
  if (!hits) {
    const rows = await db.$queryRaw<(MessageWithAuthor & { sessionName: string })[]>`
      ${select} WHERE ${where} ORDER BY m.created_at DESC, m.inserted_order DESC LIMIT ${limit}`;
    return rows.map((row) => ({ ...row, score: 0 }));
  }
  if (hits.length === 0) return [];
  const rows = await db.$queryRaw<(MessageWithAuthor & { sessionName: string })[]>`
    ${select} WHERE ${where} AND m.id = ANY(${hits.map((h) => h.id)}::text[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [{ ...row, score: hit.score }] : [];
  });
}
