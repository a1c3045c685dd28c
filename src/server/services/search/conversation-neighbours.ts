import 'server-only';
// Conversational context for the lexical leg of message search. In a dialogue the message that answers a question
// often shares few words with it while the turn just before or after it does ("What did you paint?" → "A sunset"):
// each lexical hit therefore lends part of its score to its immediate neighbours in the session (seq ± 1, within the
// same scope). On LoCoMo this lifts evidence recall@10 of the offline default from 0.58 (BM25 alone) to 0.665
// (bench/retrieval.ts). Hits score 1 / (1 + rank); the following turn gains half of that and the preceding one 0.4,
// since answers follow questions.
// The neighbours are fetched by the lexical statements themselves (neighbourRowsSql), so they cost no round trip.
import { Prisma } from '@/generated/prisma/client';
import { AUTHOR_NAME, authorNameOf } from '../messages/message-rows';

export const NEXT_TURN_SHARE = 0.5;
export const PREVIOUS_TURN_SHARE = 0.4;

/**
 * A row of a lexical statement: a hit (`of` null) or a neighbour of hit `of` (`after`: it follows the hit), with what
 * fusion needs to know of it besides its rank: its time (`t`, epoch seconds, for ties) and, for messages, its
 * author's name (the named-author leg). Message search loads whole rows only for the messages it returns.
 */
export type LexicalRow = {
  id: string; of: string | null; after: boolean | null; t: number; author: string | null;
  /**
   * Set by the statement that also ranks the feedback expansion (bm25WithFeedbackSql): which ranking the row is of,
   * or, for `distance`, a candidate's distance column (`distance`) and nothing else.
   */
  leg?: 'plain' | 'feedback' | 'distance';
  distance?: unknown;
};

/**
 * The final SELECT of a message statement whose CTE `hits` has (id, rank, session_id, seq, peer_id, t): the hits in
 * rank order, then their session neighbours within `where`, each with its time and author's name (a primary-key
 * probe, as AUTHOR_NAME); the fourth column is the hit's rank. Equality on (session_id, seq) — the messages' unique index — per neighbour key; an OR would scan.
 */
export function hitsWithNeighboursSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    ${hitRowsSql(Prisma.raw('hits'))}
    UNION ALL
    ${neighbourRowsSql(Prisma.raw('hits'), where)}
    ORDER BY 4, 3 NULLS FIRST`;
}

/** The rows of CTE `hits` as lexical rows (id, of, after, rank, t, author). */
export function hitRowsSql(hits: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT h.id, NULL::text AS "of", NULL::boolean AS after, h.rank, h.t, ${authorNameOf(Prisma.raw('h.peer_id'))} AS author
    FROM ${hits} h`;
}

/** What fusion needs of a message (alias `m`) besides its ranks: its time `t` (epoch seconds) and its `author`. */
export const CANDIDATE_FACTS = Prisma.sql`extract(epoch FROM m.created_at)::float8 AS t, ${AUTHOR_NAME} AS author`;

/** The session neighbours (seq ± 1, within `where`) of CTE `hits`' rows, as lexical rows. */
export function neighbourRowsSql(hits: Prisma.Sql, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT m.id, h.id AS "of", k.after, h.rank, ${CANDIDATE_FACTS}
    FROM ${hits} h CROSS JOIN LATERAL (VALUES (h.seq - 1, false), (h.seq + 1, true)) AS k(seq, after)
    JOIN messages m ON m.session_id = h.session_id AND m.seq = k.seq
    WHERE ${where}`;
}

/**
 * creditNeighbours in SQL over CTEs of hits and their neighbour rows: the first `limit` ids of the credited ranking
 * with their `place` (1-based), same scores (a hit 1 / (1 + rank), a neighbour its share / (1 + its hit's rank)) and
 * same ties (hits in rank order, then neighbours by their hit's rank, the previous turn first).
 */
export function creditedSql(hits: Prisma.Sql, neighbours: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, row_number() OVER (ORDER BY sum(c.s) DESC, min(c.ord)) AS place FROM (
      SELECT h.id, 1 / (1 + h.rank::float8) AS s, h.rank AS ord FROM ${hits} h
      UNION ALL
      SELECT n.id, (CASE WHEN n.after THEN ${NEXT_TURN_SHARE}::float8 ELSE ${PREVIOUS_TURN_SHARE}::float8 END) / (1 + n.rank::float8),
        ${limit} + 2 * n.rank + n.after::int
      FROM ${neighbours} n
    ) c
    GROUP BY c.id ORDER BY place LIMIT ${limit}`;
}

/** The lexical ranking re-ordered with neighbour credit; neighbours that matched nothing themselves may join it. */
export function creditNeighbours(ranked: readonly string[], neighbours: readonly LexicalRow[], limit: number): string[] {
  if (ranked.length === 0) return [];
  const rankOf = new Map(ranked.map((id, i) => [id, i + 1] as const));
  const score = new Map<string, number>();
  ranked.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (2 + i)));
  const credited: string[] = [];
  for (const n of neighbours) {
    const rank = n.of === null ? undefined : rankOf.get(n.of);
    if (rank === undefined) continue;
    score.set(n.id, (score.get(n.id) ?? 0) + (n.after ? NEXT_TURN_SHARE : PREVIOUS_TURN_SHARE) / (1 + rank));
    credited.push(n.id);
  }
  const firstSeen = new Map([...ranked, ...credited].map((id, i) => [id, i] as const).reverse());
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!)
    .slice(0, limit)
    .map(([id]) => id);
}
