import 'server-only';
// Fact derivation with a language model: structured output of {content, source_ids}, with sources limited to the
// observed peer's messages of this batch (a fact cited from another peer's message is not a fact about this peer).
import { z } from 'zod';
import type { DeriveInput, DerivedFact, FactDeriver } from '../engine-types';
import { DERIVER_INSTRUCTIONS, deriverPrompt } from './deriver-prompt';
import { validItems, warnDropped } from './json-repair';
import { generateStructured } from './structured-call';
import { LanguageModelEngine } from './language-model-engine';

const factSchema = z.object({
  content: z.string().trim().min(1).max(2_000),
  source_ids: z.array(z.string()).default([]),
});
// What the provider is asked for: plain required fields, which every structured-output dialect accepts.
const outputSchema = z.object({ facts: z.array(z.object({ content: z.string(), source_ids: z.array(z.string()) })) });

// Models rename keys; accept the obvious aliases before validating.
const lenientFact = z.preprocess((v) => {
  if (typeof v === 'string') return { content: v, source_ids: [] };
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return { content: o.content ?? o.fact ?? o.text, source_ids: o.source_ids ?? o.sourceIds ?? o.message_ids ?? o.sources ?? [] };
}, factSchema);

export class LlmDeriver extends LanguageModelEngine implements FactDeriver {
  async derive(input: DeriveInput): Promise<DerivedFact[]> {
    const targets = input.targetMessages.filter((m) => m.peerId === input.observedPeerId);
    if (targets.length === 0) return [];
    const targetIds = new Set(targets.map((m) => m.id));
    const onlyMessage = targets.length === 1 ? targets[0]!.id : null;

    return generateStructured({
      model: this.model,
      engine: this.engine,
      instructions: DERIVER_INSTRUCTIONS,
      prompt: deriverPrompt({ ...input, targetMessages: targets }),
      schema: outputSchema,
      timeoutMs: this.timeoutMs,
      maxOutputTokens: 2_000,
      signal: input.signal,
      salvage: (value) => {
        const parsed = validItems(value, 'facts', lenientFact);
        if (!parsed) return null;
        let dropped = parsed.dropped;
        const facts: DerivedFact[] = [];
        for (const fact of parsed.items) {
          const ids = [...new Set(fact.source_ids.filter((id) => targetIds.has(id)))];
          // With one message in the batch there is only one possible source; otherwise an uncited fact is dropped.
          if (ids.length === 0 && onlyMessage) ids.push(onlyMessage);
          if (ids.length === 0) {
            dropped++;
            continue;
          }
          facts.push({ content: fact.content, sourceMessageIds: ids });
        }
        warnDropped(this.engine, 'facts', dropped);
        return facts;
      },
    });
  }
}
