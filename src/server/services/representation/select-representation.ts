import 'server-only';
// Which conclusions a representation shows (docs/api.md#s5-8): a "relevant" bucket (hybrid search, docs/honcho-differences.md#hybrid-retrieval), a "most
// frequent" bucket (times_derived) and a "recent" bucket fill `total`, later buckets skipping ids already chosen.
// A session restriction limits every bucket to explicit conclusions from those sessions. The result also carries the
// order in which the session-context budget drops entries (docs/api.md#s3-7 step 3): recent oldest first, then frequent, then
// relevant lowest-ranked first.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { queryRows } from '@/server/db/raw-rows';
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

type Bucket = 'relevant' | 'frequent' | 'recent';
type BucketRow = { id: string; level: RepresentationLevel; content: string; timestamp: Date; provenance: unknown; bucket: Bucket };

// In-bucket orders; both read the alias `c`.
const FREQUENT_ORDER = Prisma.sql`c.times_derived DESC, c.created_at DESC, c.id`;
const RECENT_ORDER = Prisma.sql`c.created_at DESC, c.id`;

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
  const relevant = query && sizes.relevant > 0 ? (await searchConclusionRows(db, scope, query, sizes.relevant, { signal: request.signal })).map((r) => r.id) : [];
  // The frequent and recent buckets and the rows of all three are one statement (docs/architecture.md#statements-per-read):
  // each bucket skips the ids chosen before it, and every row carries its bucket and its rank inside it, which is
  // all the drop order needs.
  // On the pool (raw-rows.ts): text, a date and JSON only.
  const rows = await queryRows<BucketRow>(db, Prisma.sql`
    WITH frequent AS (
      SELECT c.id, row_number() OVER (ORDER BY ${FREQUENT_ORDER}) AS rank
      FROM (SELECT c.id, c.times_derived, c.created_at FROM conclusions c
            WHERE ${conclusionScope(scope)} AND NOT (c.id = ANY(${relevant}::text[]))
            ORDER BY ${FREQUENT_ORDER} LIMIT ${Math.max(0, sizes.frequent)}) c
    ), recent AS (
      SELECT c.id, row_number() OVER (ORDER BY ${RECENT_ORDER}) AS rank
      FROM (SELECT c.id, c.created_at FROM conclusions c
            WHERE ${conclusionScope(scope)} AND NOT (c.id = ANY(${relevant}::text[])) AND c.id NOT IN (SELECT id FROM frequent)
            ORDER BY ${RECENT_ORDER} LIMIT ${Math.max(0, sizes.recent)}) c
    ), chosen AS (
      SELECT r.id, 'relevant' AS bucket, r.rank FROM unnest(${relevant}::text[]) WITH ORDINALITY AS r(id, rank)
      UNION ALL SELECT id, 'frequent', rank FROM frequent
      UNION ALL SELECT id, 'recent', rank FROM recent
    )
    SELECT c.id, c.level::text AS level, c.content, coalesce(c.message_created_at, c.created_at) AS timestamp, c.provenance,
      ch.bucket
    FROM chosen ch JOIN conclusions c ON c.id = ch.id
    ORDER BY ch.rank`);
  // Ordered by in-bucket rank, so each bucket's rows come best first.
  const inBucket = (bucket: Bucket) => rows.filter((r) => r.bucket === bucket).map((r) => r.id).reverse();
  return {
    entries: rows.map(({ id, level, content, timestamp, provenance }) => ({ id, level, content, timestamp, provenance })),
    dropOrder: [...inBucket('recent'), ...inBucket('frequent'), ...inBucket('relevant')],
  };
}
