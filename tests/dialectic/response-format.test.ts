// The response_format subset of docs/api.md#s3-11: what is accepted (including every shape Zod's toJSONSchema emits
// for the schemas SDK users write), what is refused with `Invalid response_format: <reason>`, how answers are checked
// against it, and the offline answerer's schema-shaped values.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError } from '@/server/services/errors';
import { buildOfflineValue } from '@/server/services/dialectic/offline-json-value';
import { checkResponseFormat } from '@/server/services/dialectic/response-format-subset';
import { schemaErrors } from '@/server/services/dialectic/schema-validation';
import { extractJson } from '@/server/services/dialectic/structured-answer';

function refusal(schema: unknown): string {
  try {
    checkResponseFormat(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const detail = (error as InvalidInputError).detail!;
    expect(detail).toMatch(/^Invalid response_format: /);
    expect((error as InvalidInputError).issues).toEqual([{ path: 'body.response_format', message: detail }]);
    return detail.slice('Invalid response_format: '.length);
  }
  throw new Error(`accepted ${JSON.stringify(schema)}`);
}

const obj = (extra: Record<string, unknown>) => ({ type: 'object', ...extra });

describe('accepted schemas', () => {
  const zodSchemas = {
    'nested object with optional and nullable fields': z.object({
      name: z.string().min(1).max(40),
      age: z.number().int().min(0).nullable(),
      nickname: z.string().optional(),
      address: z.object({ city: z.string(), zip: z.string().regex(/^\d{4}$/) }),
    }),
    'arrays, enums, literals and defaults': z.object({
      tags: z.array(z.string()).max(5),
      mood: z.enum(['happy', 'sad']),
      kind: z.literal('person'),
      score: z.number().default(1).describe('a score'),
    }),
    'unions and discriminated unions': z.object({
      value: z.union([z.string(), z.number(), z.null()]),
      shape: z.discriminatedUnion('type', [z.object({ type: z.literal('a'), a: z.string() }), z.object({ type: z.literal('b'), b: z.boolean() })]),
    }),
    'strict object, email and datetime formats': z.strictObject({ email: z.email(), when: z.iso.datetime() }),
  };
  for (const [label, schema] of Object.entries(zodSchemas)) {
    it(`accepts Zod's JSON Schema for ${label}`, () => {
      const json = z.toJSONSchema(schema);
      expect(json.$schema).toBeDefined();
      expect(checkResponseFormat(json).root).toBe(json);
    });
  }

  it('accepts type lists, int/bool/null enums, boolean additionalProperties and non-recursive $defs references', () => {
    const schema = obj({
      title: 'Answer',
      description: 'd',
      properties: {
        a: { type: ['string', 'null'] },
        b: { enum: [1, true, null, 'x'] },
        c: { $ref: '#/$defs/Item' },
        d: { type: 'array', items: { $ref: '#/definitions/Other' } },
        e: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'integer', minimum: 0 }] },
      },
      required: ['a'],
      additionalProperties: true,
      $defs: { Item: obj({ properties: { inner: { $ref: '#/$defs/Leaf' } } }), Leaf: { type: 'string' } },
      definitions: { Other: { type: 'boolean' } },
    });
    expect(checkResponseFormat(schema).definitions).toHaveProperty('Leaf');
  });
});

