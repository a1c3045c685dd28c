// Settings of the inverted-file lists that keep the vector search without pgvector sublinear in the workspace's size
// (docs/vector-search.md). Read from the environment on every call, so tests and benches can change them.

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = Number(raw);
  return raw && Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * A workspace gets lists once it holds this many embeddings of a target; below it the signature pass reads them all.
 * Unset (or 0), no workspace is given lists: they are opt-in because on the offline embedder they trade a third of
 * the vector leg's recall for about a halving of its cost (docs/vector-search.md), and "quality must not drop" wins
 * by default. Lists trained while it was set keep being used and maintained.
 */
export function vectorListsMinRows(): number | null {
  const raw = process.env.VECTOR_LISTS_MIN_ROWS;
  const value = Number(raw);
  return raw && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Lists a search probes (per generation of lists). Recall against the exact ranking rises with it and so does the
 * cost: the measured trade-off is in docs/vector-search.md.
 */
export function vectorListProbes(): number {
  return positiveInteger('VECTOR_LIST_PROBES', 32);
}

/** Milliseconds of computation one training may spend on k-means before it keeps the centroids it has. */
export function vectorListTrainBudgetMs(): number {
  return positiveInteger('VECTOR_LISTS_TRAIN_BUDGET_MS', 60_000);
}

/** The number of lists for a workspace of `rows` embeddings: about √rows, as usual for inverted files. */
export function vectorListCount(rows: number): number {
  return Math.max(16, Math.min(4096, Math.round(Math.sqrt(rows))));
}
