import 'server-only';
// Conversational context for the lexical leg of message search. In a dialogue the message that answers a question
// often shares few words with it while the turn just before or after it does ("What did you paint?" → "A sunset"):
// each lexical hit therefore lends part of its score to its immediate neighbours in the session (seq ± 1, within the
// same scope). On LoCoMo this lifts evidence recall@10 of the offline default from 0.58 (BM25 alone) to 0.665
// (bench/retrieval.ts). Hits score 1 / (1 + rank); the following turn gains half of that and the preceding one 0.4,
// since answers follow questions.
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';

export const NEXT_TURN_SHARE = 0.5;
export const PREVIOUS_TURN_SHARE = 0.4;

/** The lexical ranking re-ordered with neighbour credit; neighbours that matched nothing themselves may join it. */
export async function withConversationNeighbours(
  db: DbClient, where: Prisma.Sql, ranked: readonly string[], limit: number,
): Promise<string[]> {
  if (ranked.length === 0) return [];
  // Equality on (session_id, seq) — the messages' unique index — for each neighbour key; an OR would scan.
  const neighbours = await db.$queryRaw<{ id: string; rank: number; after: boolean }[]>`
    WITH h AS (
      SELECT x.session_id, x.seq, r.rank::int AS rank
      FROM unnest(${[...ranked]}::text[]) WITH ORDINALITY AS r(id, rank) JOIN messages x ON x.id = r.id
    ), k AS (
      SELECT session_id, seq - 1 AS seq, rank, false AS after FROM h
      UNION ALL SELECT session_id, seq + 1, rank, true FROM h
    )
    SELECT m.id, k.rank, k.after FROM k JOIN messages m ON m.session_id = k.session_id AND m.seq = k.seq
    WHERE ${where}`;
  const score = new Map<string, number>();
  ranked.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (2 + i)));
  for (const n of neighbours) {
    score.set(n.id, (score.get(n.id) ?? 0) + (n.after ? NEXT_TURN_SHARE : PREVIOUS_TURN_SHARE) / (1 + n.rank));
  }
  const firstSeen = new Map([...ranked, ...neighbours.map((n) => n.id)].map((id, i) => [id, i] as const).reverse());
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || firstSeen.get(a[0])! - firstSeen.get(b[0])!)
    .slice(0, limit)
    .map(([id]) => id);
}
