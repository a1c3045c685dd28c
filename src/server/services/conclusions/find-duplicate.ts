import 'server-only';
// De-duplication of written conclusions within one (observer, observed) view (docs/api.md#s5-3):
// - exact: trimmed, lower-cased content equal, same level and, for explicit ones, the same session;
// - semantic: cosine distance ≤ 0.05 under the same level/session rule.
// The caller decides what a match means (reinforce, or keep the more informative text).
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { Prisma } from '@/generated/prisma/client';
import type { ConclusionLevelName } from '@/contracts/conclusions';
import type { DbClient } from '@/server/db/client';
import type { VectorStorage } from '@/server/db/vector-setup';
import { cosineDistanceTo } from './conclusion-embeddings';

export const SEMANTIC_DUPLICATE_DISTANCE = 0.05;

export type DuplicateProbe = {
  workspaceId: string;
  observerId: string;
  observedId: string;
  level: ConclusionLevelName;
  sessionId: string | null;
  content: string;
  embedding: readonly number[] | null;
};

export type DuplicateMatch = {
  kind: 'exact' | 'semantic';
  id: string;
  content: string;
  timesDerived: number;
  sourceIds: string[];
  provenance: unknown;
  messageCreatedAt: Date | null;
};

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const SQL_WHITESPACE = ' \t\n\r\f\v';

export const normalizedContent = (text: string) => text.trim().toLowerCase();

/** How informative a text is (docs/api.md#s5-3): tokens + 10 × unique tokens (o200k_base). */
export function informativeness(text: string): number {
  const tokens = encode(text, PLAIN_TEXT);
  return tokens.length + 10 * new Set(tokens).size;
}

const MATCH_COLUMNS = Prisma.sql`c.id, c.content, c.times_derived AS "timesDerived", c.source_ids AS "sourceIds",
  c.provenance, c.message_created_at AS "messageCreatedAt"`;

function sameView(probe: DuplicateProbe): Prisma.Sql {
  // A superseded fact is history: repeating it makes a new live fact rather than reinforcing the hidden row.
  // Explicit facts from different sessions stay apart (each keeps its session of origin); higher levels do not.
  const session =
    probe.level === 'explicit' ? Prisma.sql`AND c.session_id IS NOT DISTINCT FROM ${probe.sessionId}` : Prisma.empty;
  return Prisma.sql`c.workspace_id = ${probe.workspaceId} AND c.observer_id = ${probe.observerId}
    AND c.observed_id = ${probe.observedId} AND c.level = ${probe.level}::conclusion_level
    AND c.superseded_at IS NULL ${session}`;
}

export async function findDuplicate(tx: DbClient, storage: VectorStorage, probe: DuplicateProbe): Promise<DuplicateMatch | null> {
  const wanted = normalizedContent(probe.content);
  // SQL narrows by trimmed length; the case-insensitive comparison happens here so it does not depend on the
  // database's collation (PGlite and a real server may lower-case non-ASCII text differently).
  const sameLength = await tx.$queryRaw<Omit<DuplicateMatch, 'kind'>[]>`
    SELECT ${MATCH_COLUMNS} FROM conclusions c
    WHERE ${sameView(probe)} AND length(btrim(c.content, ${SQL_WHITESPACE})) = ${[...probe.content.trim()].length}
    ORDER BY c.created_at, c.id`;
  const exact = sameLength.find((row) => normalizedContent(row.content) === wanted);
  if (exact) return { kind: 'exact', ...exact };
  if (!probe.embedding) return null;

  const distance = cosineDistanceTo(storage, probe.embedding);
  const [near] = await tx.$queryRaw<Omit<DuplicateMatch, 'kind'>[]>`
    SELECT ${MATCH_COLUMNS} FROM conclusions c JOIN conclusion_embeddings e ON e.conclusion_id = c.id
    WHERE ${sameView(probe)} AND ${distance} <= ${SEMANTIC_DUPLICATE_DISTANCE}
    ORDER BY ${distance}, c.id
    LIMIT 1`;
  return near ? { kind: 'semantic', ...near } : null;
}
