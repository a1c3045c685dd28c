// Turns a dreamer's answer into the rows a dream writes, trusting nothing the model said: every id must be one of
// the conclusions the dream was shown, deductions need ≥1 premise, patterns and contradictions ≥2 sources, empty or
// repeated texts are dropped, and the card is cut to the limits of docs/api.md#s5-5. A pure function, so the rules are testable
// without a database or a model.
import type { DreamOutput } from '@/server/models/engine-types';
import { normaliseCardEntries } from './card-entries';
import type { ViewConclusion } from './load-dream-view';

export type DreamLevel = 'deductive' | 'inductive' | 'contradiction';

export type PlannedConclusion = {
  level: DreamLevel;
  content: string;
  /** Input conclusion ids: premises (deductive) or sources (inductive, contradiction). */
  sourceIds: string[];
  provenance: Record<string, unknown>;
  /** Session of the most recent source (docs/api.md#s5-3). */
  sessionId: string | null;
};

/** A fact that stopped being true, replaced by an input conclusion or by one of the planned conclusions. */
export type PlannedSupersession = { id: string; byId: string | null; byPlanned: number | null };

export type DreamPlan = { conclusions: PlannedConclusion[]; superseded: PlannedSupersession[]; card: string[] | null };

/** Minimum supporting conclusions per level (docs/api.md#s5-3: patterns and contradictions need two). */
export const MIN_SOURCES: Record<DreamLevel, number> = { deductive: 1, inductive: 2, contradiction: 2 };

const MAX_CONTENT_CHARS = 65_535;
const CONFIDENCES = new Set(['low', 'medium', 'high']);

function cleanContent(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\u0000/g, '').trim().slice(0, MAX_CONTENT_CHARS) : '';
}

export function planDreamResults(output: DreamOutput, inputs: readonly ViewConclusion[], mode: 'omni' | 'card_refresh'): DreamPlan {
  const card = Array.isArray(output.card) ? normaliseCardEntries(output.card.filter((e): e is string => typeof e === 'string')) : null;
  if (mode === 'card_refresh') return { conclusions: [], superseded: [], card };

  const byId = new Map(inputs.map((c) => [c.id, c]));
  const known = (ids: unknown): string[] =>
    Array.isArray(ids) ? [...new Set(ids.filter((id): id is string => typeof id === 'string' && byId.has(id)))] : [];
  const latestSession = (ids: readonly string[]): string | null => {
    const sources = ids.map((id) => byId.get(id)!);
    sources.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return sources[0]?.sessionId ?? null;
  };

  const conclusions: PlannedConclusion[] = [];
  const seen = new Set<string>();
  const add = (level: DreamLevel, rawContent: unknown, rawIds: unknown, extra: (contents: string[]) => Record<string, unknown>): number | null => {
    const content = cleanContent(rawContent);
    const sourceIds = known(rawIds);
    const key = `${level}:${content.toLowerCase()}`;
    if (!content || sourceIds.length < MIN_SOURCES[level] || seen.has(key)) return null;
    seen.add(key);
    const contents = sourceIds.map((id) => byId.get(id)!.content);
    conclusions.push({ level, content, sourceIds, provenance: extra(contents), sessionId: latestSession(sourceIds) });
    return conclusions.length - 1;
  };

  const deductionIndex = new Map<number, number>();
  (output.deductions ?? []).forEach((d, index) => {
    const planned = add('deductive', d?.content, d?.premiseIds, (premises) => ({ premises }));
    if (planned !== null) deductionIndex.set(index, planned);
  });
  for (const i of output.inductions ?? []) {
    add('inductive', i?.content, i?.sourceIds, (sources) => ({
      sources,
      pattern_type: typeof i.patternType === 'string' && i.patternType.trim() ? i.patternType.trim() : 'pattern',
      confidence: CONFIDENCES.has(i.confidence) ? i.confidence : 'medium',
    }));
  }
  for (const c of output.contradictions ?? []) add('contradiction', c?.content, c?.sourceIds, (sources) => ({ sources }));

  const superseded: PlannedSupersession[] = [];
  const done = new Set<string>();
  for (const s of output.superseded ?? []) {
    if (typeof s?.id !== 'string' || !byId.has(s.id) || done.has(s.id)) continue;
    const replacedBy = typeof s.byId === 'string' && byId.has(s.byId) && s.byId !== s.id ? s.byId : null;
    const planned = typeof s.byDeductionIndex === 'number' ? (deductionIndex.get(s.byDeductionIndex) ?? null) : null;
    done.add(s.id);
    superseded.push({ id: s.id, byId: replacedBy, byPlanned: replacedBy ? null : planned });
  }
  return { conclusions, superseded, card };
}
