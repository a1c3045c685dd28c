import 'server-only';
// Every language model call of a task goes through this wrapper (model-engines.ts applies it once per task), so
// tokens and outcomes are recorded in one place whichever code path — deriver, summary, dream, dialectic, streamed
// or not — made the call.
import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { wrapLanguageModel, type LanguageModel, type LanguageModelMiddleware } from 'ai';
import type { ModelTask } from '@/server/models/engine-types';
import { metrics } from './metrics';

export type ModelCallRecord = { task: ModelTask; inputTokens: number; outputTokens: number; ok: boolean };

function record(task: ModelTask, usage: LanguageModelV4Usage | undefined, ok: boolean): void {
  const m = metrics();
  m.modelCalls.labels(task, ok ? 'ok' : 'error').inc();
  if (!usage) return;
  m.modelTokens.labels(task, 'input').inc(usage.inputTokens.total ?? 0);
  m.modelTokens.labels(task, 'output').inc(usage.outputTokens.total ?? 0);
}

function middlewareFor(task: ModelTask): LanguageModelMiddleware {
  return {
    specificationVersion: 'v4',
    async wrapGenerate({ doGenerate }) {
      try {
        const result = await doGenerate();
        record(task, result.usage, true);
        return result;
      } catch (error) {
        record(task, undefined, false);
        throw error;
      }
    },
    async wrapStream({ doStream }) {
      let result;
      try {
        result = await doStream();
      } catch (error) {
        record(task, undefined, false);
        throw error;
      }
      // The usage arrives with the stream's finish part; a stream that errors or ends without one counts as failed.
      let settled = false;
      const settle = (usage: LanguageModelV4Usage | undefined, ok: boolean) => {
        if (settled) return;
        settled = true;
        record(task, usage, ok);
      };
      const observer = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          if (part.type === 'finish') settle(part.usage, true);
          else if (part.type === 'error') settle(undefined, false);
          controller.enqueue(part);
        },
        flush() {
          settle(undefined, false);
        },
      });
      return { ...result, stream: result.stream.pipeThrough(observer) };
    },
  };
}

/** The model with its calls recorded under `task`; a gateway model id (a plain string) is returned as it is. */
export function observedLanguageModel(model: LanguageModel, task: ModelTask): LanguageModel {
  if (typeof model === 'string') return model;
  return wrapLanguageModel({ model, middleware: middlewareFor(task) });
}
