import 'server-only';
// Write-time list assignment for the inverted-file lists of the vector search without pgvector
// (docs/vector-search.md): a new embedding joins the list of its nearest centroid of the workspace's current
// generation. The centroids are cached per process and checked against the current generation on every write (one
// primary-key lookup); a write that raced a retraining keeps an older list, which searches still probe, and the
// sweep moves it on (maintain-vector-lists.ts). Workspaces without lists, and pgvector deployments, store NULL.
import type { DbClient } from '@/server/db/client';
import type { VectorStorage } from '@/server/db/vector-setup';
import { nearestCentroid, type VectorBlock } from './train-centroids';

export type ListTarget = 'messages' | 'conclusions';
export type WorkspaceLists = { generation: number; ids: number[]; centroids: VectorBlock };

/** Enough for the workspaces one process writes to at a time; each entry is √rows × dimensions floats. */
const CACHE_LIMIT = 64;
const cache = new Map<string, WorkspaceLists>();

/** The workspace's current lists of `target`, or null while it has none. */
export async function currentLists(db: DbClient, workspaceId: string, target: ListTarget): Promise<WorkspaceLists | null> {
  const [set] = await db.$queryRaw<{ generation: number }[]>`
    SELECT generation FROM vector_list_sets WHERE workspace_id = ${workspaceId} AND target = ${target}`;
  if (!set) return null;
  const key = `${workspaceId}:${target}`;
  const cached = cache.get(key);
  if (cached && cached.generation === set.generation) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const rows = await db.$queryRaw<{ id: number; centroid: number[] }[]>`
    SELECT id, centroid FROM vector_lists
    WHERE workspace_id = ${workspaceId} AND target = ${target} AND generation = ${set.generation} ORDER BY id`;
  if (rows.length === 0) return null;
  const dimensions = rows[0]!.centroid.length;
  const values = new Float32Array(rows.length * dimensions);
  rows.forEach((r, i) => values.set(r.centroid, i * dimensions));
  const lists = { generation: set.generation, ids: rows.map((r) => r.id), centroids: { values, dimensions, count: rows.length } };
  cache.set(key, lists);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return lists;
}

/** The list id of each vector's nearest centroid, per the given lists. */
export function nearestLists(lists: WorkspaceLists, vectors: readonly (readonly number[])[]): number[] {
  return vectors.map((v) => lists.ids[nearestCentroid(lists.centroids, v)]!);
}

/** List ids for vectors about to be stored in one workspace: NULLs when the workspace has no lists (or pgvector). */
export async function listIdsFor(
  db: DbClient, storage: VectorStorage, workspaceId: string, target: ListTarget, vectors: readonly (readonly number[])[],
): Promise<(number | null)[]> {
  if (storage.mode !== 'fallback' || vectors.length === 0) return vectors.map(() => null);
  const lists = await currentLists(db, workspaceId, target);
  if (!lists || lists.centroids.dimensions !== storage.dimensions) return vectors.map(() => null);
  return nearestLists(lists, vectors);
}
