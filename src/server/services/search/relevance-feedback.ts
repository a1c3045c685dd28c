import 'server-only';
// Pseudo-relevance feedback for message search (docs/search.md, "Relevance feedback"): the first lexical hits are
// taken to be relevant, and the words they share expand the query. A question and its answer are often worded
// differently ("What does Melanie do to destress?" → "I've been running farther to de-stress"), but the turns the
// question does match tend to share other words with the ones it misses. The expansion is ranked by BM25 of the same
// index-backed shape (bm25-rank.ts, bounded by the same probe budget and pool): message search ranks it inside the
// plain BM25 statement (INLINE_FEEDBACK), and in a statement of its own after the lexical leg only when a literal
// needle leads that leg (rankWithFeedback); its ranking is a fusion leg of its own, so the original ranking keeps its
// say. On LoCoMo (bench:retrieval) it lifted evidence recall@10 from 0.707 to 0.722. The constants are the best
// measured: with the others fixed, 4 or 6 feedback rows gave 0.717 and 0.715 against 0.719 for 5, and 10 rows 0.710;
// one required row instead of two 0.713 against 0.714; expansion weight 0.3 instead of 0.5, 0.707 against 0.710.
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { bm25Sql, type InlineFeedback } from './bm25-rank';
import type { LexicalRow } from './conversation-neighbours';
import { creditedHits, TABLES, type LexicalOptions } from './lexical-rank';

/** How many of the first lexical hits count as relevant. */
export const FEEDBACK_ROWS = 5;
/** At most this many expansion terms: those in the most feedback rows, rarest first (count × idf). */
export const EXPANSION_TERMS = 10;
/** A term must occur in this many feedback rows: a word of one row only says more about that row than the topic. */
export const MIN_FEEDBACK_ROWS = 2;
/** An expansion term's BM25 weight relative to a query term's. */
export const EXPANSION_BOOST = 0.7;
/**
 * The expanded statement's probe budget (bm25-rank.ts; the plain statement's is 1,000): its candidates come from the
 * rarest terms whose frequencies add up to 300. At 100k messages that cut the statement's p50 by about 2 ms (its pool
 * of 700–900 rows to at most a few hundred); recall@10 on LoCoMo moved from 0.722 to 0.721 (docs/search.md,
 * "Round trips").
 */
export const FEEDBACK_PROBE_BUDGET = 300;

/** How the expansion is chosen and ranked, wherever its feedback rows come from. */
const EXPANSION = { terms: EXPANSION_TERMS, boost: EXPANSION_BOOST, minDocs: MIN_FEEDBACK_ROWS, probeBudget: FEEDBACK_PROBE_BUDGET };

/** The expansion as message search ranks it: in the plain BM25 statement, from its first credited rows. */
export const INLINE_FEEDBACK: InlineFeedback = { ...EXPANSION, rows: FEEDBACK_ROWS };

/**
 * Runs the expanded statement (its rows in order: hits by rank, each followed by its neighbours). Message search wraps
 * it to note each candidate's time and author for fusion.
 */
export type StatementRunner = (statement: Prisma.Sql) => Promise<LexicalRow[]>;

/**
 * The lexical ranking of the query expanded by the terms of `ranked`'s first FEEDBACK_ROWS, for messages re-ordered
 * with neighbour credit as the lexical leg is; nothing without hits to learn from or when they share no word.
 */
export async function rankWithFeedback(
  db: DbClient, options: LexicalOptions, ranked: readonly string[], run: StatementRunner = (statement) => queryRows<LexicalRow>(db, statement),
): Promise<string[]> {
  const ids = ranked.slice(0, FEEDBACK_ROWS);
  if (ids.length === 0) return [];
  const table = TABLES[options.target];
  const limit = Math.max(1, Math.floor(options.limit));
  const rows = await run(bm25Sql(table, options.workspaceId, options.where, options.query, limit, { ...EXPANSION, ids }));
  return table.neighbours ? creditedHits(rows, limit) : rows.filter((r) => r.of === null).map((r) => r.id);
}
