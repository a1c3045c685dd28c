import 'server-only';
// Checks a JSON value against a response_format already inside the accepted subset (response-format-subset.ts), so a
// chat answer is only sent when it conforms. The constraint keywords the contract calls hints (lengths, bounds,
// pattern, const) are checked too: the SDK validates Zod schemas client-side, and an answer it would reject is no
// better than invalid JSON.
import { refTarget, type JsonSchema, type ResponseFormat } from './response-format-subset';

const MAX_REPORTED = 5;

type Ctx = { definitions: Record<string, JsonSchema>; errors: string[] };

/** Problems of `value` against the schema, `[]` when it conforms. */
export function schemaErrors(value: unknown, format: ResponseFormat): string[] {
  const ctx: Ctx = { definitions: format.definitions, errors: [] };
  check(value, format.root, '$', ctx);
  return ctx.errors.slice(0, MAX_REPORTED);
}

export function conforms(value: unknown, format: ResponseFormat, schema: JsonSchema = format.root): boolean {
  const ctx: Ctx = { definitions: format.definitions, errors: [] };
  check(value, schema, '$', ctx);
  return ctx.errors.length === 0;
}

/** The schema a `$ref` node stands for (other keywords beside `$ref` still apply to the node itself). */
export function resolveRef(schema: JsonSchema, definitions: Record<string, JsonSchema>): JsonSchema {
  if (typeof schema === 'boolean' || !('$ref' in schema)) return schema;
  return definitions[refTarget(schema.$ref)] ?? true;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: unknown): boolean {
  const actual = typeOf(value);
  const allowed = Array.isArray(type) ? type : [type];
  return allowed.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function check(value: unknown, schema: JsonSchema, at: string, ctx: Ctx): void {
  const fail = (message: string) => ctx.errors.push(`${at}: ${message}`);
  if (schema === false) return void fail('no value is allowed here');
  if (schema === true) return;
  if ('$ref' in schema) check(value, resolveRef(schema, ctx.definitions), at, ctx);
  if (schema.type !== undefined && !typeMatches(value, schema.type)) return void fail(`expected ${JSON.stringify(schema.type)}, got ${typeOf(value)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => option === value)) return void fail(`must be one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return void fail(`must be ${JSON.stringify(schema.const)}`);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const matching = branches.filter((branch) => branchConforms(value, branch as JsonSchema, ctx)).length;
    if (matching === 0) fail(`matches none of the ${key} alternatives`);
    else if (key === 'oneOf' && matching > 1) fail('matches more than one oneOf alternative');
  }
  if (typeof value === 'string') checkString(value, schema, fail);
  if (typeof value === 'number') checkNumber(value, schema, fail);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`needs at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`allows at most ${schema.maxItems} items`);
    if (schema.items !== undefined) value.forEach((item, i) => check(item, schema.items as JsonSchema, `${at}[${i}]`, ctx));
  }
  if (typeOf(value) === 'object') checkObject(value as Record<string, unknown>, schema, at, ctx);
}

function branchConforms(value: unknown, branch: JsonSchema, ctx: Ctx): boolean {
  const inner: Ctx = { definitions: ctx.definitions, errors: [] };
  check(value, branch, '$', inner);
  return inner.errors.length === 0;
}

function checkObject(value: Record<string, unknown>, schema: Record<string, unknown>, at: string, ctx: Ctx): void {
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const key of required) if (!(key in value)) ctx.errors.push(`${at}.${key}: required property is missing`);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, child] of Object.entries(properties)) {
    if (key in value) check(value[key], child, `${at}.${key}`, ctx);
  }
}

function checkString(value: string, schema: Record<string, unknown>, fail: (m: string) => void): void {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`needs at least ${schema.minLength} characters`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`allows at most ${schema.maxLength} characters`);
  if (typeof schema.pattern === 'string') {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      // A pattern JavaScript cannot compile is a hint nobody can check; it is not held against the answer.
    }
    if (pattern && !pattern.test(value)) fail(`must match ${schema.pattern}`);
  }
}

function checkNumber(value: number, schema: Record<string, unknown>, fail: (m: string) => void): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail(`must be > ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) fail(`must be < ${schema.exclusiveMaximum}`);
}
