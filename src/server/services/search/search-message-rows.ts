import 'server-only';
// Hybrid message search over internal ids (docs/api.md#s3-8): a BM25 lexical leg (plus literal and name passes), the
// same expanded by its first hits' words (relevance-feedback.ts), a cosine leg over message-chunk embeddings (a message
// counts by its best chunk) and the named authors' candidates, fused by reciprocal rank fusion (docs/search.md).
// The three search routes and the dialectic's recall tools all rank through this one function.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { distanceColumn, distancesOf, nearestByCosine, nearestFirst, type DistanceColumn } from '@/server/db/vector-search';
import { getModelEngines, type Embedder } from '@/server/models';
import { AUTHOR_NAME, MESSAGE_COLUMNS, SESSION_NAME, queryMessageRows, type MessageWithAuthor } from '../messages/message-rows';
import { embedQuery } from './embed-query';
import { fuseRankings, RRF_K, type FusedHit } from './fuse-rankings';
import { rankLexically } from './lexical-rank';
import { CANDIDATE_FACTS, type LexicalRow } from './conversation-neighbours';
import { authoredByNamed } from './named-authors';
import { INLINE_FEEDBACK, rankWithFeedback } from './relevance-feedback';
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
  // An in-process embedder answers at once. When the vector leg would only order the lexical candidates (its weight
  // is that low, lexicalDecides), their distances are then read by the lexical statement itself.
  const inlineDistance = !oneSession && embedder.engine.startsWith('local:') && lexicalDecides(take, take, weight)
    ? await embedding.then((v) => (v ? knownDistanceColumn(db, scope.workspaceId, v) : null))
    : null;
  const lexicalOptions = {
    target: 'messages' as const, workspaceId: scope.workspaceId, where, query: text, limit: candidates,
    feedback: INLINE_FEEDBACK, distance: inlineDistance,
  };
  const [lexical, vector, sessionLeg] = await Promise.all([
    rankLexically(db, lexicalOptions),
    embedding,
    oneSession ? embedding.then((v) => (v ? semanticLeg(db, scope, where, v, candidates) : [])) : null,
  ]);
  // The feedback ranking came with the BM25 statement (unless a literal needle kept it out: then it is ranked now).
  // When the lexical leg decides the results (lexicalDecides) the vector leg only orders the lexical candidates by
  // their distances, mostly read by that statement too; otherwise it searches the scope. Fusion needs only each
  // candidate's time and author, which come with the lexical rows; whole rows are loaded for the messages returned
  // alone (docs/search.md, "Round trips").
  const seen = new Map<string, Candidate>();
  noteCandidates(seen, lexical.rows);
  const known = [...new Set([...lexical.ranked, ...lexical.names])];
  const ordersKnown = !sessionLeg && vector !== null && lexicalDecides(lexical.ranked.length, take, weight);
  const vectorLeg = ordersKnown ? knownByDistance(db, scope.workspaceId, vector, known, lexical.distances)
    : sessionLeg ? Promise.resolve(sessionLeg)
    : vector ? semanticLeg(db, scope, where, vector, candidates)
    : Promise.resolve([]);
  const [semantic, feedback] = await Promise.all([
    vectorLeg.then(async (ids) => {
      await describeCandidates(db, where, ids, seen);
      return ids;
    }),
    // Ranked with the plain statement, unless a literal needle kept it out (lexical-rank.ts).
    lexical.feedback ?? rankWithFeedback(db, lexicalOptions, lexical.ranked, async (statement) => {
      const rows = await queryRows<LexicalRow>(db, statement);
      noteCandidates(seen, rows);
      return rows;
    }),
  ]);
  const pool = [...new Set([...known, ...semantic, ...feedback])];
  if (pool.length === 0) return [];
  const speakers = authoredByNamed(pool, (id) => seen.get(id)?.author ?? undefined, text);
  const fused = fuseRankings(
    [{ ids: lexical.ranked }, { ids: lexical.names }, { ids: semantic, weight }, { ids: speakers, weight: NAMED_AUTHOR_WEIGHT },
      { ids: feedback, weight: FEEDBACK_WEIGHT }],
    (id) => seen.get(id)?.t ?? 0,
  );
  return loadFused(db, where, fused, take);
}

/** What fusion needs of a candidate besides its ranks: its time (epoch seconds, for ties) and its author's name. */
type Candidate = { t: number; author: string | null };

function noteCandidates(seen: Map<string, Candidate>, rows: readonly LexicalRow[]): void {
  for (const row of rows) if (!seen.has(row.id)) seen.set(row.id, { t: row.t, author: row.author });
}

/** The time and author of the vector leg's candidates no lexical statement returned (one statement, no content). */
async function describeCandidates(db: Db, where: Prisma.Sql, ids: readonly string[], seen: Map<string, Candidate>): Promise<void> {
  const unseen = ids.filter((id) => !seen.has(id));
  if (unseen.length === 0) return;
  const rows = await queryRows<LexicalRow>(db, Prisma.sql`
    SELECT m.id, ${CANDIDATE_FACTS} FROM messages m WHERE ${where} AND m.id = ANY(${unseen}::text[])`);
  noteCandidates(seen, rows);
}

/**
 * The rows of the first `take` fused hits, in fused order. A message deleted since it was ranked is skipped and the
 * next hit takes its place.
 */
async function loadFused(db: Db, where: Prisma.Sql, fused: readonly FusedHit[], take: number): Promise<MessageSearchRow[]> {
  const rows: MessageSearchRow[] = [];
  let next = 0;
  while (rows.length < take && next < fused.length) {
    const batch = fused.slice(next, next + take - rows.length);
    next += batch.length;
    rows.push(...(await loadRows(db, where, batch, batch.length)));
  }
  return rows;
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

/**
 * The lexical candidates nearest first by exact distance; none (no vector leg) when the dimensions disagree. Distances
 * the lexical statement read (`read`) are not read again.
 */
async function knownByDistance(
  db: Db, workspaceId: string, vector: number[], ids: readonly string[], read?: ReadonlyMap<string, number | null>,
): Promise<string[]> {
  try {
    const distance = new Map(read);
    const unread = ids.filter((id) => !distance.has(id));
    for (const hit of await distancesOf(db, { target: 'messages', workspaceId, embedding: vector, ids: unread })) distance.set(hit.id, hit.distance);
    return nearestFirst(ids.map((id) => ({ id, distance: distance.get(id) ?? null }))).map((hit) => hit.id);
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

/** The distance column for the lexical statement; none when the dimensions disagree (a re-embed is pending). */
async function knownDistanceColumn(db: Db, workspaceId: string, vector: number[]): Promise<DistanceColumn | null> {
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

/** Rows in fused order, or (no hits given) the most recent matching messages. */
async function loadRows(db: Db, where: Prisma.Sql, hits: readonly { id: string; score: number }[] | null, limit: number): Promise<MessageSearchRow[]> {
  const select = Prisma.sql`SELECT ${ROW_COLUMNS} FROM messages m`;
  if (!hits) {
    const rows = await queryMessageRows<MessageWithAuthor & { sessionName: string }>(db, Prisma.sql`
      ${select} WHERE ${where} ORDER BY m.created_at DESC, m.inserted_order DESC LIMIT ${limit}`);
    return rows.map((row) => ({ ...row, score: 0 }));
  }
  if (hits.length === 0) return [];
  const rows = await queryMessageRows<MessageWithAuthor & { sessionName: string }>(db, Prisma.sql`
    ${select} WHERE ${where} AND m.id = ANY(${hits.map((h) => h.id)}::text[])`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [{ ...row, score: hit.score }] : [];
  });
}
