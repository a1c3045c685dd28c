import 'server-only';
// The lexical leg of hybrid search (api-contract §3.8, Δ5) over the generated `content_tsv` columns (english
// configuration, GIN-indexed). Natural questions rarely share every word with the answer, so the query's lexemes are
// ORed and ranked by BM25 computed in SQL — document frequencies come from the GIN index within the caller's scope,
// so a rare token (a name, a number, an id) outweighs common words. Candidates are generated from the rarer half of
// the terms only: a message matching nothing but common words could not rank anyway, and this keeps large
// workspaces fast. Alongside it, a literal substring pass (queries with punctuation) and a word pass for capitalised
// names the english configuration drops as stop words ("Will", "May").
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { substringNeedle, wantsSubstring } from './search-query';

export type SearchTarget = 'messages' | 'conclusions';

export type LexicalOptions = {
  target: SearchTarget;
  /** Scope condition over alias `m` (messages) or `c` (conclusions). */
  where: Prisma.Sql;
  query: string;
  limit: number;
};

const TABLES = {
  messages: { from: Prisma.raw('messages m'), alias: Prisma.raw('m') },
  conclusions: { from: Prisma.raw('conclusions c'), alias: Prisma.raw('c') },
} as const;

/** BM25 parameters (the usual defaults; document length is the o200k token count). */
const K1 = Prisma.raw('1.2');
const K1_PLUS_1 = Prisma.raw('2.2');
const B = Prisma.raw('0.75');
/** More query terms than this add nothing but cost (a pasted paragraph). */
const MAX_TERMS = 48;

export type LexicalLegs = { ranked: string[]; names: string[] };

export async function rankLexically(db: DbClient, options: LexicalOptions): Promise<LexicalLegs> {
  const { from, alias } = TABLES[options.target];
  const limit = Math.max(1, Math.floor(options.limit));
  const words = capitalisedWords(options.query);
  const [analysed] = await db.$queryRaw<{ lexemes: string[]; stopwords: string[] }[]>`
    SELECT
      (SELECT coalesce(array_agg(lexeme), '{}') FROM unnest(to_tsvector('english', ${options.query}))) AS lexemes,
      (SELECT coalesce(array_agg(w), '{}') FROM unnest(${words}::text[]) AS w
        WHERE to_tsvector('english', w) = ''::tsvector) AS stopwords`;
  // A backslash would need E'' quoting inside a tsquery literal; such lexemes are noise in practice.
  const lexemes = (analysed?.lexemes ?? []).filter((l) => !l.includes('\\')).slice(0, MAX_TERMS);

  const [bm25, literal, names] = await Promise.all([
    lexemes.length > 0 ? bm25Rank(db, from, alias, options.where, lexemes, limit) : Promise.resolve([]),
    wantsSubstring(options.query) ? substringRank(db, from, alias, options.where, substringNeedle(options.query), limit) : Promise.resolve([]),
    (analysed?.stopwords ?? []).length > 0 ? wordRank(db, from, alias, options.where, analysed!.stopwords, limit) : Promise.resolve([]),
  ]);
  // An exact literal hit is the strongest lexical evidence there is.
  const ranked = [...new Set([...literal, ...bm25])].slice(0, limit);
  return { ranked, names };
}

async function bm25Rank(
  db: DbClient, from: Prisma.Sql, x: Prisma.Sql, where: Prisma.Sql, lexemes: string[], limit: number,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH terms AS (
      SELECT t.lexeme, (SELECT count(*) FROM ${from} WHERE (${where}) AND ${x}.content_tsv @@ quote_literal(t.lexeme)::tsquery)::float8 AS df
      FROM unnest(${lexemes}::text[]) AS t(lexeme)
    ), corpus AS (
      SELECT count(*)::float8 AS n, greatest(coalesce(avg(${x}.token_count), 1), 1)::float8 AS avgdl FROM ${from} WHERE (${where})
    ), weights AS (
      SELECT t.lexeme, t.df, ln(1 + (c.n - t.df + 0.5) / (t.df + 0.5)) AS idf FROM terms t, corpus c WHERE t.df > 0
    ), probe AS (
      SELECT string_agg(quote_literal(w.lexeme), ' | ')::tsquery AS q FROM weights w, corpus c
      WHERE w.df <= greatest(c.n * 0.5, (SELECT min(df) FROM weights))
    ), hits AS (
      SELECT ${x}.id, ${x}.content_tsv, ${x}.token_count, ${x}.created_at FROM ${from}, probe
      WHERE (${where}) AND ${x}.content_tsv @@ probe.q
    )
    SELECT h.id FROM hits h
    CROSS JOIN LATERAL unnest(h.content_tsv) AS u
    JOIN weights w ON w.lexeme = u.lexeme
    CROSS JOIN corpus c
    GROUP BY h.id, h.created_at, h.token_count, c.avgdl
    ORDER BY sum(w.idf * (coalesce(array_length(u.positions, 1), 1) * ${K1_PLUS_1})
      / (coalesce(array_length(u.positions, 1), 1) + ${K1} * (1 - ${B} + ${B} * h.token_count / c.avgdl))) DESC,
      h.created_at DESC, h.id
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Case-insensitive literal containment, most recent first. */
async function substringRank(
  db: DbClient, from: Prisma.Sql, x: Prisma.Sql, where: Prisma.Sql, needle: string, limit: number,
): Promise<string[]> {
  if (needle.length === 0) return [];
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT ${x}.id FROM ${from} WHERE (${where}) AND ${x}.content ILIKE ${pattern}
    ORDER BY ${x}.created_at DESC, ${x}.id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Whole-word, case-insensitive matches of names the english configuration ignores, most occurrences first. */
async function wordRank(
  db: DbClient, from: Prisma.Sql, x: Prisma.Sql, where: Prisma.Sql, words: string[], limit: number,
): Promise<string[]> {
  const patterns = words.map((w) => `\\m${w.replace(/[^\p{L}\p{N}]/gu, '')}\\M`).filter((p) => p.length > 4);
  if (patterns.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT ${x}.id FROM ${from} WHERE (${where}) AND ${x}.content ~* ANY(${patterns}::text[])
    ORDER BY ${x}.created_at DESC, ${x}.id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Capitalised words after the first word: candidate names, numbers excluded (english keeps those). */
function capitalisedWords(query: string): string[] {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.slice(1).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase()))].slice(0, 8);
}
