import 'server-only';
// Recovers JSON from answers of models that ignore response formats: reasoning blocks, code fences, chatty
// preambles, trailing commas. Then validates item by item, so one malformed item costs that item, not the batch.
import { z } from 'zod';
import { logger } from '@/server/observability/logger';

/** Removes reasoning blocks that some open models (DeepSeek-R1, Qwen) print before the answer. */
export function stripReasoning(text: string): string {
  return text.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '').trim();
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Trailing commas are the most common hand-written-JSON slip.
      return JSON.parse(text.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** End index (exclusive) of the balanced JSON value starting at `start`, honouring strings; -1 if unbalanced. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push(ch === '{' ? '}' : ']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** The first JSON object or array found in a model answer, or undefined. */
export function extractJson(raw: string): unknown {
  const text = stripReasoning(raw);
  if (!text) return undefined;
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  for (const candidate of fenced ? [fenced[1]!.trim(), text] : [text]) {
    const whole = tryParse(candidate);
    if (whole !== undefined && typeof whole === 'object' && whole !== null) return whole;
    for (let i = 0; i < candidate.length; i++) {
      if (candidate[i] !== '{' && candidate[i] !== '[') continue;
      const end = balancedEnd(candidate, i);
      if (end === -1) continue;
      const value = tryParse(candidate.slice(i, end));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * The array under `key` (or the value itself when the model answered with a bare array), each element validated
 * with `item`. Invalid elements are dropped and counted; null when there is no such array at all.
 */
export function validItems<T>(value: unknown, key: string, item: z.ZodType<T>): { items: T[]; dropped: number } | null {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as Record<string, unknown>)[key])
      ? ((value as Record<string, unknown>)[key] as unknown[])
      : null;
  if (!list) return null;
  const items: T[] = [];
  let dropped = 0;
  for (const element of list) {
    const parsed = item.safeParse(element);
    if (parsed.success) items.push(parsed.data);
    else dropped++;
  }
  return { items, dropped };
}

/** Invalid items are dropped, not fatal; operators still see in the logs how many a model answer lost. */
export function warnDropped(engine: string, what: string, dropped: number): void {
  if (dropped > 0) logger().warn({ engine, dropped, what }, 'dropped invalid items from the model answer');
}
