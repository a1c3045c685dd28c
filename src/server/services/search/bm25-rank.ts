import 'server-only';
// BM25 over the generated `content_tsv` columns (english configuration), in one statement whose cost follows the
// query and its matches, not the size of the workspace:
// - N and the average document length come from search_statistics (kept by triggers), not from counting the scope;
// - each query term's document frequency comes from search_term_statistics (kept by the same triggers);
// - in a workspace of more than PROBE_BUDGET documents, candidates come from the rarest terms only, as long as their
//   frequencies add up to PROBE_BUDGET (always at least the rarest term, never a term in more than half the
//   documents): a message matching nothing but common words could not rank anyway. A smaller workspace probes with
//   every term, so a narrow scope (one observer's derived facts) still finds rows sharing only a common word.
//   At most POOL candidates are fetched (through the (workspace_id, content_tsv) GIN index) and scored with every
//   query term's BM25 weight.
// Natural questions rarely share every word with the answer, so terms are ORed, and a rare token (a name, a number,
// an id) outweighs common words.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
import { hitsWithNeighboursSql, type LexicalRow } from './conversation-neighbours';

export type LexicalTable = {
  target: 'messages' | 'conclusions';
  from: Prisma.Sql;
  alias: Prisma.Sql;
  /** Whether rows have session neighbours (messages). */
  neighbours: boolean;
};

/** BM25 parameters (the usual defaults; document length is the o200k token count). */
const K1 = Prisma.raw('1.2::float8');
const K1_PLUS_1 = Prisma.raw('2.2::float8');
const B = Prisma.raw('0.75::float8');
/** More query terms than this add nothing but cost (a pasted paragraph). */
const MAX_TERMS = 48;
export const PROBE_BUDGET = 1000;
export const POOL = 1000;

/**
 * Pseudo-relevance feedback (relevance-feedback.ts): up to `terms` lexemes of the rows `ids` that are in at least
 * `minDocs` of them join the query's, each weighing `boost` times its BM25 weight; candidates come from the rarest
 * terms within `probeBudget` (in place of PROBE_BUDGET).
 */
export type FeedbackExpansion = { ids: readonly string[]; terms: number; boost: number; minDocs: number; probeBudget: number };

export async function bm25Rank(
  db: DbClient, table: LexicalTable, workspaceId: string, where: Prisma.Sql, query: string, limit: number,
  feedback?: FeedbackExpansion,
): Promise<LexicalRow[]> {
  // Straight on the pool (raw-rows.ts): a search's most frequent statement, and its rows are plain text and numbers.
  return queryRows<LexicalRow>(db, bm25Sql(table, workspaceId, where, query, limit, feedback));
}

/**
 * The BM25 statement: hits in rank order, then (messages) their session neighbours; the fifth column, `rank`, is the
 * hit's rank, for a caller that wraps the statement and must restore that order.
 */
