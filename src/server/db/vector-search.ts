import 'server-only';
// Nearest neighbours by cosine distance over message-chunk or conclusion embeddings (docs/honcho-differences.md#database-portability; docs/vector-search.md).
// - pgvector: the HNSW index yields candidates in distance order, filtered as it goes (iterative scan, settings applied
//   per connection by vector-session.ts), and the candidates are ordered by exact cosine distance. One statement.
// - fallback (real[] without pgvector): binary signatures (embedding-signature.ts) ranked by Hamming distance pick a
//   few hundred candidates in one cheap pass over the workspace's inverted-file lists nearest to the query (all of
//   it while it is below the lists' training threshold), whose exact cosine distances then decide. One statement as well: scope-first
//   when the caller flags its filter as narrow, otherwise workspace-first plus a second, scope-first one only when the
//   caller's filter rejected most of the first one's candidates.
// Ties break by id on both paths.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';
import { queryRows } from './raw-rows';
import { querySignature } from './embedding-signature';
import { vectorListProbes } from './vector-list-settings';
import { HNSW_EF_SEARCH } from './vector-session';
import { checkEmbedding, embeddingValue, getVectorStorage } from './vector-storage';
import type { VectorStorage } from './vector-setup';

export type VectorTarget = 'messages' | 'conclusions';
export type VectorHit = { id: string; distance: number };

export type NearestOptions = {
  target: VectorTarget;
  workspaceId: string;
  embedding: readonly number[];
  limit: number;
  /** Cosine-distance cap (0–2); hits farther away are dropped. */
  maxDistance?: number;
  /** Extra condition on the owning row (alias `m` for messages, `c` for conclusions). */
  where?: Prisma.Sql;
  /**
   * The caller's condition keeps a small part of the workspace (a session, an author, an observer's view): the
   * fallback then ranks within it from the start instead of ranking the workspace and filtering afterwards. A function
   * is asked only on the fallback path (pgvector filters inside its index scan and never needs the answer), so a caller
   * may spend a statement finding out.
   */
  narrow?: boolean | (() => Promise<boolean>);
};

const TARGETS = {
  messages: { table: Prisma.raw('message_embeddings'), row: Prisma.raw('e.id'), key: Prisma.raw('e.message_id'), owner: Prisma.raw('messages m'), ownerKey: Prisma.raw('m.id'), ownerWorkspace: Prisma.raw('m.workspace_id') },
  conclusions: { table: Prisma.raw('conclusion_embeddings'), row: Prisma.raw('e.conclusion_id'), key: Prisma.raw('e.conclusion_id'), owner: Prisma.raw('conclusions c'), ownerKey: Prisma.raw('c.id'), ownerWorkspace: Prisma.raw('c.workspace_id') },
} as const;

/**
 * Candidates re-ranked by exact cosine in the fallback: at least RERANK_MIN, or RERANK_PER_RESULT per requested hit.
 * Measured on 100k LoCoMo-derived messages (bench/vector-fallback.ts): 200 candidates hold ≥ 0.9 of the exact top 10.
 */
export const RERANK_MIN = 200;
export const RERANK_PER_RESULT = 5;
/** Signature-ranked rows read before the caller's filter, per re-ranked candidate (the filter may drop some). */
export const POOL_PER_RERANK = 4;

export async function nearestByCosine(db: DbClient, options: NearestOptions): Promise<VectorHit[]> {
  const storage = await getVectorStorage(db);
  return storage.mode === 'fallback' ? nearestBySignature(db, storage, options) : nearestByHnsw(db, storage, options);
}

async function nearestByHnsw(db: DbClient, storage: VectorStorage, options: NearestOptions): Promise<VectorHit[]> {
  const { table, key, owner, ownerKey } = TARGETS[options.target];
  const query = embeddingValue(storage, options.embedding);
  const where = options.where ?? Prisma.sql`TRUE`;
  const cap = options.maxDistance ?? 2;
  const limit = Math.max(1, Math.floor(options.limit));
  // HNSW is approximate: widen the candidate pool, then order the candidates exactly. Message chunks are grouped so a
  // message counts once, by its best chunk. Without iterative scans (pgvector < 0.8) the index returns at most
  // ef_search rows, so asking for more would only look like recall.
  const iterative = storage.pgvectorVersion !== null && compareVersions(storage.pgvectorVersion, '0.8.0') >= 0;
  const candidates = Math.min(iterative ? 1000 : HNSW_EF_SEARCH, Math.max(40, limit * 8));
  return db.$queryRaw<VectorHit[]>`
    WITH candidates AS (
      SELECT ${key} AS id, (e.embedding <=> ${query})::float8 AS distance
      FROM ${table} e JOIN ${owner} ON ${ownerKey} = ${key}
      WHERE e.workspace_id = ${options.workspaceId} AND ${where}
      ORDER BY e.embedding <=> ${query}
      LIMIT ${candidates}
    )
    SELECT id, min(distance) AS distance FROM candidates
    WHERE distance <= ${cap}
    GROUP BY id ORDER BY distance, id LIMIT ${limit}`;
}

