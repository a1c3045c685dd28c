import 'server-only';
// Dreams with a language model: one structured call per dream (omni or card_refresh), validated against the input
// so the worker never applies an id the view does not hold.
import type { DreamInput, DreamOutput, Dreamer } from '../engine-types';
import { cardOnlySchema, dreamSchema, salvageDream } from './dream-output';
import { CARD_ONLY_INSTRUCTIONS, DREAM_INSTRUCTIONS, dreamPrompt } from './dream-prompt';
import { warnDropped } from './json-repair';
import { generateStructured } from './structured-call';
import { LanguageModelEngine } from './language-model-engine';

export class LlmDreamer extends LanguageModelEngine implements Dreamer {
  async dream(input: DreamInput): Promise<DreamOutput> {
    const cardOnly = input.mode === 'card_refresh';
    return generateStructured<DreamOutput>({
      model: this.model,
      engine: this.engine,
      instructions: cardOnly ? CARD_ONLY_INSTRUCTIONS : DREAM_INSTRUCTIONS,
      prompt: dreamPrompt(input),
      // The provider sees a snake_case shape; salvage maps it to DreamOutput.
      schema: cardOnly ? cardOnlySchema : dreamSchema,
      timeoutMs: this.timeoutMs,
      maxOutputTokens: 4_000,
      signal: input.signal,
      salvage: (value) => {
        const result = salvageDream(value, input);
        if (!result) return null;
        warnDropped(this.engine, 'dream items', result.dropped);
        return result.output;
      },
    });
  }
}
