import 'server-only';
// The two lexical passes besides BM25, both answered by the (workspace_id, content gin_trgm_ops) index:
// - a literal substring pass for queries with punctuation (an e-mail address, a version, a path, `C++`);
// - a whole-word pass for capitalised names the english configuration drops as stop words ("Will").
// Each is one statement answering "the most recent matches". The planner picks the path from the pattern's estimated
// frequency (it tests the pattern against the column's histogram): a rare pattern is fetched through the trigram
// index and sorted, a common one ("the") is found within the first rows of a backward walk of (workspace_id,
// created_at). Both cost about the number of rows returned, not the size of the workspace.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import type { LexicalTable } from './bm25-rank';
import { hitsWithNeighboursSql, type LexicalRow } from './conversation-neighbours';

/** Case-insensitive literal containment, most recent first. */
export async function substringRank(
  db: DbClient, table: LexicalTable, workspaceId: string, where: Prisma.Sql, needle: string, limit: number,
): Promise<LexicalRow[]> {
  if (needle.length === 0) return [];
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return matchRows(db, table, workspaceId, where, Prisma.sql`${table.alias}.content ILIKE ${pattern}`, limit);
}

/**
 * Whole-word, case-insensitive matches of the capitalised words of the query that the english configuration ignores
 * (decided in SQL: `to_tsvector` of a constant folds at planning, so only the stop words' patterns reach the scan).
 */
export async function nameRank(
  db: DbClient, table: LexicalTable, workspaceId: string, where: Prisma.Sql, words: readonly string[], limit: number,
): Promise<LexicalRow[]> {
  // Words under three letters can't use the trigram index; they are common enough for the recency walk to be short.
  const usable = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 0);
  if (usable.length === 0) return [];
  const x = table.alias;
  const conditions = usable.map(
    (w) => Prisma.sql`(to_tsvector('english'::regconfig, ${w}::text) = ''::tsvector AND ${x}.content ~* ${`\\m${w}\\M`})`,
  );
  return matchRows(db, table, workspaceId, where, Prisma.join(conditions, ' OR '), limit);
}

async function matchRows(
  db: DbClient, table: LexicalTable, workspaceId: string, where: Prisma.Sql, match: Prisma.Sql, limit: number,
): Promise<LexicalRow[]> {
  const { from, alias: x } = table;
  const extra = table.neighbours ? Prisma.sql`, ${x}.session_id, ${x}.seq, ${x}.peer_id` : Prisma.empty;
  const tail = table.neighbours
    ? hitsWithNeighboursSql(where)
    : Prisma.sql`SELECT h.id, NULL::text AS "of", NULL::boolean AS after, h.t, NULL::text AS author FROM hits h ORDER BY h.rank`;
  // Straight on the pool (raw-rows.ts): a search's most frequent statements, and their rows are plain text and numbers.
  return queryRows<LexicalRow>(db, Prisma.sql`
    WITH matches AS (
      SELECT ${x}.id, ${x}.created_at ${extra} FROM ${from}
      WHERE ${x}.workspace_id = ${workspaceId} AND (${match}) AND (${where})
      ORDER BY ${x}.created_at DESC, ${x}.id LIMIT ${limit}
    ), hits AS (
      SELECT m.*, extract(epoch FROM m.created_at)::float8 AS t,
        row_number() OVER (ORDER BY m.created_at DESC, m.id) AS rank
      FROM matches m
    )
    ${tail}`);
}
