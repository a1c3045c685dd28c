import 'server-only';
// The lexical leg of hybrid search (docs/api.md#s3-8, docs/honcho-differences.md#hybrid-retrieval): BM25 (bm25-rank.ts), a literal substring pass for
// queries with punctuation and a word pass for capitalised names the english configuration drops as stop words
// (literal-passes.ts). The three are independent statements run concurrently, one round trip each (the name pass only
// while a query word may be a stop word); for messages each also returns the session neighbours of its hits, credited
// here (conversation-neighbours.ts).
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import type { DistanceColumn } from '@/server/db/vector-search';
import { bm25Rank, bm25WithFeedbackSql, type InlineFeedback, type LexicalTable } from './bm25-rank';
import { classifyKnown, learnStopWords } from './english-stop-words';
import { creditNeighbours, type LexicalRow } from './conversation-neighbours';
import { nameRank, substringRank } from './literal-passes';
import { literalNeedle } from './search-query';

export type SearchTarget = 'messages' | 'conclusions';

export type LexicalOptions = {
  target: SearchTarget;
  workspaceId: string;
  /** Scope condition over alias `m` (messages) or `c` (conclusions); includes the workspace. */
  where: Prisma.Sql;
  query: string;
  limit: number;
  /**
   * Messages: rank the feedback expansion in the plain BM25 statement (bm25WithFeedbackSql). Skipped when the query
   * has a literal needle, whose hits lead the ranking the expansion learns from but come from another statement.
   */
  feedback?: InlineFeedback;
  /** With `feedback` inline: a distance column (vector-search.ts) to read for the credited plain candidates. */
  distance?: DistanceColumn | null;
};

export const TABLES: Record<SearchTarget, LexicalTable> = {
  messages: { target: 'messages', from: Prisma.raw('messages m'), alias: Prisma.raw('m'), neighbours: true },
  conclusions: { target: 'conclusions', from: Prisma.raw('conclusions c'), alias: Prisma.raw('c'), neighbours: false },
};

export type LexicalLegs = {
  /** Literal hits BM25 missed, then BM25 hits; for messages re-ordered with neighbour credit. */
  ranked: string[];
  names: string[];
  /** Every row the statements returned (hits and neighbours), for their times and authors. */
  rows: LexicalRow[];
  /** The feedback ranking when it was ranked inline (options.feedback), credited like `ranked`. */
  feedback?: string[];
  /** With options.distance and the feedback inline: the distances read (null: no usable embedding). */
  distances?: Map<string, number | null>;
};

export async function rankLexically(db: DbClient, options: LexicalOptions): Promise<LexicalLegs> {
  const table = TABLES[options.target];
  const limit = Math.max(1, Math.floor(options.limit));
  const { workspaceId, where, query } = options;
  const words = capitalisedWords(query);
  const needle = literalNeedle(query);
  // The name pass only runs while some capitalised word may be a stop word (english-stop-words.ts).
  const { unknown, anyStop } = classifyKnown(words);
  const inline = options.feedback && table.neighbours && !needle ? options.feedback : null;
  const [statement, literal, names] = await Promise.all([
    inline ? queryRows<LexicalRow>(db, bm25WithFeedbackSql(table, workspaceId, where, query, limit, inline, options.distance?.sql))
      : bm25Rank(db, table, workspaceId, where, query, limit),
    needle ? substringRank(db, table, workspaceId, where, needle, limit) : Promise.resolve([]),
    anyStop || unknown.length > 0 ? nameRank(db, table, workspaceId, where, words, limit) : Promise.resolve([]),
    learnStopWords(db, unknown),
  ]);
  const leg = (name: LexicalRow['leg']) => statement.filter((r) => r.leg === name);
  const bm25 = inline ? leg('plain') : statement;
  const merged = mergeLiteral(hits(literal), hits(bm25)).slice(0, limit);
  const ranked = table.neighbours ? creditNeighbours(merged, neighbourRows(merged, [...literal, ...bm25]), limit) : merged;
  const legs: LexicalLegs = { ranked, names: hits(names), rows: [...bm25, ...literal, ...names] };
  if (inline) {
    const feedback = leg('feedback');
    legs.feedback = creditedHits(feedback, limit);
    legs.rows.push(...feedback);
    const column = options.distance;
    if (column) legs.distances = new Map(leg('distance').map((r) => [r.id, column.distance(r.distance)]));
  }
  return legs;
}

const hits = (rows: readonly LexicalRow[]) => rows.filter((r) => r.of === null).map((r) => r.id);

/** A message statement's hits re-ordered with their neighbours' credit (conversation-neighbours.ts). */
export function creditedHits(rows: readonly LexicalRow[], limit: number): string[] {
  const ranked = hits(rows);
  return creditNeighbours(ranked, neighbourRows(ranked, rows), limit);
}

/**
 * An exact literal hit is the strongest lexical evidence there is when BM25 missed it (stop words, punctuation the
 * english configuration splits): those come first, most recent first. A literal hit BM25 also found keeps BM25's
 * place: BM25 already weighs the phrase's rare words, and promoting it would take the first place (and with it most
 * of the neighbour credit) from a turn that matches the rest of the question. On LoCoMo ("What did Caroline take away
 * from the book "Becoming Nicole"?") promoting the turn naming the book pushed the answer, which follows the question
 * about it, out of the top 10.
 */
function mergeLiteral(literal: readonly string[], bm25: readonly string[]): string[] {
  const isBm25 = new Set(bm25);
  return [...new Set([...literal.filter((id) => !isBm25.has(id)), ...bm25])];
}

/** Neighbour rows of the merged hits, once each, in the order of their hit's rank (previous turn first). */
export function neighbourRows(merged: readonly string[], rows: readonly LexicalRow[]): LexicalRow[] {
  const rank = new Map(merged.map((id, i) => [id, i] as const));
  const seen = new Set<string>();
  return rows
    .filter((r) => r.of !== null && rank.has(r.of))
    .filter((r) => {
      const key = `${r.of}\u0000${r.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => rank.get(a.of!)! - rank.get(b.of!)! || Number(a.after) - Number(b.after));
}

/** Capitalised words after the first word: candidate names, numbers excluded (english keeps those). */
function capitalisedWords(query: string): string[] {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.slice(1).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase()))].slice(0, 8);
}
