import 'server-only';
// Conversational context for the lexical leg of message search. In a dialogue the message that answers a question
// often shares few words with it while the turn just before or after it does ("What did you paint?" → "A sunset"):
// each lexical hit therefore lends part of its score to its immediate neighbours in the session (seq ± 1, within the
// same scope). On LoCoMo this lifts evidence recall@10 of the offline default from 0.58 (BM25 alone) to 0.665
// (bench/retrieval.ts). Hits score 1 / (1 + rank); the following turn gains half of that and the preceding one 0.4,
// since answers follow questions.
// The neighbours are fetched by the lexical statements themselves (neighbourRowsSql), so they cost no round trip.
import { Prisma } from '@/generated/prisma/client';

export const NEXT_TURN_SHARE = 0.5;
export const PREVIOUS_TURN_SHARE = 0.4;

/** A row of a lexical statement: a hit (`of` null) or a neighbour of hit `of` (`after`: it follows the hit). */
export type LexicalRow = { id: string; of: string | null; after: boolean | null; t: number };

/**
 * The final SELECT of a message statement whose CTE `hits` has (id, rank, session_id, seq, t): the hits in rank
 * order, then their session neighbours within `where`. Equality on (session_id, seq) — the messages' unique index —
 * per neighbour key; an OR would scan.
 */
export function hitsWithNeighboursSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT h.id, NULL::text AS "of", NULL::boolean AS after, h.t, h.rank FROM hits h
    UNION ALL
    SELECT m.id, h.id, k.after, extract(epoch FROM m.created_at)::float8, h.rank
    FROM hits h CROSS JOIN LATERAL (VALUES (h.seq - 1, false), (h.seq + 1, true)) AS k(seq, after)
    JOIN messages m ON m.session_id = h.session_id AND m.seq = k.seq
    WHERE ${where}
    ORDER BY 5, 3 NULLS FIRST`;
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
