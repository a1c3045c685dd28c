import 'server-only';
// Short and long session summaries with a language model. An empty answer is an error (docs/api.md#s5-4: empty
// generations are not stored), so the work item fails visibly instead of saving nothing as a summary.
import { generateText } from 'ai';
import type { Summariser, SummaryInput } from '../engine-types';
import { ModelOutputError, toModelCallError } from '../model-errors';
import { stripReasoning } from './json-repair';
import { SUMMARY_INSTRUCTIONS, SUMMARY_MAX_OUTPUT_TOKENS, summaryPrompt } from './summary-prompt';
import { LanguageModelEngine } from './language-model-engine';

function cleanSummary(text: string): string {
  return stripReasoning(text)
    .replace(/^```(?:\w+)?\s*\n?([\s\S]*?)\n?```$/, '$1')
    .replace(/^(?:here is|here's) (?:the|an?) (?:updated )?summary[^:\n]*:\s*/i, '')
    .replace(/^\s*(?:#+\s*)?summary:?\s*\n/i, '')
    .trim();
}

export class LlmSummariser extends LanguageModelEngine implements Summariser {
  async summarise(input: SummaryInput): Promise<string> {
    let raw: string;
    try {
      const result = await generateText({
        model: this.model,
        instructions: SUMMARY_INSTRUCTIONS[input.kind],
        prompt: summaryPrompt(input),
        maxOutputTokens: SUMMARY_MAX_OUTPUT_TOKENS[input.kind],
        maxRetries: 0,
        timeout: this.timeoutMs,
        abortSignal: input.signal,
        temperature: 0.2,
      });
      raw = result.text;
    } catch (error) {
      throw toModelCallError(this.engine, error);
    }
    const summary = cleanSummary(raw);
    if (!summary) throw new ModelOutputError(this.engine, 'empty summary', raw);
    return summary;
  }
}