/**
 * Exact cosine distances from the query to the given owners (messages by their best chunk, or conclusions), nearest
 * first, ties by id. Reads only those owners' embeddings (their unique index), never the workspace: this is how a
 * caller ranks a candidate set it already holds. Owners without an embedding are left out.
 */
export async function distancesOf(
  db: DbClient, options: { target: VectorTarget; workspaceId: string; embedding: readonly number[]; ids: readonly string[] },
): Promise<VectorHit[]> {
  if (options.ids.length === 0) return [];
  const column = await distanceColumn(db, options);
  const { owner, ownerKey, ownerWorkspace } = TARGETS[options.target];
  const rows = await queryRows<{ id: string; d: unknown }>(db, Prisma.sql`
    SELECT ${ownerKey} AS id, ${column.sql} AS d FROM ${owner}
    WHERE ${ownerKey} = ANY(${[...options.ids]}::text[]) AND ${ownerWorkspace} = ${options.workspaceId}`);
  return nearestFirst(rows.map((r) => ({ id: r.id, distance: column.distance(r.d) })));
}

/**
 * An owner's exact cosine distance to the query as a column of a statement over the owner's rows (alias `m` for
 * messages, `c` for conclusions), so a caller that reads those rows anyway gets their distances in the same round
 * trip; `distance` turns the column's value into the distance (null: no usable embedding). With pgvector the database
 * computes it; without, the column carries the embeddings in binary (`array_send`) and the distance is computed here,
 * which costs a twentieth of the SQL arithmetic (docs/search.md, "Scoring the pool"). Throws RangeError when the query
 * does not have the stored embeddings' dimension, as the other reads do.
 */
export type DistanceColumn = { sql: Prisma.Sql; distance(value: unknown): number | null };

export async function distanceColumn(
  db: DbClient, options: { target: VectorTarget; workspaceId: string; embedding: readonly number[] },
): Promise<DistanceColumn> {
  const storage = await getVectorStorage(db);
  const { table, key, ownerKey } = TARGETS[options.target];
  if (storage.mode === 'pgvector') {
    const query = embeddingValue(storage, options.embedding);
    return {
      sql: Prisma.sql`(SELECT min((e.embedding <=> ${query})::float8) FROM ${table} e
        WHERE ${key} = ${ownerKey} AND e.workspace_id = ${options.workspaceId})`,
      distance: (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null),
    };
  }
  checkEmbedding(storage, options.embedding);
  const distanceTo = exactDistanceTo(options.embedding);
  // One bytea holding every chunk's array_send back to back, not an array of them: the driver parses a bytea[]
  // character by character in JavaScript, 7 ms for 40 rows of 384 floats, against 0.3 ms for one bytea each.
  return {
    sql: Prisma.sql`(SELECT string_agg(array_send(e.embedding), ''::bytea) FROM ${table} e
      WHERE ${key} = ${ownerKey} AND e.workspace_id = ${options.workspaceId} AND e.embedding IS NOT NULL)`,
    distance: (value) => {
      if (!distanceTo || !(value instanceof Uint8Array)) return null;
      let best: number | null = null;
      for (const bytes of splitArraySends(value)) {
        const d = distanceTo(bytes);
        if (d !== null && d <= 2 && (best === null || d < best)) best = d;
      }
      return best;
    },
  };
}

/**
 * The arrays in a concatenation of `array_send` outputs. Each is its header — dimension count, null flag, element
 * type, then length and lower bound per dimension — and its elements, each a byte length (−1 for NULL) and that many
 * bytes; the walk stops at anything that does not fit.
 */
export function splitArraySends(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const arrays: Uint8Array[] = [];
  let start = 0;
  while (start + 12 <= bytes.byteLength) {
    const dimensions = view.getInt32(start);
    if (dimensions < 0 || dimensions > 6 || start + 12 + 8 * dimensions > bytes.byteLength) break;
    let elements = dimensions === 0 ? 0 : 1;
    for (let d = 0; d < dimensions; d += 1) elements *= Math.max(0, view.getInt32(start + 12 + 8 * d));
    let offset = start + 12 + 8 * dimensions;
    let read = 0;
    for (; read < elements && offset + 4 <= bytes.byteLength; read += 1) offset += 4 + Math.max(0, view.getInt32(offset));
    if (read < elements || offset > bytes.byteLength) break;
    arrays.push(bytes.subarray(start, offset));
    start = offset;
  }
  return arrays;
}

