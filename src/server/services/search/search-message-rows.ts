import 'server-only';
// Hybrid message search over internal ids (docs/api.md#s3-8): a BM25 lexical leg (plus literal and name passes), the
// same expanded by its first hits' words (relevance-feedback.ts), a cosine leg over message-chunk embeddings (a message
// counts by its best chunk) and the named authors' candidates, fused by reciprocal rank fusion (docs/search.md).
// The three search routes and the dialectic's recall tools all rank through this one function.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { distanceColumn, nearestByCosine, nearestFirst, type DistanceColumn } from '@/server/db/vector-search';
import { getModelEngines, type Embedder } from '@/server/models';
import { AUTHOR_NAME, MESSAGE_COLUMNS, SESSION_NAME, queryMessageRows, type MessageWithAuthor } from '../messages/message-rows';
import { embedQuery } from './embed-query';
import { fuseRankings, RRF_K } from './fuse-rankings';
import { rankLexically } from './lexical-rank';
import type { LexicalRow } from './conversation-neighbours';
import { authoredByNamed } from './named-authors';
import { rankWithFeedback } from './relevance-feedback';
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

/**
 * Weight of the named-author leg (named-authors.ts): the candidates written by a peer the query names, in pool order.
 * At 1 (as much as the lexical leg) it lifted LoCoMo evidence recall@10 from 0.675 to 0.707 (bench:retrieval).
 */
const NAMED_AUTHOR_WEIGHT = 1;

/**
 * Weight of the relevance-feedback leg (relevance-feedback.ts): below the lexical leg's, since its expansion terms
 * are guesses. On LoCoMo (bench:retrieval) 0.8 to 1 gave recall@10 0.719 to 0.722, 0.5 gave 0.714.
 */
const FEEDBACK_WEIGHT = 0.8;

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

  // The query embedding is computed while the lexical statements run.
  const candidates = Math.max(MIN_CANDIDATES, take * CANDIDATES_PER_RESULT);
  const embedder = options.embedder ?? getModelEngines().embedder;
  const weight = semanticWeight(embedder.engine);
  const embedding = embedQuery(text, embedder, { signal: options.signal });
  // One session is ranked within itself by one cheap statement (and its few messages rarely fill the limit lexically):
  // that leg runs alongside the lexical statements, as it always did, instead of waiting to see whether it is needed.
  const oneSession = scope.sessionIds?.length === 1;
  const lexicalOptions = { target: 'messages' as const, workspaceId: scope.workspaceId, where, query: text, limit: candidates };
  const [lexical, vector, sessionLeg] = await Promise.all([
    rankLexically(db, lexicalOptions),
    embedding,
    oneSession ? embedding.then((v) => (v ? semanticLeg(db, scope, where, v, candidates) : [])) : null,
  ]);
  // The feedback leg learns from the lexical hits, so it runs once they are known, alongside the load of the lexical
  // candidates' rows; it brings the rows of its own new candidates, so the fused pool is usually complete after this
  // round trip (docs/search.md, "Round trips"). When the lexical leg decides the results (lexicalDecides), the vector
  // leg only orders the lexical candidates, by distances read with their rows; otherwise it searches the scope
  // alongside.
  const known = [...new Set([...lexical.ranked, ...lexical.names])];
  const ordersKnown = !sessionLeg && vector !== null && lexicalDecides(lexical.ranked.length, take, weight);
  const distance = ordersKnown ? await knownDistances(db, scope.workspaceId, vector) : null;
  const distances = new Map<string, number | null>();
  const feedbackRows: MessageSearchRow[] = [];
  const [wide, feedback, loaded] = await Promise.all([
    sessionLeg ?? (vector && !ordersKnown ? semanticLeg(db, scope, where, vector, candidates) : []),
    rankWithFeedback(db, lexicalOptions, lexical.ranked, (statement) => withMessageRows(db, statement, known, feedbackRows)),
    loadRows(db, where, known.map((id) => ({ id, score: 0 })), known.length, distance ? { column: distance, into: distances } : undefined),
  ]);
  const semantic = distance ? nearestFirst([...distances].map(([id, d]) => ({ id, distance: d }))).map((hit) => hit.id) : wide;
  const pool = [...new Set([...known, ...semantic, ...feedback])];
  if (pool.length === 0) return [];
  const byId = new Map([...loaded, ...feedbackRows].map((r) => [r.id, r]));
  const missing = pool.filter((id) => !byId.has(id));
  for (const row of await loadRows(db, where, missing.map((id) => ({ id, score: 0 })), missing.length)) byId.set(row.id, row);
  const speakers = authoredByNamed(pool, (id) => byId.get(id)?.peerName, text);
  return fuseRankings(
    [{ ids: lexical.ranked }, { ids: lexical.names }, { ids: semantic, weight }, { ids: speakers, weight: NAMED_AUTHOR_WEIGHT },
      { ids: feedback, weight: FEEDBACK_WEIGHT }],
    (id) => byId.get(id)?.createdAt.getTime() ?? 0,
  )
    .flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ ...row, score: hit.score }] : [];
    })
    .slice(0, take);
}