export function bm25Sql(
  table: LexicalTable, workspaceId: string, where: Prisma.Sql, query: string, limit: number, feedback?: FeedbackExpansion,
): Prisma.Sql {
  const budget = feedback?.probeBudget ?? PROBE_BUDGET;
  const { from, alias: x, target } = table;
  const extra = table.neighbours
    ? Prisma.sql`, ${x}.session_id, ${x}.seq`
    : Prisma.empty;
  const hitsExtra = table.neighbours ? Prisma.sql`, p.session_id, p.seq` : Prisma.empty;
  const tail = table.neighbours
    ? hitsWithNeighboursSql(where)
    : Prisma.sql`SELECT h.id, NULL::text AS "of", NULL::boolean AS after, h.t, h.rank FROM hits h ORDER BY h.rank`;
  return Prisma.sql`
    WITH query_lexemes AS (
      -- a backslash would need E'' quoting inside a tsquery literal; such lexemes are noise in practice
      SELECT u.lexeme, 1::float8 AS boost FROM unnest(to_tsvector('english', ${query})) AS u
      WHERE strpos(u.lexeme, chr(92)) = 0 LIMIT ${MAX_TERMS}
    ), stats AS (
      SELECT coalesce(sum(documents), 0)::float8 AS n,
        greatest(coalesce(sum(total_length)::float8 / nullif(sum(documents), 0), 1), 1) AS avgdl
      FROM search_statistics WHERE workspace_id = ${workspaceId} AND target = ${target}
    ), lexemes AS (${feedback ? expansionSql(table, workspaceId, feedback) : Prisma.sql`SELECT * FROM query_lexemes`}
    ), terms AS MATERIALIZED (
      SELECT l.lexeme, l.boost, coalesce((
        SELECT sum(t.documents) FROM search_term_statistics t
        WHERE t.workspace_id = ${workspaceId} AND t.target = ${target} AND t.lexeme = l.lexeme), 0)::float8 AS df
      FROM lexemes l
    ), weights AS (
      SELECT t.lexeme, t.df, t.boost, ln(1 + (greatest(s.n, t.df) - t.df + 0.5) / (t.df + 0.5)) AS idf,
        row_number() OVER (ORDER BY t.df, t.lexeme) AS rarity,
        sum(t.df) OVER (ORDER BY t.df, t.lexeme) AS cumulative
      FROM terms t, stats s WHERE t.df > 0
    ), probe AS (
      SELECT string_agg(quote_literal(w.lexeme), ' | ')::tsquery AS q FROM weights w, stats s
      -- A small workspace probes with every term (all of it fits in one pool anyway); a large one with its rare terms.
      WHERE w.rarity = 1 OR s.n <= ${budget} OR (w.cumulative <= ${budget} AND w.df <= s.n * 0.5)
    ), pool AS (
      SELECT ${x}.id, ${x}.content_tsv, ${x}.token_count, ${x}.created_at ${extra}
      FROM ${from}, probe WHERE (${where}) AND ${x}.content_tsv @@ probe.q
      LIMIT ${POOL}
    ), scored AS (
      -- Each pool row's vector is cut down to the query's terms in C (setweight marks them, ts_filter keeps them)
      -- before it is unnested: unnesting whole vectors (some twenty lexemes a row) and joining every lexeme to the
      -- weights took twice as long for the same scores (docs/search.md, "Scoring the pool").
      SELECT p.id, p.created_at ${hitsExtra},
        sum(w.boost * w.idf * (coalesce(array_length(u.positions, 1), 1) * ${K1_PLUS_1})
          / (coalesce(array_length(u.positions, 1), 1) + ${K1} * (1 - ${B} + ${B} * p.token_count / s.avgdl))) AS score
      FROM pool p
      CROSS JOIN LATERAL unnest(ts_filter(setweight(p.content_tsv, 'A', (SELECT array_agg(wl.lexeme) FROM weights wl)), '{a}')) AS u
      JOIN weights w ON w.lexeme = u.lexeme
      CROSS JOIN stats s
      GROUP BY p.id, p.created_at ${hitsExtra}
      ORDER BY score DESC, p.created_at DESC, p.id
      LIMIT ${limit}
    ), hits AS (
      SELECT p.id, extract(epoch FROM p.created_at)::float8 AS t ${hitsExtra},
        row_number() OVER (ORDER BY p.score DESC, p.created_at DESC, p.id) AS rank
      FROM scored p
    )
    ${tail}`;
}

/**
 * The expansion — lexemes of the feedback rows the query lacks, by how many feedback rows hold them times their idf (a
 * word of every feedback row that half the workspace also uses says little) — and the query's lexemes; none at all
 * without an expansion, since the statement would only repeat the plain ranking. The feedback rows are read by primary
 * key and each lexeme's frequency looked up in search_term_statistics: no scan.
 */
function expansionSql(table: LexicalTable, workspaceId: string, feedback: FeedbackExpansion): Prisma.Sql {
  const { from, alias: x, target } = table;
  return Prisma.sql`
      WITH expansion AS (
        SELECT f.lexeme, ${feedback.boost}::float8 AS boost FROM (
          SELECT u.lexeme, count(*)::float8 AS docs FROM ${from} CROSS JOIN LATERAL unnest(${x}.content_tsv) AS u
          WHERE ${x}.workspace_id = ${workspaceId} AND ${x}.id = ANY(${[...feedback.ids]}::text[])
            AND strpos(u.lexeme, chr(92)) = 0 AND u.lexeme NOT IN (SELECT q.lexeme FROM query_lexemes q)
          GROUP BY u.lexeme HAVING count(*) >= ${feedback.minDocs}
        ) f CROSS JOIN stats s CROSS JOIN LATERAL (
          SELECT coalesce(sum(t.documents), 0)::float8 AS df FROM search_term_statistics t
          WHERE t.workspace_id = ${workspaceId} AND t.target = ${target} AND t.lexeme = f.lexeme
        ) d
        WHERE d.df > 0
        ORDER BY f.docs * ln(1 + (greatest(s.n, d.df) - d.df + 0.5) / (d.df + 0.5)) DESC, f.lexeme
        LIMIT ${feedback.terms}
      )
      SELECT * FROM expansion
      UNION ALL
      SELECT * FROM query_lexemes WHERE EXISTS (SELECT 1 FROM expansion)`;
}