/** Owners with a distance, nearest first, ties by id. */
export function nearestFirst(rows: readonly { id: string; distance: number | null }[]): VectorHit[] {
  return rows
    .filter((r): r is VectorHit => r.distance !== null)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

type SignatureRow = { id: string | null; embedding: Uint8Array | null; pooled: number; kept: number };

async function nearestBySignature(db: DbClient, storage: VectorStorage, options: NearestOptions): Promise<VectorHit[]> {
  const { table, row, key, owner, ownerKey } = TARGETS[options.target];
  checkEmbedding(storage, options.embedding);
  const { signature, mask } = querySignature(options.embedding);
  const where = options.where ?? Prisma.sql`TRUE`;
  const cap = options.maxDistance ?? 2;
  const limit = Math.max(1, Math.floor(options.limit));
  const rerank = Math.max(RERANK_MIN, limit * RERANK_PER_RESULT);
  const pool = rerank * POOL_PER_RERANK;
  const ownerFilter = where;
  // A semi-join, not a join: in Hamming order under a LIMIT the planner probes the owner's primary key row by row and
  // stops once `rerank` rows passed, instead of filtering the whole pool first.
  const passes = (pooled: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM ${owner} WHERE ${ownerKey} = ${pooled} AND ${ownerFilter})`;

  const signed = (condition: Prisma.Sql) => Prisma.sql`
    SELECT ${row} AS row, ${key} AS owner, bit_count((e.signature # ${signature}::bit varying) & ${mask}::bit varying) AS h
    FROM ${table} e WHERE e.workspace_id = ${options.workspaceId} AND e.signature IS NOT NULL AND ${condition}`;
  const lists = Prisma.sql`vector_lists l WHERE l.workspace_id = ${options.workspaceId} AND l.target = ${options.target}`;
  const probes = vectorListProbes();

  const run = (scopeFirst: boolean) => {
    // Scope-first: the filter goes into the signature pass (a semi-join the planner can drive from the owner's own
    // indexes); otherwise the pass reads the workspace's signatures alone and the filter applies to its best rows.
    const scoped = scopeFirst ? Prisma.sql`AND ${passes(key)}` : Prisma.empty;
    // Workspace-first reads only the inverted-file lists nearest to the query (by the Hamming distance of their
    // centroids' signatures; `probes` per generation, so a retraining in progress probes the old lists and the new),
    // plus the rows that have no live list: none yet (a workspace below the training threshold has only those), or
    // one retired since (ids only grow, so they lie below the smallest live id). Scope-first reads the scope's rows.
    const candidates = scopeFirst
      ? signed(Prisma.sql`TRUE ${scoped}`)
      : Prisma.sql`
        ${signed(Prisma.sql`e.list_id = ANY(ARRAY(
          SELECT id FROM (SELECT l.id, row_number() OVER (PARTITION BY l.generation
            ORDER BY bit_count((l.signature # ${signature}::bit varying) & ${mask}::bit varying), l.id) AS rank
            FROM ${lists}) ranked WHERE rank <= ${probes}))`)}
        UNION ALL ${signed(Prisma.sql`e.list_id IS NULL`)}
        UNION ALL ${signed(Prisma.sql`e.list_id < (SELECT min(l.id) FROM ${lists})`)}`;
    // The candidates' embeddings come back as text and the exact cosine is computed here: a few hundred dot products
    // in JavaScript cost about a millisecond, where the same in SQL (unnest and aggregate, one row per dimension) was
    // about half of the statement. Text, not array_send's binary: through the driver and Prisma a bytea of twice the
    // size took several times longer to arrive than the text of the same arrays.
    return queryRows<SignatureRow>(db, Prisma.sql`
      WITH pool AS MATERIALIZED (
        (SELECT c.row, c.owner, c.h FROM (${candidates}) c ORDER BY 3, 2 LIMIT ${pool})
        UNION ALL
        -- Rows not signed yet (the backfill is still running) cannot be ranked by signature: check them exactly.
        SELECT ${row}, ${key}, NULL FROM ${table} e
        WHERE e.workspace_id = ${options.workspaceId} AND e.signature IS NULL ${scoped}
      ),
      kept AS MATERIALIZED (
        -- OFFSET 0 keeps the sorted pool a subquery, so the filter runs in Hamming order and stops at the LIMIT.
        (SELECT p.row, p.owner, p.h
         FROM (SELECT * FROM pool WHERE h IS NOT NULL ORDER BY h, owner OFFSET 0) p
         WHERE ${passes(Prisma.raw('p.owner'))} ORDER BY p.h, p.owner LIMIT ${rerank})
        UNION ALL
        SELECT p.row, p.owner, p.h FROM pool p WHERE p.h IS NULL AND ${passes(Prisma.raw('p.owner'))}
      )
      SELECT r.id, r.embedding,
             (SELECT count(*) FROM pool WHERE h IS NOT NULL)::int AS pooled,
             (SELECT count(*) FROM kept WHERE h IS NOT NULL)::int AS kept
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT k.owner AS id, array_send(e.embedding) AS embedding
                         FROM kept k JOIN ${table} e ON ${row} = k.row) r ON TRUE`);
  };

  const narrow = typeof options.narrow === 'function' ? await options.narrow() : options.narrow === true;
  let rows = await run(narrow);
  // The filter dropped most of a full pool (a scope the caller did not flag as narrow): the workspace's nearest rows
  // are mostly outside the scope, so rank within the scope instead.
  const first = rows[0];
  if (!narrow && first && first.pooled >= pool && first.kept < rerank) rows = await run(true);
  return rankExactly(options.embedding, rows, cap, limit);
}

/**
 * Exact cosine distance of each candidate to the query; an owner (a message with several chunks) counts once, by its
 * best. Candidates whose embedding has another dimension count, a NULL value or zero length are skipped, as the SQL
 * cosine (rapport_cosine_distance) returns NULL for them. Ties break by id.
 */
export function rankExactly(query: readonly number[], rows: readonly { id: string | null; embedding: Uint8Array | null }[], cap: number, limit: number): VectorHit[] {
  const distanceTo = exactDistanceTo(query);
  if (!distanceTo) return [];
  const best = new Map<string, number>();
  for (const r of rows) {
    if (r.id === null || r.embedding === null) continue;
    const distance = distanceTo(r.embedding);
    if (distance === null || !(distance <= cap)) continue;
    const previous = best.get(r.id);
    if (previous === undefined || distance < previous) best.set(r.id, distance);
  }
  return nearestFirst([...best].map(([id, distance]) => ({ id, distance }))).slice(0, limit);
}

/**
 * The exact distance from `query` to an embedding in `array_send` form (cosineToArrayBinary), or null for a query
 * of zero length, which is near nothing. The query is taken as the database holds it (float4), so distances match
 * those of the stored-side computation.
 */
function exactDistanceTo(query: readonly number[]): ((bytes: Uint8Array) => number | null) | null {
  const q = query.map((v) => Math.fround(v));
  let queryNorm = 0;
  for (const v of q) queryNorm += v * v;
  return queryNorm === 0 ? null : (bytes) => cosineToArrayBinary(q, queryNorm, bytes);
}

/**
 * 1 − cosine between the query and a real[] in PostgreSQL's binary array form (`array_send`): the header (dimensions,
 * null flag, element type, then length and lower bound per dimension) and each element as its byte length and
 * big-endian value. Decoding it costs a twentieth of parsing the text form (`{0.12,-3.4e-05,…}`), which took about
 * 1 ms of the server's one thread per search for 40 candidates of 384 dimensions (docs/search.md, "Scoring the pool").
 * Null for anything but a one-dimensional array of the query's length holding finite numbers only (a NULL element has
 * length −1) with non-zero norm. Sums in double precision, as the SQL function does.
 */
function cosineToArrayBinary(query: readonly number[], queryNorm: number, bytes: Uint8Array): number | null {
  if (bytes.byteLength < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0) !== 1 || bytes.byteLength < 20 || view.getInt32(12) !== query.length) return null;
  let offset = 20;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < query.length; i += 1) {
    if (offset + 4 > bytes.byteLength) return null;
    const size = view.getInt32(offset);
    offset += 4;
    if ((size !== 4 && size !== 8) || offset + size > bytes.byteLength) return null;
    const x = size === 4 ? view.getFloat32(offset) : view.getFloat64(offset);
    offset += size;
    if (!Number.isFinite(x)) return null;
    dot += x * query[i]!;
    norm += x * x;
  }
  if (norm === 0) return null;
  return 1 - dot / Math.sqrt(norm * queryNorm);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
