import 'server-only';
// One dialectic answer, after every validation and existence check has passed (so nothing here can turn into a 4xx):
// the configured language model's tool loop, or the offline retrieval-grounded answerer when none is configured.
// Both yield the answer as text deltas, which the caller either collects into one JSON body or streams as SSE.
import type { ReasoningLevel, WireEvidence } from '@/contracts/chat';
import { getDb, type Db } from '@/server/db/client';
import { getModelEngines, ModelOutputError, type ModelEngines } from '@/server/models';
import { metrics } from '@/server/observability/metrics';
import { buildDialecticPrompt } from './dialectic-prompt';
import { EvidenceRecorder } from './evidence-recorder';
import { answerWithModel, chunked } from './model-answer';
import { composeOfflineAnswer } from './offline-answer';
import { buildOfflineValue } from './offline-json-value';
import { reasoningBudget } from './reasoning-budget';
import { RecallReader } from './recall-reader';
import type { RecallScope } from './recall-scope';
import type { ResponseFormat } from './response-format-subset';
import { schemaErrors } from './schema-validation';

export type ChatPlan = {
  recall: RecallScope;
  question: string;
  stream: boolean;
  level: ReasoningLevel;
  responseFormat: ResponseFormat | null;
  includeEvidence: boolean;
  /** Effective `peer_card.use` (session ← workspace ← default true). */
  useCard: boolean;
};

export type ChatRun = {
  readonly plan: ChatPlan;
  /** The answer as text deltas; evidence is complete once this has finished. */
  deltas(signal?: AbortSignal): AsyncGenerator<string>;
  evidence(): Promise<WireEvidence>;
};

export function startChat(plan: ChatPlan, db: Db = getDb(), engines: ModelEngines = getModelEngines()): ChatRun {
  metrics().dialecticCalls.labels(plan.level).inc();
  const evidence = new EvidenceRecorder();
  const reader = new RecallReader(db, plan.recall, evidence);
  return {
    plan,
    evidence: () => evidence.toWire(db),
    async *deltas(signal) {
      const model = engines.dialecticModel;
      if (!model) {
        yield* offlineDeltas(reader, plan);
        return;
      }
      const budget = reasoningBudget(plan.level);
      const prompt = await buildDialecticPrompt({
        db,
        reader,
        question: plan.question,
        useCard: plan.useCard,
        maxInputTokens: budget.maxInputTokens,
        responseFormat: plan.responseFormat,
      });
      signal?.throwIfAborted();
      yield* answerWithModel({
        model,
        engine: engines.describe().dialectic,
        prompt,
        reader,
        evidence,
        budget,
        responseFormat: plan.responseFormat,
        signal,
      });
    },
  };
}

async function* offlineDeltas(reader: RecallReader, plan: ChatPlan): AsyncGenerator<string> {
  const answer = await composeOfflineAnswer(reader, plan.question);
  if (!plan.responseFormat) {
    // Line by line, so a streaming client sees the answer arrive in pieces as it would from a model.
    const lines = answer.text.split('\n');
    for (let i = 0; i < lines.length; i += 1) yield i < lines.length - 1 ? `${lines[i]}\n` : lines[i]!;
    return;
  }
  const value = buildOfflineValue(plan.responseFormat, { answer: answer.text, facts: answer.facts });
  const problems = schemaErrors(value, plan.responseFormat);
  if (problems.length > 0) {
    throw new ModelOutputError('local:retrieval-answerer', `cannot fill response_format (${problems.join('; ')})`, JSON.stringify(value));
  }
  yield* chunked(JSON.stringify(value));
}

/** The non-streaming body: `{"content": …}` plus `evidence` when it was asked for. */
export async function collectChatResponse(run: ChatRun, signal?: AbortSignal): Promise<{ content: string | null; evidence?: WireEvidence }> {
  let content = '';
  for await (const delta of run.deltas(signal)) content += delta;
  const body: { content: string | null; evidence?: WireEvidence } = { content: content === '' ? null : content };
  if (run.plan.includeEvidence) body.evidence = await run.evidence();
  return body;
}
