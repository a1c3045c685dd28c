// One definition of "the queue" for every number Rapport shows about background work. Reasoning work (deriving
// facts, summarising sessions, dreaming) is what a developer waits for and what GET …/queue/status reports, so the
// queue counts, the overview's per-day chart and the console's queue tiles and list all count exactly these kinds.
// Housekeeping (embedding messages for search, webhook deliveries, cleanup after deletions, scope backfills) runs on
// the same worker but is nobody's "work unit": it is shown separately, never added to the queue's totals.

export const REASONING_KINDS = ['derivation', 'summary', 'dream'] as const;
export const HOUSEKEEPING_KINDS = ['embedding', 'webhook', 'backfill'] as const;

export type ReasoningKind = (typeof REASONING_KINDS)[number];
export type HousekeepingKind = (typeof HOUSEKEEPING_KINDS)[number];
/** Which part of the queue a list or count covers. */
export type WorkCategory = 'reasoning' | 'housekeeping' | 'all';
export const WORK_CATEGORIES: readonly WorkCategory[] = ['reasoning', 'housekeeping', 'all'];

/** The kinds a category covers; `all` covers every kind. */
export function kindsOf(category: WorkCategory): readonly string[] {
  if (category === 'reasoning') return REASONING_KINDS;
  if (category === 'housekeeping') return HOUSEKEEPING_KINDS;
  return [...REASONING_KINDS, ...HOUSEKEEPING_KINDS];
}

export function isReasoningKind(kind: string): kind is ReasoningKind {
  return (REASONING_KINDS as readonly string[]).includes(kind);
}
