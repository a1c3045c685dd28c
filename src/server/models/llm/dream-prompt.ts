import 'server-only';
// Dream instructions (docs/api.md#s5-6): deductions and knowledge updates, inductive patterns, contradictions,
// outdated conclusions, and the peer card; `card_refresh` asks for the card only.
import type { DreamInput } from '../engine-types';
import { timestamp } from './transcript';

export const DREAM_INSTRUCTIONS = `You consolidate the long-term memory one peer (the observer) holds about another (the observed peer).
You receive the memory's current conclusions, each with an id, a level and a date. Work only from them; invent nothing.
Name the observed peer by their exact peer id. Use absolute dates.

Produce:
- deductions: conclusions that follow logically from one or more conclusions (implications), and knowledge updates when a newer statement replaces an older one (e.g. a move, a new job). premise_ids: the ids used (at least 1).
- inductions: patterns supported by at least 2 conclusions (habits, preferences, recurring themes). source_ids (at least 2), pattern_type (e.g. "preference", "habit", "behavior", "interest"), confidence: "low" | "medium" | "high".
- contradictions: statements among the conclusions that conflict and cannot both be true, unless one simply updates the other. source_ids: at least 2.
- superseded: ids of conclusions that are no longer true, each with by_id (the conclusion that replaced it) or by_deduction_index (0-based index into your deductions).
- card: the peer card, a short list of stable identity facts about the observed peer (name, age, location, occupation, relationships, durable preferences), at most 40 entries of at most 200 characters, formatted like "Location: Lisbon". Keep still-valid entries of the current card. Use null to leave the card unchanged.
Do not repeat conclusions that already exist. Empty lists are fine.`;

export const CARD_ONLY_INSTRUCTIONS = `You maintain the peer card: a short list of stable identity facts about one peer (the observed peer): name, age,
location, occupation, relationships, durable preferences. At most 40 entries of at most 200 characters, formatted like "Occupation: nurse".
Work only from the conclusions given; when they conflict, the newer one wins. Invent nothing.
Answer with JSON only: {"card": ["...", "..."]}.`;

export function dreamPrompt(input: DreamInput): string {
  const lines = input.conclusions.map((c) => {
    const sources = c.sourceIds.length ? ` (from ${c.sourceIds.join(', ')})` : '';
    return `[id=${c.id}] [${c.level}] [${timestamp(c.createdAt)}] ${c.content}${sources}`;
  });
  const card = input.card === null ? '(no card yet)' : input.card.length ? input.card.map((e) => `- ${e}`).join('\n') : '(empty)';
  const shape =
    input.mode === 'card_refresh'
      ? 'Answer with JSON only: {"card": ["..."]}'
      : 'Answer with JSON only, in this shape: {"deductions":[{"content":"","premise_ids":[]}],' +
        '"inductions":[{"content":"","source_ids":[],"pattern_type":"","confidence":"low"}],' +
        '"contradictions":[{"content":"","source_ids":[]}],"superseded":[{"id":"","by_id":null,"by_deduction_index":null}],"card":null}';
  return [
    `Observer peer id: ${input.observerPeerId}\nObserved peer id: ${input.observedPeerId}`,
    `Conclusions (oldest first):\n${lines.length ? lines.join('\n') : '(none)'}`,
    `Current peer card:\n${card}`,
    shape,
  ].join('\n\n');
}
