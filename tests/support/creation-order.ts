// Comparing two copies of a workspace's lists (export/import, Honcho migration): lists order by creation time, rows
// created in the same instant (one batch) tie, and a tie falls to internal ids, which a copy does not keep. Both
// sides are therefore compared in creation order, then by wire id.
export function inCreationOrder<T extends { created_at?: unknown; id?: unknown }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)) || String(a.id).localeCompare(String(b.id)));
}
