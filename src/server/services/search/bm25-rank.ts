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
import { creditedSql, hitRowsSql, hitsWithNeighboursSql, neighbourRowsSql, type LexicalRow } from './conversation-neighbours';

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

/** The same expansion learnt, inside the statement, from the first `rows` ids of the credited plain ranking. */
export type InlineFeedback = Omit<FeedbackExpansion, 'ids'> & { rows: number };

export async function bm25Rank(
  db: DbClient, table: LexicalTable, workspaceId: string, where: Prisma.Sql, query: string, limit: number,
  feedback?: FeedbackExpansion,
): Promise<LexicalRow[]> {
  // Straight on the pool (raw-rows.ts): a search's most frequent statement, and its rows are plain text and numbers.
  return queryRows<LexicalRow>(db, bm25Sql(table, workspaceId, where, query, limit, feedback));
}

/**
 * The BM25 statement: hits in rank order, then (messages) their session neighbours; the fourth column, `rank`, is the
 * hit's rank, for a caller that wraps the statement and must restore that order.
 */
export function bm25Sql(
  table: LexicalTable, workspaceId: string, where: Prisma.Sql, query: string, limit: number, feedback?: FeedbackExpansion,
): Prisma.Sql {
  const tail = table.neighbours
    ? hitsWithNeighboursSql(where)
    : Prisma.sql`SELECT h.id, NULL::text AS "of", NULL::boolean AS after, h.rank, h.t, NULL::text AS author FROM hits h ORDER BY h.rank`;
  const lexemes = feedback ? expansionSql(table, workspaceId, feedback, Prisma.sql`${[...feedback.ids]}::text[]`) : Prisma.sql`SELECT * FROM query_lexemes`;
  return Prisma.sql`
    WITH ${queryCtes(table, workspaceId, query)}, lexemes AS (${lexemes}),
    ${rankingCtes('', table, workspaceId, where, limit, feedback?.probeBudget ?? PROBE_BUDGET)}
    ${tail}`;
}

/**
 * Pseudo-relevance feedback in the same statement as the plain ranking (message search, relevance-feedback.ts): the
 * plain hits and their neighbours, credited as creditNeighbours credits them; the expansion learnt from the first
 * `rows` of that credited ranking; the expanded ranking's hits and neighbours. Each row's `leg` says which ranking it
 * is of; within each, hits come in rank order, each neighbour after (fourth column: its hit's rank). One statement
 * instead of two saves a round trip, the second statement's planning and the repeated term lookups.
 * With `distance` (a column over alias `m`, vector-search.ts's distanceColumn), rows of leg `distance` also give it
 * for the first `limit` of the credited plain ranking: the candidates a low-weight vector leg orders (lexicalDecides
 * in search-message-rows.ts), whose distances would otherwise cost a statement after this one.
 */
export function bm25WithFeedbackSql(
  table: LexicalTable, workspaceId: string, where: Prisma.Sql, query: string, limit: number, feedback: InlineFeedback,
  distance?: Prisma.Sql,
): Prisma.Sql {
  const hits = Prisma.raw('hits');
  const expanded = Prisma.raw('f_hits');
  const rows = (cte: Prisma.Sql, neighbours: Prisma.Sql, leg: 'plain' | 'feedback') => Prisma.sql`
    SELECT r.*, ${Prisma.raw(`'${leg}'`)} AS leg, NULL AS distance FROM (${hitRowsSql(cte)}) r
    UNION ALL
    SELECT n.*, ${Prisma.raw(`'${leg}'`)}, NULL FROM ${neighbours} n`;
  // First, so that the NULLs of the other rows take the distance column's type (and so it names the columns).
  const distances = distance
    ? Prisma.sql`
      SELECT m.id, NULL::text AS "of", NULL::boolean AS after, NULL::bigint AS rank, NULL::float8 AS t, NULL::text AS author,
        'distance' AS leg, ${distance} AS distance
      FROM credited k JOIN messages m ON m.id = k.id
      UNION ALL`
    : Prisma.empty;
  return Prisma.sql`
    WITH ${queryCtes(table, workspaceId, query)}, lexemes AS (SELECT * FROM query_lexemes),
    ${rankingCtes('', table, workspaceId, where, limit, PROBE_BUDGET)},
    neighbours AS MATERIALIZED (${neighbourRowsSql(hits, where)}),
    credited AS MATERIALIZED (${creditedSql(hits, Prisma.raw('neighbours'), limit)}),
    f_lexemes AS (${expansionSql(table, workspaceId, feedback, Prisma.sql`ARRAY(SELECT id FROM credited WHERE place <= ${feedback.rows})`)}),
    ${rankingCtes('f_', table, workspaceId, where, limit, feedback.probeBudget)},
    f_neighbours AS (${neighbourRowsSql(expanded, where)})
    ${distances}
    ${rows(hits, Prisma.raw('neighbours'), 'plain')}
    UNION ALL
    ${rows(expanded, Prisma.raw('f_neighbours'), 'feedback')}
    ORDER BY 7, 4, 3 NULLS FIRST`;
}

