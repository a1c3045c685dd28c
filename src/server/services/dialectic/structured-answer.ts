import 'server-only';
// Turns the model's answer into the JSON document a response_format asks for. The draft is parsed leniently (code
// fences, prose around the object) and checked against the schema; a draft that does not conform gets one repair call
// with structured output (falling back to plain JSON mode for providers that refuse the schema). What is sent always
// conforms: if it cannot be made to, the request fails rather than returning invalid JSON.
import { APICallError, generateText, jsonSchema, Output, type LanguageModel } from 'ai';
import { ModelOutputError } from '@/server/models';
import { toModelCallError } from '@/server/models/model-errors';
import type { ResponseFormat } from './response-format-subset';
import { schemaErrors } from './schema-validation';

/** The JSON value in a model's text, or undefined when there is none. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  const candidates = [fenced?.[1] ?? trimmed];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // Try the next reading.
    }
  }
  return undefined;
}

export async function conformingJson(options: {
  model: LanguageModel;
  engine: string;
  draft: string;
  format: ResponseFormat;
  maxOutputTokens: number;
  signal?: AbortSignal;
}): Promise<string> {
  const { draft, format } = options;
  const parsed = extractJson(draft);
  const problems = parsed === undefined ? ['the answer is not a JSON document'] : schemaErrors(parsed, format);
  if (problems.length === 0) return JSON.stringify(parsed);

  const repaired = await repair(options, problems);
  const value = extractJson(repaired);
  const remaining = value === undefined ? ['the answer is not a JSON document'] : schemaErrors(value, format);
  if (remaining.length > 0) {
    throw new ModelOutputError(options.engine, `structured answer does not match response_format (${remaining.join('; ')})`, repaired);
  }
  return JSON.stringify(value);
}

async function repair(options: Parameters<typeof conformingJson>[0], problems: string[]): Promise<string> {
  const prompt = [
    'Rewrite this answer as a JSON document that conforms to the JSON Schema below. Keep its facts; add none.',
    `Problems with the current answer: ${problems.join('; ')}`,
    `Answer:\n${options.draft}`,
    `JSON Schema:\n${JSON.stringify(options.format.root)}`,
  ].join('\n\n');
  const call = (output: ReturnType<typeof Output.json>) =>
    generateText({
      model: options.model,
      instructions: 'You convert answers into JSON documents. Reply with JSON only.',
      prompt,
      output,
      maxOutputTokens: options.maxOutputTokens,
      abortSignal: options.signal,
    });
  try {
    try {
      return (await call(Output.object({ schema: jsonSchema(options.format.root) }) as ReturnType<typeof Output.json>)).text;
    } catch (error) {
      // A provider that rejects the schema itself (strict-mode limits) still understands plain JSON mode.
      if (!APICallError.isInstance(error) || error.statusCode !== 400) throw error;
      return (await call(Output.json())).text;
    }
  } catch (error) {
    if (error instanceof Error && 'text' in error && typeof error.text === 'string') return error.text;
    throw toModelCallError(options.engine, error);
  }
}