/**
 * Whether the lexical leg alone decides which messages can reach the top `take`: it ranked at least `take` of them,
 * and the vector leg weighs so little that even its first place (weight / (RRF_K + 1)) scores below the lexical
 * leg's `take`-th place (1 / (RRF_K + take)). A message only the vector leg found can then never enter the results,
 * so the vector leg need not search the workspace for one: it only orders the lexical candidates by their exact
 * distance. With the offline embedder (weight 0.1) that holds for any limit below 550.
 */
export function lexicalDecides(lexicalHits: number, take: number, weight: number): boolean {
  return lexicalHits >= take && weight / (RRF_K + 1) < 1 / (RRF_K + take);
}

/** The workspace's nearest messages by best chunk in the scope, as internal ids, nearest first. */
async function semanticLeg(db: Db, scope: MessageSearchScope, where: Prisma.Sql, vector: number[], limit: number): Promise<string[]> {
  try {
    const hits = await nearestByCosine(db, { target: 'messages', workspaceId: scope.workspaceId, embedding: vector, limit, where, narrow: () => isNarrowMessageScope(db, scope) });
    return hits.map((h) => h.id);
  } catch (error) {
    // e.g. the embedder's dimension no longer matches the stored vectors (a re-embed is pending).
    if (error instanceof RangeError) return [];
    throw error;
  }
}

