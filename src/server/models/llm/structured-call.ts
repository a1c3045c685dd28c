import 'server-only';
// One model call that must yield JSON. Structured output first (the provider enforces the schema); when the model
// answers with something the schema rejects, its raw text is repaired instead of discarded; when the provider
// refuses schemas altogether, the same prompt (which spells out the JSON shape) is sent as plain text.
import { APICallError, generateText, NoObjectGeneratedError, Output, UnsupportedFunctionalityError, type LanguageModel } from 'ai';
import type { z } from 'zod';
import { ModelOutputError, toModelCallError } from '../model-errors';
import { extractJson } from './json-repair';

export type StructuredCall<T> = {
  model: LanguageModel;
  engine: string;
  instructions: string;
  prompt: string;
  /** The strict schema offered to the provider; its output goes through `salvage` like any repaired answer. */
  schema: z.ZodType;
  /** Turns any parsed JSON into the result, dropping invalid parts; returns null when nothing usable is there. */
  salvage: (value: unknown) => T | null;
  timeoutMs: number;
  maxOutputTokens: number;
  signal?: AbortSignal;
};

// Failures that mean "this provider does not do schemas", not "this request is broken": worth one plain retry.
function rejectsSchemas(error: unknown): boolean {
  if (UnsupportedFunctionalityError.isInstance(error)) return true;
  if (!APICallError.isInstance(error)) return false;
  return error.statusCode === 400 || error.statusCode === 422 || error.statusCode === 501;
}

async function plainText<T>(call: StructuredCall<T>): Promise<string> {
  try {
    const result = await generateText({
      model: call.model,
      instructions: call.instructions,
      prompt: call.prompt,
      maxOutputTokens: call.maxOutputTokens,
      maxRetries: 0,
      timeout: call.timeoutMs,
      abortSignal: call.signal,
      temperature: 0,
    });
    return result.text;
  } catch (error) {
    throw toModelCallError(call.engine, error);
  }
}

function repaired<T>(call: StructuredCall<T>, raw: string): T {
  if (!raw.trim()) throw new ModelOutputError(call.engine, 'empty answer', raw);
  const json = extractJson(raw);
  const value = json === undefined ? null : call.salvage(json);
  if (value === null) throw new ModelOutputError(call.engine, 'answer is not the requested JSON', raw);
  return value;
}

export async function generateStructured<T>(call: StructuredCall<T>): Promise<T> {
  try {
    const result = await generateText({
      model: call.model,
      instructions: call.instructions,
      prompt: call.prompt,
      output: Output.object({ schema: call.schema }),
      maxOutputTokens: call.maxOutputTokens,
      // Retries belong to the work queue (backoff, attempt counts, visible failures), not to this call.
      maxRetries: 0,
      timeout: call.timeoutMs,
      abortSignal: call.signal,
      temperature: 0,
    });
    // The schema held; salvage still applies the checks a schema cannot express (ids that exist, limits).
    const value = call.salvage(result.output);
    if (value === null) throw new ModelOutputError(call.engine, 'answer does not match the request', JSON.stringify(result.output));
    return value;
  } catch (error) {
    if (error instanceof ModelOutputError) throw error;
    if (NoObjectGeneratedError.isInstance(error)) return repaired(call, error.text ?? '');
    if (rejectsSchemas(error)) return repaired(call, await plainText(call));
    throw toModelCallError(call.engine, error);
  }
}
