import 'server-only';
// Which conclusions a representation shows (docs/api.md#s5-8): a "relevant" bucket (hybrid search, docs/honcho-differences.md#hybrid-retrieval), a "most
// frequent" bucket (times_derived) and a "recent" bucket fill `total`, later buckets skipping ids already chosen.
// A session restriction limits every bucket to explicit conclusions from those sessions. The result also carries the
// order in which the session-context budget drops entries (docs/api.md#s3-7 step 3): recent oldest first, then frequent, then
// relevant lowest-ranked first.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { conclusionScope, searchConclusionRows, type ConclusionSearchScope } from '../search/search-conclusion-rows';
import type { RepresentationEntry, RepresentationLevel } from './render-representation';

export type RepresentationRequest = {
  workspaceId: string;
  observerId: string;
  observedId: string;
  /** Internal session ids; null = unrestricted, [] = nothing. */
  sessionIds: readonly string[] | null;
  searchQuery: string | null;
  searchTopK: number | null;
  searchMaxDistance: number | null;
  includeMostFrequent: boolean;
  total: number;
  /** The request's signal, for the query embedding of the relevant bucket. */
  signal?: AbortSignal;
};

export type BucketSizes = { relevant: number; frequent: number; recent: number };

export function bucketSizes(total: number, hasQuery: boolean, topK: number | null, includeMostFrequent: boolean): BucketSizes {
  const relevant = hasQuery ? Math.min(Math.max(1, topK ?? Math.floor(total / 3)), total) : 0;
  const frequent = includeMostFrequent
    ? Math.min(Math.floor(total / (hasQuery ? 3 : 2)), total - relevant)
    : 0;
  return { relevant, frequent, recent: total - relevant - frequent };
}

/** Selected entries, and their ids in the order the budget drops them. */
export type RepresentationSelection = { entries: RepresentationEntry[]; dropOrder: string[] };

type Row = { id: string; level: RepresentationLevel; content: string; timestamp: Date; provenance: unknown };

export async function selectRepresentation(db: Db, request: RepresentationRequest): Promise<RepresentationSelection> {
  if (request.sessionIds && request.sessionIds.length === 0) return { entries: [], dropOrder: [] };
  const query = request.searchQuery?.trim() ? request.searchQuery : null;
  const sizes = bucketSizes(request.total, query !== null, request.searchTopK, request.includeMostFrequent);
  const scope: ConclusionSearchScope = {
    workspaceId: request.workspaceId,
    observerId: request.observerId,
    observedId: request.observedId,
    sessionIds: request.sessionIds,
    levels: request.sessionIds ? ['explicit'] : null,
    maxDistance: request.searchMaxDistance,
  };
  const chosen: string[] = [];
  const relevant = query && sizes.relevant > 0 ? (await searchConclusionRows(db, scope, query, sizes.relevant, { signal: request.signal })).map((r) => r.id) : [];
  chosen.push(...relevant);
  const frequent = await topBy(db, scope, chosen, sizes.frequent, Prisma.sql`c.times_derived DESC, c.created_at DESC, c.id`);
  chosen.push(...frequent);
  const recent = await topBy(db, scope, chosen, sizes.recent, Prisma.sql`c.created_at DESC, c.id`);
  chosen.push(...recent);
  if (chosen.length === 0) return { entries: [], dropOrder: [] };

  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id, c.level::text AS level, c.content, coalesce(c.message_created_at, c.created_at) AS timestamp, c.provenance
    FROM conclusions c WHERE c.id = ANY(${chosen}::text[])`;
  return {
    entries: rows,
    dropOrder: [...[...recent].reverse(), ...[...frequent].reverse(), ...[...relevant].reverse()],
  };
}

async function topBy(db: Db, scope: ConclusionSearchScope, exclude: readonly string[], limit: number, order: Prisma.Sql): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM conclusions c
    WHERE ${conclusionScope(scope)} AND NOT (c.id = ANY(${[...exclude]}::text[]))
    ORDER BY ${order} LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
