// Search settings (docs/search.md, docs/vector-search.md), read from the environment on every use so tests and benches
// can change them. Documented in README's configuration table.
import { z } from 'zod';
import { parseEnv, type EnvSource } from './parse-env';

const unsetWhenEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const positiveInt = (fallback: number) => z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(1).default(fallback));

const schema = z.object({
  // Weight of the vector leg in the fusion; unset: chosen by embedder (search-message-rows.ts).
  SEARCH_SEMANTIC_WEIGHT: z.preprocess(unsetWhenEmpty, z.coerce.number().min(0).max(100).optional()),
  SEARCH_EMBED_TIMEOUT_MS: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(1).max(600_000).default(1_500)),
  // 0 or unset: no workspace gets inverted-file lists (they are opt-in).
  VECTOR_LISTS_MIN_ROWS: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(0).optional()),
  VECTOR_LIST_PROBES: positiveInt(32),
  VECTOR_LISTS_TRAIN_BUDGET_MS: positiveInt(60_000),
});

export type SearchConfig = {
  semanticWeight: number | null;
  embedTimeoutMs: number;
  vectorListsMinRows: number | null;
  vectorListProbes: number;
  vectorListsTrainBudgetMs: number;
};

export function readSearchConfig(env: EnvSource = process.env): SearchConfig {
  const e = parseEnv(schema, env);
  return {
    semanticWeight: e.SEARCH_SEMANTIC_WEIGHT ?? null,
    embedTimeoutMs: e.SEARCH_EMBED_TIMEOUT_MS,
    vectorListsMinRows: e.VECTOR_LISTS_MIN_ROWS ? e.VECTOR_LISTS_MIN_ROWS : null,
    vectorListProbes: e.VECTOR_LIST_PROBES,
    vectorListsTrainBudgetMs: e.VECTOR_LISTS_TRAIN_BUDGET_MS,
  };
}
