import 'server-only';
// Turns a model's dream answer into a DreamOutput the worker can apply safely: every cited id must be an input
// conclusion, patterns need ≥2 sources, contradictions ≥2, supersessions a valid replacement, the card its limits.
import { z } from 'zod';
import type { DreamInput, DreamOutput } from '../engine-types';
import { normaliseCard } from '../local/dream-card';
import { validItems } from './json-repair';

const ids = z.array(z.coerce.string()).default([]);
const nullableIndex = z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number().int().min(0).optional());
const nullableId = z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.string().optional());

const deduction = z.object({ content: z.string().trim().min(1), premise_ids: ids });
const induction = z.object({
  content: z.string().trim().min(1),
  source_ids: ids,
  pattern_type: z.string().trim().min(1).catch('pattern'),
  confidence: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(['low', 'medium', 'high']).catch('medium')),
});
const contradiction = z.object({ content: z.string().trim().min(1), source_ids: ids });
const superseded = z.object({ id: z.coerce.string(), by_id: nullableId, by_deduction_index: nullableIndex });
const card = z.array(z.string()).nullable();

/** The strict shape offered to providers. */
export const dreamSchema = z.object({
  deductions: z.array(z.object({ content: z.string(), premise_ids: z.array(z.string()) })),
  inductions: z.array(
    z.object({ content: z.string(), source_ids: z.array(z.string()), pattern_type: z.string(), confidence: z.enum(['low', 'medium', 'high']) }),
  ),
  contradictions: z.array(z.object({ content: z.string(), source_ids: z.array(z.string()) })),
  superseded: z.array(z.object({ id: z.string(), by_id: z.string().nullable(), by_deduction_index: z.number().int().nullable() })),
  card: z.array(z.string()).nullable(),
});
export const cardOnlySchema = z.object({ card: z.array(z.string()) });

export type SalvagedDream = { output: DreamOutput; dropped: number };

export function salvageDream(value: unknown, input: DreamInput): SalvagedDream | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const known = new Set(input.conclusions.map((c) => c.id));
  const valid = (list: string[]) => [...new Set(list.filter((id) => known.has(id)))];
  const parsedCard = card.safeParse((value as Record<string, unknown>).card ?? null);
  const cardOut = parsedCard.success && parsedCard.data ? normaliseCard(parsedCard.data) : null;
  const empty: DreamOutput = { deductions: [], inductions: [], contradictions: [], superseded: [], card: cardOut };
  if (input.mode === 'card_refresh') return parsedCard.success && parsedCard.data ? { output: empty, dropped: 0 } : null;

  const parts = [
    validItems(value, 'deductions', deduction),
    validItems(value, 'inductions', induction),
    validItems(value, 'contradictions', contradiction),
    validItems(value, 'superseded', superseded),
  ] as const;
  if (parts.every((p) => p === null) && !parsedCard.success) return null;
  const [d, i, c, s] = parts.map((p) => p ?? { items: [], dropped: 0 }) as [
    { items: z.output<typeof deduction>[]; dropped: number },
    { items: z.output<typeof induction>[]; dropped: number },
    { items: z.output<typeof contradiction>[]; dropped: number },
    { items: z.output<typeof superseded>[]; dropped: number },
  ];
  let dropped = d.dropped + i.dropped + c.dropped + s.dropped;
  const output = empty;
  // Deduction indices shift when invalid deductions are dropped; supersessions refer to the model's numbering.
  const newIndex = new Map<number, number>();
  d.items.forEach((item, index) => {
    const premiseIds = valid(item.premise_ids);
    if (premiseIds.length === 0) return void dropped++;
    newIndex.set(index, output.deductions.length);
    output.deductions.push({ content: item.content, premiseIds });
  });
  for (const item of i.items) {
    const sourceIds = valid(item.source_ids);
    if (sourceIds.length < 2) dropped++;
    else output.inductions.push({ content: item.content, sourceIds, patternType: item.pattern_type, confidence: item.confidence });
  }
  for (const item of c.items) {
    const sourceIds = valid(item.source_ids);
    if (sourceIds.length < 2) dropped++;
    else output.contradictions.push({ content: item.content, sourceIds });
  }
  for (const item of s.items) {
    const byDeductionIndex = item.by_deduction_index === undefined ? undefined : newIndex.get(item.by_deduction_index);
    const byId = item.by_id !== undefined && known.has(item.by_id) && item.by_id !== item.id ? item.by_id : undefined;
    if (!known.has(item.id) || (byId === undefined && byDeductionIndex === undefined)) dropped++;
    else output.superseded.push(byId !== undefined ? { id: item.id, byId } : { id: item.id, byDeductionIndex });
  }
  return { output, dropped };
}