/** The distance column for the lexical candidates' rows; none (no vector leg) when the dimensions disagree. */
async function knownDistances(db: Db, workspaceId: string, vector: number[]): Promise<DistanceColumn | null> {
  try {
    return await distanceColumn(db, { target: 'messages', workspaceId, embedding: vector });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * Whether the vector leg should rank within the scope from the start. One session is a small part of a large
 * workspace. A list of sessions (the dialectic's: the sessions its peer belongs to) is narrow only while it is a small
 * share of the workspace's live sessions: measured at 100k messages in 4,639 sessions (PG15, no pgvector), ranking
 * within 32 or 300 listed sessions took about half the time of ranking the workspace first, while for 1,500 the two
 * were even and for 3,500 scope-first took 1.7 times as long. An author scope is not flagged: one peer (an assistant)
 * may have written half the workspace; the vector leg still turns scope-first when the filter rejects most rows.
 */
async function isNarrowMessageScope(db: Db, scope: MessageSearchScope): Promise<boolean> {
  if (!scope.sessionIds) return false;
  if (scope.sessionIds.length <= 1) return true;
  const [row] = await db.$queryRaw<{ sessions: number }[]>`
    SELECT count(*)::int AS sessions FROM sessions WHERE workspace_id = ${scope.workspaceId} AND deleted_at IS NULL`;
  return scope.sessionIds.length * NARROW_SHARE <= (row?.sessions ?? 0);
}

/** A list of sessions is narrow up to this fraction (1 / NARROW_SHARE) of the workspace's live sessions. */
const NARROW_SHARE = 4;

export function messageScope(scope: MessageSearchScope): Prisma.Sql {
  const parts = [Prisma.sql`m.workspace_id = ${scope.workspaceId}`];
  if (scope.sessionIds) parts.push(Prisma.sql`m.session_id = ANY(${[...scope.sessionIds]}::text[])`);
  if (scope.authorPeerId) parts.push(Prisma.sql`m.peer_id = ${scope.authorPeerId}`);
  if (scope.filter) parts.push(Prisma.sql`(${scope.filter})`);
  return Prisma.join(parts, ' AND ');
}

/** A search row's columns over `m` (messages), names by primary-key probes (message-rows.ts). */
const ROW_COLUMNS = Prisma.sql`${MESSAGE_COLUMNS}, ${AUTHOR_NAME} AS "peerName", ${SESSION_NAME} AS "sessionName"`;

/**
 * Rows in fused order, or (no hits given) the most recent matching messages; with `distances`, each row's distance
 * to the query is read in the same statement and recorded in `distances.into` (null: no usable embedding).
 */
async function loadRows(
  db: Db, where: Prisma.Sql, hits: { id: string; score: number }[] | null, limit: number,
  distances?: { column: DistanceColumn; into: Map<string, number | null> },
): Promise<MessageSearchRow[]> {
  const distance = distances ? Prisma.sql`, ${distances.column.sql} AS "queryDistance"` : Prisma.empty;
  const select = Prisma.sql`SELECT ${ROW_COLUMNS} ${distance} FROM messages m`;
  if (!hits) {
    const rows = await queryMessageRows<MessageWithAuthor & { sessionName: string }>(db, Prisma.sql`
      ${select} WHERE ${where} ORDER BY m.created_at DESC, m.inserted_order DESC LIMIT ${limit}`);
    return rows.map((row) => ({ ...row, score: 0 }));
  }
  if (hits.length === 0) return [];
  const rows = await queryMessageRows<MessageWithAuthor & { sessionName: string; queryDistance?: unknown }>(db, Prisma.sql`
    ${select} WHERE ${where} AND m.id = ANY(${hits.map((h) => h.id)}::text[])`);
  for (const row of rows) {
    if (distances) distances.into.set(row.id, distances.column.distance(row.queryDistance));
    delete row.queryDistance;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [{ ...row, score: hit.score }] : [];
  });
}

type HitWithRow = { hitId: string; hitOf: string | null; hitAfter: boolean | null; hitT: number } & (
  (MessageWithAuthor & { sessionName: string }) | { [K in keyof (MessageWithAuthor & { sessionName: string })]: null }
);

/**
 * Runs a lexical statement and, in the same round trip, reads the rows of its hits and neighbours outside `known`
 * into `rows`; returns the statement's own rows in its order.
 */
export async function withMessageRows(db: Db, statement: Prisma.Sql, known: readonly string[], rows: MessageSearchRow[]): Promise<LexicalRow[]> {
  const result = await queryMessageRows<HitWithRow>(db, Prisma.sql`
    SELECT r.id AS "hitId", r."of" AS "hitOf", r.after AS "hitAfter", r.t AS "hitT",
      ${ROW_COLUMNS}
    FROM (${statement}) r
    LEFT JOIN messages m ON m.id = r.id AND m.id <> ALL(${[...known]}::text[])
    ORDER BY r.rank, r.after NULLS FIRST`);
  const seen = new Set<string>();
  for (const { hitId: _id, hitOf: _of, hitAfter: _after, hitT: _t, ...row } of result) {
    if (row.id === null || seen.has(row.id)) continue;
    seen.add(row.id);
    rows.push({ ...row, score: 0 });
  }
  return result.map((r) => ({ id: r.hitId, of: r.hitOf, after: r.hitAfter, t: r.hitT }));
}

