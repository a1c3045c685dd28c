// Settings of the inverted-file lists that keep the vector search without pgvector sublinear in the workspace's size
// (docs/vector-search.md). Read from the environment on every call (src/server/config/search-config.ts), so tests
// and benches can change them.
import { readSearchConfig } from '@/server/config/search-config';

/**
 * A workspace gets lists once it holds this many embeddings of a target; below it the signature pass reads them all.
 * Unset (or 0), no workspace is given lists: they are opt-in because on the offline embedder they trade a third of
 * the vector leg's recall for about a halving of its cost (docs/vector-search.md), and "quality must not drop" wins
 * by default. Lists trained while it was set keep being used and maintained.
 */
export function vectorListsMinRows(): number | null {
  return readSearchConfig().vectorListsMinRows;
}

/**
 * Lists a search probes (per generation of lists). Recall against the exact ranking rises with it and so does the
 * cost: the measured trade-off is in docs/vector-search.md.
 */
export function vectorListProbes(): number {
  return readSearchConfig().vectorListProbes;
}

/** Milliseconds of computation one training may spend on k-means before it keeps the centroids it has. */
export function vectorListTrainBudgetMs(): number {
  return readSearchConfig().vectorListsTrainBudgetMs;
}

/** The number of lists for a workspace of `rows` embeddings: about √rows, as usual for inverted files. */
export function vectorListCount(rows: number): number {
  return Math.max(16, Math.min(4096, Math.round(Math.sqrt(rows))));
}