describe('refused schemas', () => {
  it('refuses a non-object root, including Zod primitives', () => {
    expect(refusal({ type: 'string' })).toBe('the root schema must have "type": "object"');
    expect(refusal(z.toJSONSchema(z.string()))).toBe('the root schema must have "type": "object"');
    expect(refusal(z.toJSONSchema(z.array(z.string())))).toBe('the root schema must have "type": "object"');
    expect(refusal('{"type":"object"}')).toBe('must be a JSON Schema object');
    expect(refusal([{ type: 'object' }])).toBe('must be a JSON Schema object');
  });

  it.each([
    ['allOf', obj({ allOf: [{ type: 'object' }] }), /allOf is not supported/],
    ['not', obj({ properties: { a: { not: { type: 'string' } } } }), /not is not supported/],
    ['if/then/else', obj({ if: { type: 'object' }, then: {}, else: {} }), /if is not supported/],
    ['patternProperties', obj({ patternProperties: { '^x': { type: 'string' } } }), /patternProperties/],
    ['schema-valued additionalProperties', obj({ additionalProperties: { type: 'string' } }), /schema-valued additionalProperties/],
    ['external $ref', obj({ properties: { a: { $ref: 'https://example.com/s.json' } } }), /external \$ref/],
    ['a $ref outside $defs', obj({ properties: { a: { $ref: '#/properties/b' }, b: {} } }), /root \$defs or definitions/],
    ['a malformed $ref pointer', obj({ properties: { a: { $ref: '#/$defs/%E0%A4%A' } } }), /not a valid JSON pointer/],
    ['a $ref to a missing definition', obj({ properties: { a: { $ref: '#/$defs/Nope' } } }), /missing definition/],
    ['self recursion', obj({ properties: { child: { $ref: '#' } } }), /recursive \$ref/],
    ['recursion through $defs', obj({ properties: { n: { $ref: '#/$defs/Node' } }, $defs: { Node: obj({ properties: { next: { $ref: '#/$defs/Node' } } }) } }), /recursive \$ref to Node/],
    ['an unknown type', obj({ properties: { a: { type: 'date' } } }), /unknown type/],
    ['float enums', obj({ properties: { a: { enum: [1.5] } } }), /enum values/],
    ['tuple items', obj({ properties: { a: { type: 'array', items: [{ type: 'string' }] } } }), /tuple items/],
  ])('refuses %s', (_label, schema, reason) => {
    expect(refusal(schema)).toMatch(reason);
  });

  it('refuses Zod intersections, records and recursive schemas', () => {
    expect(refusal(z.toJSONSchema(z.object({ v: z.string().and(z.number()) })))).toMatch(/allOf/);
    expect(refusal(z.toJSONSchema(z.object({ m: z.record(z.string(), z.number()) })))).toMatch(/additionalProperties/);
    const Tree: z.ZodType = z.object({ name: z.string(), get children() { return z.array(Tree); } });
    expect(refusal(z.toJSONSchema(z.object({ tree: Tree })))).toMatch(/recursive/);
  });

  it('refuses more than 20 levels of nesting, counted through $refs, and more than 500 nodes', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 20; i += 1) deep = obj({ properties: { x: deep } });
    expect(refusal(deep)).toMatch(/nesting deeper than 20 levels/);
    let shallow: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 19; i += 1) shallow = obj({ properties: { x: shallow } });
    expect(checkResponseFormat(shallow).root).toBe(shallow);

    const defs: Record<string, unknown> = { D0: { type: 'string' } };
    for (let i = 1; i <= 20; i += 1) defs[`D${i}`] = obj({ properties: { x: { $ref: `#/$defs/D${i - 1}` } } });
    // Each definition adds one level once expanded: D19 under the root is 21 levels deep, D5 only 7.
    expect(refusal(obj({ properties: { top: { $ref: '#/$defs/D19' } }, $defs: defs }))).toMatch(/nesting/);
    expect(checkResponseFormat(obj({ properties: { top: { $ref: '#/$defs/D5' } }, $defs: defs })).root).toBeDefined();

    const wide = obj({ properties: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, { type: 'string' }])) });
    expect(refusal(wide)).toMatch(/more than 500 schema nodes/);
  });
});

describe('checking answers against a schema', () => {
  const format = checkResponseFormat(
    z.toJSONSchema(
      z.object({
        name: z.string().min(2),
        age: z.number().int().max(150).nullable(),
        tags: z.array(z.enum(['a', 'b'])),
        pet: z.union([z.object({ kind: z.literal('dog') }), z.null()]),
      }),
    ),
  );

  it('passes a conforming value and reports each problem of one that is not', () => {
    expect(schemaErrors({ name: 'al', age: null, tags: ['a'], pet: { kind: 'dog' } }, format)).toEqual([]);
    expect(schemaErrors({ name: 'a', age: 1.5, tags: ['c'], pet: 'cat' }, format)).toEqual([
      '$.name: needs at least 2 characters',
      '$.age: matches none of the anyOf alternatives',
      '$.tags[0]: must be one of ["a","b"]',
      '$.pet: matches none of the anyOf alternatives',
    ]);
    expect(schemaErrors({ name: 'al' }, format)).toEqual([
      '$.age: required property is missing',
      '$.tags: required property is missing',
      '$.pet: required property is missing',
    ]);
    expect(schemaErrors([], format)).toEqual(['$: expected "object", got array']);
  });

  it('reads JSON out of fenced or chatty model output', () => {
    expect(extractJson('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(extractJson('Sure! Here it is: {"a": {"b": 2}} Hope that helps.')).toEqual({ a: { b: 2 } });
    expect(extractJson('no json here')).toBeUndefined();
  });
});

describe('offline values', () => {
  it('fills strings with the answer, arrays with the facts and leaves unknowns neutral', () => {
    const format = checkResponseFormat(
      z.toJSONSchema(
        z.object({
          summary: z.string().max(10),
          facts: z.array(z.object({ text: z.string() })).min(1),
          count: z.number().int().min(3),
          known: z.boolean().nullable(),
          level: z.enum(['low', 'high']).optional(),
          at: z.iso.datetime(),
        }),
      ),
    );
    const value = buildOfflineValue(format, { answer: 'alice lives in Lisbon', facts: ['alice lives in Lisbon', 'alice has a dog'] });
    expect(value).toEqual({
      summary: 'alice liv…',
      facts: [{ text: 'alice lives in Lisbon' }, { text: 'alice has a dog' }],
      count: 3,
      known: null,
      level: 'low',
      at: expect.stringMatching(/Z$/),
    });
    expect(schemaErrors(value, format)).toEqual([]);
    // With nothing found, minItems is still met.
    const empty = buildOfflineValue(format, { answer: "I don't know", facts: [] }) as { facts: unknown[] };
    expect(empty.facts).toEqual([{ text: "I don't know" }]);
    expect(schemaErrors(empty, format)).toEqual([]);
  });
});
