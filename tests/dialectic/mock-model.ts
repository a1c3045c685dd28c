// Scripted AI SDK mock models for the dialectic suites: each model call gets the parts a script returns for it, so
// a test can make the model call tools, stream an answer in pieces, fail mid-answer, or ask for tools forever.
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

export type Step = { text?: string[]; tools?: { name: string; input: Record<string, unknown> }[]; error?: unknown };
export type Script = (call: { index: number; toolNames: string[]; options: LanguageModelV3CallOptions }) => Step;

let callIds = 0;

function parts(step: Step): LanguageModelV3StreamPart[] {
  const out: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if (step.text?.length) {
    out.push({ type: 'text-start', id: 't' });
    for (const delta of step.text) out.push({ type: 'text-delta', id: 't', delta });
    out.push({ type: 'text-end', id: 't' });
  }
  if (step.error !== undefined) {
    out.push({ type: 'error', error: step.error });
    return out;
  }
  for (const call of step.tools ?? []) {
    out.push({ type: 'tool-call', toolCallId: `call-${(callIds += 1)}`, toolName: call.name, input: JSON.stringify(call.input) });
  }
  const finishReason = step.tools?.length ? 'tool-calls' : 'stop';
  out.push({ type: 'finish', usage, finishReason: { unified: finishReason, raw: finishReason } });
  return out;
}

/** A model whose every stream call is answered by `script`; `generate` answers doGenerate calls (repairs). */
export function scriptedModel(script: Script, generate?: (options: LanguageModelV3CallOptions) => string): MockLanguageModelV3 {
  let index = 0;
  return new MockLanguageModelV3({
    doStream: async (options) => {
      const step = script({ index: index++, toolNames: (options.tools ?? []).map((t) => t.name), options });
      const list = parts(step);
      return { stream: new ReadableStream({ start(c) { for (const p of list) c.enqueue(p); c.close(); } }) };
    },
    doGenerate: async (options) => ({
      content: [{ type: 'text', text: generate ? generate(options) : '' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
    }),
  });
}

export function useDialecticModel(model: MockLanguageModelV3 | null): void {
  setModelEnginesForTesting(
    createModelEngines(model ? { languageModels: { dialectic: model } } : {}, {
      llm: { provider: 'local' },
      embedding: { provider: 'local', dimensions: TEST_EMBEDDING_DIMENSIONS },
      timeoutMs: 60_000,
    }),
  );
}

/** Everything the model was sent in one call, as text (tool results included), for confinement assertions. */
export function promptText(model: MockLanguageModelV3, call: number): string {
  return JSON.stringify(model.doStreamCalls[call]?.prompt ?? null);
}
