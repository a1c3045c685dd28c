import 'server-only';
// The dialectic with a language model: one AI SDK tool loop. The model may take up to `iterations` tool-calling
// steps; the step after that is offered no tools, so the loop always ends in an answer and the iteration cap holds
// whatever the model asks for. Only the final answer is yielded: text a model writes alongside tool calls is
// preamble, so a step's text is held back until the step ends without calling a tool (the last, tool-less step is
// streamed as it arrives). With a response_format the whole answer is checked (and repaired) before anything is sent.
import { isStepCount, streamText, type LanguageModel } from 'ai';
import { ModelOutputError } from '@/server/models';
import { toModelCallError } from '@/server/models/model-errors';
import { countTokens } from '../messages/count-tokens';
import type { DialecticPrompt } from './dialectic-prompt';
import { createDialecticTools } from './dialectic-tools';
import type { EvidenceRecorder } from './evidence-recorder';
import type { ReasoningBudget } from './reasoning-budget';
import type { RecallReader } from './recall-reader';
import type { ResponseFormat } from './response-format-subset';
import { conformingJson } from './structured-answer';

/** Tokens kept free per step for the model's own tool-call messages, and for tool definitions. */
const STEP_RESERVE = 300;
const TOOL_DEFINITIONS_RESERVE = 1_500;
const PER_CALL_MAX = 8_000;

export type ModelAnswerInput = {
  model: LanguageModel;
  engine: string;
  prompt: DialecticPrompt;
  reader: RecallReader;
  evidence: EvidenceRecorder;
  budget: ReasoningBudget;
  responseFormat: ResponseFormat | null;
  signal?: AbortSignal;
};

export async function* answerWithModel(input: ModelAnswerInput): AsyncGenerator<string> {
  const { budget, prompt } = input;
  const iterations = budget.iterations;
  const free = budget.maxInputTokens - prompt.tokens - TOOL_DEFINITIONS_RESERVE - iterations * STEP_RESERVE;
  const tools = createDialecticTools({
    reader: input.reader,
    evidence: input.evidence,
    budget: { remaining: Math.max(0, free), perCall: Math.min(PER_CALL_MAX, Math.max(200, Math.floor(free / Math.max(1, iterations)))) },
    searchOnly: budget.searchToolsOnly,
  });
  const structured = input.responseFormat !== null;
  const result = streamText({
    model: input.model,
    instructions: prompt.instructions,
    messages: [{ role: 'user', content: prompt.message }],
    tools,
    stopWhen: isStepCount(iterations + 1),
    prepareStep: ({ stepNumber }) => (stepNumber >= iterations ? { activeTools: [] } : undefined),
    maxOutputTokens: budget.maxOutputTokens,
    abortSignal: input.signal,
  });

  let step = -1;
  let held: string[] = [];
  let calledTool = false;
  let answer = '';
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'start-step') {
        step += 1;
        held = [];
        calledTool = false;
      } else if (part.type === 'text-delta') {
        if (step >= iterations && !structured) {
          answer += part.text;
          if (part.text) yield part.text;
        } else held.push(part.text);
      } else if (part.type === 'tool-call') {
        calledTool = true;
      } else if (part.type === 'finish-step') {
        if (step >= iterations || !calledTool) {
          const text = held.join('');
          answer += text;
          if (!structured && text) yield text;
        }
        held = [];
      } else if (part.type === 'error') {
        throw part.error;
      } else if (part.type === 'abort') {
        throw new DOMException('The chat was aborted', 'AbortError');
      }
    }
  } catch (error) {
    throw toModelCallError(input.engine, error);
  }
  if (answer.trim() === '') throw new ModelOutputError(input.engine, 'the dialectic produced no answer', '');
  if (structured) {
    const json = await conformingJson({
      model: input.model,
      engine: input.engine,
      draft: answer,
      format: input.responseFormat!,
      maxOutputTokens: Math.max(budget.maxOutputTokens, countTokens(answer) * 2),
      signal: input.signal,
    });
    yield* chunked(json);
  }
}

/** A finished text as stream deltas of a few hundred characters. */
export function* chunked(text: string, size = 200): Generator<string> {
  // By code point, so no delta ends inside a surrogate pair.
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i += size) yield chars.slice(i, i + size).join('');
}
