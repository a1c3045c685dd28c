import 'server-only';
// Every language model call of a task goes through this wrapper (model-engines.ts applies it once per task), so
// tokens, outcomes and a span are recorded in one place whichever code path — deriver, summary, dream, dialectic,
// streamed or not — made the call. The same place feeds the per-workspace usage roll-ups (docs/operations.md#usage),
// attributed to the workspace of the request or worker run the call started in. The span follows the OpenTelemetry GenAI conventions (model, provider, tokens in
// and out, finish reason) and never carries prompts or answers: those are what users wrote.
import type { LanguageModelV4CallOptions, LanguageModelV4FinishReason, LanguageModelV4StreamPart, LanguageModelV4Usage } from '@ai-sdk/provider';
import { wrapLanguageModel, type LanguageModel, type LanguageModelMiddleware } from 'ai';
import type { ModelTask } from '@/server/models/engine-types';
import { currentUsageScope } from '@/server/services/usage/usage-scope';
import { usageTally } from '@/server/services/usage/usage-recorder';
import { metrics } from './metrics';
import { SpanKind, SpanStatusCode, tracer } from './spans';

type Outcome = { usage?: LanguageModelV4Usage; finishReason?: LanguageModelV4FinishReason; error?: unknown };

function startCallSpan(task: ModelTask, model: { provider: string; modelId: string }, params: LanguageModelV4CallOptions) {
  const span = tracer().startSpan(`chat ${model.modelId}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': model.provider,
      'gen_ai.request.model': model.modelId,
      ...(params.maxOutputTokens !== undefined ? { 'gen_ai.request.max_tokens': params.maxOutputTokens } : {}),
      ...(params.temperature !== undefined ? { 'gen_ai.request.temperature': params.temperature } : {}),
      'rapport.model.task': task,
    },
  });
  // Read now, while the caller's context is current: a stream's finish part arrives in whatever context reads it.
  const scope = currentUsageScope();
  return (outcome: Outcome) => {
    const ok = outcome.error === undefined && outcome.usage !== undefined;
    const m = metrics();
    m.modelCalls.labels(task, ok ? 'ok' : 'error').inc();
    const input = outcome.usage?.inputTokens.total ?? 0;
    const output = outcome.usage?.outputTokens.total ?? 0;
    if (outcome.usage) {
      m.modelTokens.labels(task, 'input').inc(input);
      m.modelTokens.labels(task, 'output').inc(output);
      span.setAttributes({ 'gen_ai.usage.input_tokens': input, 'gen_ai.usage.output_tokens': output });
    }
    usageTally().recordModelCall(scope, { task, model: model.modelId, inputTokens: input, outputTokens: output, ok });
    if (outcome.finishReason) span.setAttribute('gen_ai.response.finish_reasons', [outcome.finishReason.unified]);
    if (!ok) {
      const error = outcome.error;
      span.setAttribute('error.type', error instanceof Error ? error.name : 'incomplete');
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
}

function middlewareFor(task: ModelTask): LanguageModelMiddleware {
  return {
    specificationVersion: 'v4',
    async wrapGenerate({ doGenerate, params, model }) {
      const finish = startCallSpan(task, model, params);
      try {
        const result = await doGenerate();
        finish({ usage: result.usage, finishReason: result.finishReason });
        return result;
      } catch (error) {
        finish({ error });
        throw error;
      }
    },
    async wrapStream({ doStream, params, model }) {
      const finish = startCallSpan(task, model, params);
      let result;
      try {
        result = await doStream();
      } catch (error) {
        finish({ error });
        throw error;
      }
      // The usage arrives with the stream's finish part; a stream that errors or ends without one counts as failed.
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        finish(outcome);
      };
      const observer = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          if (part.type === 'finish') settle({ usage: part.usage, finishReason: part.finishReason });
          else if (part.type === 'error') settle({ error: part.error });
          controller.enqueue(part);
        },
        flush() {
          settle({ error: new Error('stream ended without a finish part') });
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

/**
 * An embedding batch's tokens, for the usage roll-ups. Embedding calls do not go through the language-model wrapper
 * (there is no generate or stream to wrap), so the embedder reports each batch here.
 */
export function recordEmbeddingCall(model: string, tokens: number, ok: boolean): void {
  usageTally().recordModelCall(currentUsageScope(), { task: 'embedding', model, inputTokens: tokens, outputTokens: 0, ok });
}
