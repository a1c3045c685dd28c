import 'server-only';
// The offline answerer's structured answer: a JSON value shaped by the caller's response_format and filled from what
// retrieval found. Strings carry the answer text, arrays the facts found, and numbers or booleans a neutral default
// (null where the schema allows it, so nothing is asserted that retrieval did not find). The result is checked
// against the schema before it is sent.
import { conforms, resolveRef } from './schema-validation';
import type { JsonSchema, ResponseFormat } from './response-format-subset';

export type OfflineFill = { answer: string; facts: readonly string[] };

type Build = { format: ResponseFormat; depth: number };

const MAX_BUILD_DEPTH = 24;

export function buildOfflineValue(format: ResponseFormat, fill: OfflineFill): unknown {
  return build(format.root, fill, { format, depth: 0 });
}

function typesOf(schema: Record<string, unknown>): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function build(input: JsonSchema, fill: OfflineFill, ctx: Build): unknown {
  if (ctx.depth > MAX_BUILD_DEPTH) return null;
  const next = { ...ctx, depth: ctx.depth + 1 };
  const schema = resolveRef(input, ctx.format.definitions);
  if (typeof schema === 'boolean') return fill.answer;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) {
    // Prefer a branch that carries what was found (text, lists, objects); where the schema allows null, a number or
    // boolean would only be a made-up default, so null wins over it.
    const candidates = branches
      .filter((branch) => !isNullSchema(branch, ctx))
      .map((branch) => build(branch, fill, next))
      .filter((candidate) => conforms(candidate, ctx.format, schema));
    const informative = candidates.find((c) => typeof c === 'string' || (typeof c === 'object' && c !== null));
    if (informative !== undefined) return informative;
    if (branches.some((branch) => isNullSchema(branch, ctx)) && conforms(null, ctx.format, schema)) return null;
    return candidates[0] ?? null;
  }
  const types = typesOf(schema);
  const nullable = types.includes('null');
  const type = types.find((t) => t !== 'null') ?? (nullable ? 'null' : 'string');
  switch (type) {
    case 'object':
      return buildObject(schema, fill, next);
    case 'array':
      return buildArray(schema, fill, next);
    case 'string':
      return buildString(schema, fill.answer);
    case 'integer':
    case 'number':
      return nullable ? null : clampNumber(schema, type === 'integer');
    case 'boolean':
      return nullable ? null : false;
    default:
      return null;
  }
}

function isNullSchema(schema: JsonSchema, ctx: Build): boolean {
  const resolved = resolveRef(schema, ctx.format.definitions);
  return typeof resolved !== 'boolean' && (resolved.type === 'null' || (Array.isArray(resolved.enum) && resolved.enum.every((v) => v === null)));
}

function buildObject(schema: Record<string, unknown>, fill: OfflineFill, ctx: Build): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    out[key] = build(child, fill, ctx);
  }
  return out;
}

function buildArray(schema: Record<string, unknown>, fill: OfflineFill, ctx: Build): unknown[] {
  const items = (schema.items ?? true) as JsonSchema;
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  // One element per fact found, each built from that fact alone.
  const out = fill.facts.slice(0, max).map((fact) => build(items, { answer: fact, facts: [fact] }, ctx));
  while (out.length < min) out.push(build(items, fill, ctx));
  return out;
}

function buildString(schema: Record<string, unknown>, text: string): string {
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  let out = text;
  const chars = [...out];
  if (typeof schema.maxLength === 'number' && chars.length > schema.maxLength) {
    out = chars.slice(0, Math.max(0, schema.maxLength - 1)).join('') + (schema.maxLength > 0 ? '…' : '');
  }
  if (typeof schema.minLength === 'number') out = out.padEnd(schema.minLength, '.');
  return out;
}

function clampNumber(schema: Record<string, unknown>, integer: boolean): number {
  const step = integer ? 1 : 1e-6;
  let low = -Infinity;
  let high = Infinity;
  if (typeof schema.minimum === 'number') low = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') low = Math.max(low, schema.exclusiveMinimum + step);
  if (typeof schema.maximum === 'number') high = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number') high = Math.min(high, schema.exclusiveMaximum - step);
  let value = Math.min(Math.max(0, low), high);
  if (integer) value = value >= 0 ? Math.ceil(value) : Math.floor(value);
  return value;
}
