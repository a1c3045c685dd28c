// The facts pages' query inputs from their URLs, shared by server prefetch and client screens (same query keys).
import { CONCLUSION_LEVELS, type ConclusionLevelFilter } from '@/contracts/console-memory';
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';

export type FactsView = { observer: string; observed: string; level: ConclusionLevelFilter | null; page: number; scope?: string };

export const LEVEL_LABELS: Record<ConclusionLevelFilter, { title: string; hint: string }> = {
  explicit: { title: 'Explicit', hint: 'Stated outright in a message.' },
  deductive: { title: 'Deductive', hint: 'Follows necessarily from other facts.' },
  inductive: { title: 'Inductive', hint: 'A pattern across several facts.' },
  contradiction: { title: 'Contradictions', hint: 'Facts that cannot all be true.' },
};

export function levelParam(value: string | string[] | undefined): ConclusionLevelFilter | null {
  const text = Array.isArray(value) ? value[0] : value;
  return (CONCLUSION_LEVELS as readonly string[]).includes(text ?? '') ? (text as ConclusionLevelFilter) : null;
}

export function factsInput(app: string, view: FactsView) {
  return {
    app,
    observer: view.observer || undefined,
    observed: view.observed || undefined,
    level: view.level ?? undefined,
    scope: view.scope || undefined,
    page: view.page,
    size: CONSOLE_PAGE_SIZE,
  };
}
