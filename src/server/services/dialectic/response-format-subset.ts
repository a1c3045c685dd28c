import 'server-only';
// The JSON Schema subset chat accepts as `response_format` (docs/api.md#s3-11). Everything outside it is refused up
// front with `422 Invalid response_format: <reason>`, so the answer loop only ever has to satisfy schemas that both a
// provider's structured output and Rapport's own validator understand. Zod's `z.toJSONSchema` output (with `$schema`
// and `additionalProperties: false`) is inside the subset.
import { InvalidInputError } from '../errors';

export type JsonSchema = Record<string, unknown> | boolean;

/** A checked schema: the root plus the definitions `$ref`s may point into. */
export type ResponseFormat = { root: Record<string, unknown>; definitions: Record<string, JsonSchema> };

const MAX_DEPTH = 20;
const MAX_NODES = 500;
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const FORBIDDEN = ['allOf', 'not', 'if', 'then', 'else', 'patternProperties'] as const;
const REF = /^#\/(\$defs|definitions)\/([^/]+)$/;

class Refusal extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** Returns the definition name a `$ref` points to, or refuses the reference. */
export function refTarget(ref: unknown): string {
  if (typeof ref !== 'string') refuse('$ref must be a string');
  if (!ref.startsWith('#')) refuse(`external $ref ${ref} is not supported`);
  if (ref === '#') refuse('recursive $ref # is not supported');
  const match = REF.exec(ref);
  if (!match) refuse(`$ref ${ref} must point into the root $defs or definitions`);
  try {
    return decodeURIComponent(match[2]!.replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return refuse(`$ref ${ref} is not a valid JSON pointer`);
  }
}

/** Validates `value` as a response_format; throws a 422 (`Invalid response_format: …`) when it is outside the subset. */
export function checkResponseFormat(value: unknown): ResponseFormat {
  try {
    return check(value);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const detail = `Invalid response_format: ${error.message}`;
    throw new InvalidInputError([{ path: 'body.response_format', message: detail }], detail);
  }
}

function check(value: unknown): ResponseFormat {
  if (!isObject(value)) refuse('must be a JSON Schema object');
  if (value.type !== 'object') refuse('the root schema must have "type": "object"');
  const definitions: Record<string, JsonSchema> = {};
  for (const key of ['$defs', 'definitions'] as const) {
    const defs = value[key];
    if (defs === undefined) continue;
    if (!isObject(defs)) refuse(`${key} must be an object of schemas`);
    Object.assign(definitions, defs);
  }
  let nodes = 0;
  const visit = (schema: unknown, at: string) => {
    nodes += 1;
    if (nodes > MAX_NODES) refuse(`more than ${MAX_NODES} schema nodes`);
    for (const [child, path] of checkNode(schema, at, definitions)) visit(child, path);
  };
  visit(value, '#');
  for (const [name, schema] of Object.entries(definitions)) visit(schema, `#/$defs/${name}`);
  const meter = new DepthMeter(definitions);
  for (const name of Object.keys(definitions)) meter.definitionDepth(name);
  if (meter.depth(value) > MAX_DEPTH) refuse(`nesting deeper than ${MAX_DEPTH} levels`);
  return { root: value, definitions };
}

/** Checks one schema node's own keywords and returns its sub-schemas with their locations. */
function checkNode(schema: unknown, at: string, definitions: Record<string, JsonSchema>): [unknown, string][] {
  if (typeof schema === 'boolean') return [];
  if (!isObject(schema)) refuse(`${at} is not a schema`);
  for (const key of FORBIDDEN) if (key in schema) refuse(`${key} is not supported (at ${at})`);
  if ('additionalProperties' in schema && typeof schema.additionalProperties !== 'boolean') {
    refuse(`schema-valued additionalProperties is not supported (at ${at})`);
  }
  checkType(schema.type, at);
  checkEnum(schema.enum, at);
  if ('$ref' in schema && !(refTarget(schema.$ref) in definitions)) refuse(`$ref ${String(schema.$ref)} points to a missing definition`);
  if ('required' in schema && !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string'))) {
    refuse(`required must be an array of property names (at ${at})`);
  }
  return subschemas(schema, at);
}

/** The sub-schemas the subset knows: properties, items, anyOf/oneOf branches. */
export function subschemas(schema: Record<string, unknown>, at = '#'): [unknown, string][] {
  const children: [unknown, string][] = [];
  if ('properties' in schema) {
    if (!isObject(schema.properties)) refuse(`properties must be an object (at ${at})`);
    for (const [key, child] of Object.entries(schema.properties)) children.push([child, `${at}/properties/${key}`]);
  }
  if ('items' in schema) {
    if (Array.isArray(schema.items)) refuse(`tuple items are not supported (at ${at})`);
    children.push([schema.items, `${at}/items`]);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!(key in schema)) continue;
    const branches = schema[key];
    if (!Array.isArray(branches) || branches.length === 0) refuse(`${key} must be a non-empty array (at ${at})`);
    branches.forEach((branch, i) => children.push([branch, `${at}/${key}/${i}`]));
  }
  return children;
}

/** Nesting depth with every `$ref` expanded in place; a reference back into its own chain is recursion. */
class DepthMeter {
  private memo = new Map<string, number>();
  private visiting = new Set<string>();

  constructor(private readonly definitions: Record<string, JsonSchema>) {}

  depth(schema: unknown): number {
    if (!isObject(schema)) return 1;
    let deepest = 1;
    if ('$ref' in schema) deepest = this.definitionDepth(refTarget(schema.$ref));
    for (const [child] of subschemas(schema)) deepest = Math.max(deepest, 1 + this.depth(child));
    return deepest;
  }

  definitionDepth(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    if (this.visiting.has(name)) refuse(`recursive $ref to ${name} is not supported`);
    this.visiting.add(name);
    const depth = this.depth(this.definitions[name]);
    this.visiting.delete(name);
    this.memo.set(name, depth);
    return depth;
  }
}

function checkType(type: unknown, at: string): void {
  if (type === undefined) return;
  const list = Array.isArray(type) ? type : [type];
  if (list.length === 0 || !list.every((t) => typeof t === 'string' && TYPES.has(t))) refuse(`unknown type ${JSON.stringify(type)} (at ${at})`);
}

function checkEnum(values: unknown, at: string): void {
  if (values === undefined) return;
  if (!Array.isArray(values) || values.length === 0) refuse(`enum must be a non-empty array (at ${at})`);
  for (const v of values) {
    const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
    if (!ok) refuse(`enum values must be strings, integers, booleans or null (at ${at})`);
  }
}