/** The query's lexemes and the workspace's statistics: the CTEs `query_lexemes` and `stats`. */
function queryCtes(table: LexicalTable, workspaceId: string, query: string): Prisma.Sql {
  return Prisma.sql`query_lexemes AS (
      -- a backslash would need E'' quoting inside a tsquery literal; such lexemes are noise in practice
      SELECT u.lexeme, 1::float8 AS boost FROM unnest(to_tsvector('english', ${query})) AS u
      WHERE strpos(u.lexeme, chr(92)) = 0 LIMIT ${MAX_TERMS}
    ), stats AS (
      SELECT coalesce(sum(documents), 0)::float8 AS n,
        greatest(coalesce(sum(total_length)::float8 / nullif(sum(documents), 0), 1), 1) AS avgdl
      FROM search_statistics WHERE workspace_id = ${workspaceId} AND target = ${table.target}
    )`;
}

/**
 * The ranking of the terms in CTE `<prefix>lexemes` (lexeme, boost): CTEs `<prefix>terms`, `weights`, `probe`, `pool`,
 * `scored` and `hits`, the last with (id, t, rank) and, for messages, (session_id, seq, peer_id).
 */
function rankingCtes(
  prefix: string, table: LexicalTable, workspaceId: string, where: Prisma.Sql, limit: number, budget: number,
): Prisma.Sql {
  const name = (cte: string) => Prisma.raw(`${prefix}${cte}`);
  const { from, alias: x, target } = table;
  const extra = table.neighbours
    ? Prisma.sql`, ${x}.session_id, ${x}.seq, ${x}.peer_id`
    : Prisma.empty;
  const hitsExtra = table.neighbours ? Prisma.sql`, p.session_id, p.seq, p.peer_id` : Prisma.empty;
  return Prisma.sql`${name('terms')} AS MATERIALIZED (
      SELECT l.lexeme, l.boost, coalesce((
        SELECT sum(t.documents) FROM search_term_statistics t
        WHERE t.workspace_id = ${workspaceId} AND t.target = ${target} AND t.lexeme = l.lexeme), 0)::float8 AS df
      FROM ${name('lexemes')} l
    ), ${name('weights')} AS (
      SELECT t.lexeme, t.df, t.boost, ln(1 + (greatest(s.n, t.df) - t.df + 0.5) / (t.df + 0.5)) AS idf,
        row_number() OVER (ORDER BY t.df, t.lexeme) AS rarity,
        sum(t.df) OVER (ORDER BY t.df, t.lexeme) AS cumulative
      FROM ${name('terms')} t, stats s WHERE t.df > 0
    ), ${name('probe')} AS (
      SELECT string_agg(quote_literal(w.lexeme), ' | ')::tsquery AS q FROM ${name('weights')} w, stats s
      -- A small workspace probes with every term (all of it fits in one pool anyway); a large one with its rare terms.
      WHERE w.rarity = 1 OR s.n <= ${budget} OR (w.cumulative <= ${budget} AND w.df <= s.n * 0.5)
    ), ${name('pool')} AS (
      SELECT ${x}.id, ${x}.content_tsv, ${x}.token_count, ${x}.created_at ${extra}
      FROM ${from}, ${name('probe')} probe WHERE (${where}) AND ${x}.content_tsv @@ probe.q
      LIMIT ${POOL}
    ), ${name('scored')} AS (
      -- Each pool row's vector is cut down to the query's terms in C (setweight marks them, ts_filter keeps them)
      -- before it is unnested: unnesting whole vectors (some twenty lexemes a row) and joining every lexeme to the
      -- weights took twice as long for the same scores (docs/search.md, "Scoring the pool").
      SELECT p.id, p.created_at ${hitsExtra},
        sum(w.boost * w.idf * (coalesce(array_length(u.positions, 1), 1) * ${K1_PLUS_1})
          / (coalesce(array_length(u.positions, 1), 1) + ${K1} * (1 - ${B} + ${B} * p.token_count / s.avgdl))) AS score
      FROM ${name('pool')} p
      CROSS JOIN LATERAL unnest(ts_filter(setweight(p.content_tsv, 'A', (SELECT array_agg(wl.lexeme) FROM ${name('weights')} wl)), '{a}')) AS u
      JOIN ${name('weights')} w ON w.lexeme = u.lexeme
      CROSS JOIN stats s
      GROUP BY p.id, p.created_at ${hitsExtra}
      ORDER BY score DESC, p.created_at DESC, p.id
      LIMIT ${limit}
    ), ${name('hits')} AS (
      SELECT p.id, extract(epoch FROM p.created_at)::float8 AS t ${hitsExtra},
        row_number() OVER (ORDER BY p.score DESC, p.created_at DESC, p.id) AS rank
      FROM ${name('scored')} p
    )`;
}

/**
 * The expansion — lexemes of the feedback rows the query lacks, by how many feedback rows hold them times their idf (a
 * word of every feedback row that half the workspace also uses says little) — and the query's lexemes; none at all
 * without an expansion, since the statement would only repeat the plain ranking. The feedback rows are read by primary
 * key and each lexeme's frequency looked up in search_term_statistics: no scan.
 */
function expansionSql(
  table: LexicalTable, workspaceId: string, feedback: Omit<FeedbackExpansion, 'ids'>, ids: Prisma.Sql,
): Prisma.Sql {
  const { from, alias: x, target } = table;
  return Prisma.sql`
      WITH expansion AS (
        SELECT f.lexeme, ${feedback.boost}::float8 AS boost FROM (
          SELECT u.lexeme, count(*)::float8 AS docs FROM ${from} CROSS JOIN LATERAL unnest(${x}.content_tsv) AS u
          WHERE ${x}.workspace_id = ${workspaceId} AND ${x}.id = ANY(${ids})
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
