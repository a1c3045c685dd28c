// The filter DSL compiler (docs/api.md#s2) against a real database: each filter is compiled and run over a scratch
// table with varied rows (NULLs included); the test asserts exactly which rows match, and every 422 with its path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '@/generated/prisma/client';
import { compileFilter, MAX_FILTER_DEPTH } from '@/server/db/filters/compile-filter';
import type { FilterColumns } from '@/server/db/filters/filter-columns';
import { FilterRejectedError } from '@/server/db/filters/filter-rejected-error';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const col = (name: string) => Prisma.raw(`filter_probe.${name}`);

const COLUMNS: FilterColumns = {
  id: { sql: col('id'), kind: 'text' },
  name: { sql: col('name'), kind: 'text' },
  n: { sql: col('n'), kind: 'number' },
  flag: { sql: col('flag'), kind: 'boolean' },
  at: { sql: col('at'), kind: 'datetime' },
  created_at: { sql: col('at'), kind: 'datetime' }, // an alias of `at`
  metadata: { sql: col('metadata'), kind: 'json' },
  level: { sql: col('level'), kind: 'level' },
  source_ids: { sql: col('source_ids'), kind: 'text_array' },
};

// id, name, n, flag, at, metadata, level, source_ids
const ROWS = String.raw`
  ('r01', 'Alice', 1, true, '2026-01-01T00:00:00Z',
   '{"age": 30, "tier": "gold", "tags": ["a", "b"], "profile": {"city": "Paris", "zip": "75001"}}', 'explicit', '{m1,m2}'),
  ('r02', 'bob', 2, false, '2026-01-02T12:00:00.123456Z', '{"age": 9, "tier": "silver", "active": true}', 'deductive', '{m2}'),
  ('r03', '100%_done', 3, NULL, '2026-01-03T00:00:00Z', '{"age": "abc", "note": "50% off_now", "active": false}', 'inductive', '{}'),
  ('r04', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('r05', 'back\slash', 10, true, '2025-12-31T23:59:59Z', '{"age": 100.5, "tier": "Gold"}', 'contradiction', '{m3}'),
  ('r06', 'ALICE in wonderland', -5, false, '2026-02-01T00:00:00Z', '{}', 'explicit', '{m1}'),
  ('r07', 'under_score', 0, true, '2026-01-02T12:00:00.123Z', '{"age": null, "profile": {"city": "Berlin"}}', 'deductive', '{m1,m3}'),
  ('r08', 'percent%', 7, false, '2026-01-02T12:00:00.123457Z',
   '{"age": "1e3", "nested": {"deep": {"x": 1, "y": 2}}, "tags": ["b", "c"], "weird": "  7"}', 'inductive', '{m2,m3}'),
  ('r09', 'it''s', 20, NULL, '2026-03-01T08:30:00Z', '{"age": "10", "tier": "gold", "range": {"gt": 5}, "weird": "1e999"}', 'explicit', '{m4}'),
  ('r10', 'Zed', 100, true, '2026-01-01T05:00:00Z', '{"age": "zebra", "score": 1.5, "weird": "-.5"}', NULL, '{m1,m2,m3}'),
  ('r11', 'x''); DROP TABLE filter_probe; --', 5, false, NULL, '{"k''; DROP": "v", "weird": "NaN"}', NULL, NULL),
  ('r12', '', NULL, true, '2026-01-01T00:00:00.000001Z', '{"age": "", "active": "true", "weird": "1e999999"}', 'contradiction', '{}')`;
const ALL = ['r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07', 'r08', 'r09', 'r10', 'r11', 'r12'];
const except = (...ids: string[]) => ALL.filter((id) => !ids.includes(id));

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 2 }) });
  await prisma.$executeRawUnsafe(`CREATE TABLE filter_probe (
    id text PRIMARY KEY, name text, n int, flag bool, at timestamptz, metadata jsonb, level conclusion_level, source_ids text[])`);
  await prisma.$executeRawUnsafe(`INSERT INTO filter_probe VALUES ${ROWS}`);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

const compile = (filter: unknown, path?: string) => compileFilter(filter, COLUMNS, { resource: 'Probe', path });

async function ids(filter: unknown): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM filter_probe WHERE ${compile(filter)} ORDER BY id`;
  return rows.map((r) => r.id);
}

function issueOf(filter: unknown, path?: string): { path: string; message: string } {
  try {
    compile(filter, path);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterRejectedError);
    const issues = (error as FilterRejectedError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error(`expected ${JSON.stringify(filter)} to be rejected`);
}

type Case = [label: string, filter: unknown, expected: string[]];
const cases = (rows: Case[]) => rows;

describe('fixture', () => {
  it('loaded all rows', async () => {
    expect(await ids(undefined)).toEqual(ALL);
  });
});

describe('no filter', () => {
  it.each([undefined, null, {}])('%j compiles to TRUE', async (filter) => {
    expect(compile(filter).sql).toBe('TRUE');
    expect(await ids(filter)).toEqual(ALL);
  });
  it('skips keys whose value is undefined', async () => {
    expect(await ids({ id: undefined, n: 1 })).toEqual(['r01']);
  });
});

describe('scalar equality, null and wildcard', () => {
  it.each(cases([
    ['text', { id: 'r01' }, ['r01']],
    ['text is case-sensitive', { name: 'alice' }, []],
    ['empty string is a value', { name: '' }, ['r12']],
    ['number', { n: 2 }, ['r02']],
    ['negative number', { n: -5 }, ['r06']],
    ['fractional number against an int column', { n: 2.5 }, []],
    ['boolean true', { flag: true }, ['r01', 'r05', 'r07', 'r10', 'r12']],
    ['boolean false', { flag: false }, ['r02', 'r06', 'r08', 'r11']],
    ['null = IS NULL', { flag: null }, ['r03', 'r04', 'r09']],
    ['null on a datetime', { at: null }, ['r04', 'r11']],
    ['sibling keys are ANDed', { flag: true, n: 10 }, ['r05']],
    ['wildcard on a text column', { name: '*' }, ALL],
    ['wildcard on every kind', { n: '*', flag: '*', at: '*', metadata: '*', level: '*', source_ids: '*' }, ALL],
    ['wildcard next to a real condition', { name: '*', n: 1 }, ['r01']],
    ['level', { level: 'explicit' }, ['r01', 'r06', 'r09']],
    ['level null', { level: null }, ['r04', 'r10', 'r11']],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('arrays and in', () => {
  it.each(cases([
    ['array = IN', { id: ['r01', 'r03', 'zzz'] }, ['r01', 'r03']],
    ['empty array matches nothing', { id: [] }, []],
    ['empty in matches nothing', { id: { in: [] } }, []],
    ['in on numbers', { n: { in: [1, 20, 99] } }, ['r01', 'r09']],
    ['in on booleans', { flag: [false] }, ['r02', 'r06', 'r08', 'r11']],
    ['in on levels', { level: ['explicit', 'inductive'] }, ['r01', 'r03', 'r06', 'r08', 'r09']],
    ['in on datetimes (mixed forms)', { at: ['2026-01-01', '2026-02-01T01:00:00+01:00'] }, ['r01', 'r06']],
    ['a null element matches NULL', { name: ['Alice', null] }, ['r01', 'r04']],
    ['"*" element in an array is a wildcard', { name: ['nope', '*'] }, ALL],
    ['"*" element in `in` is a wildcard', { n: { in: [1, '*'] } }, ALL],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('operators', () => {
  it.each(cases([
    ['gt with a fraction on an int column', { n: { gt: 2.5 } }, ['r03', 'r05', 'r08', 'r09', 'r10', 'r11']],
    ['gte + lte are ANDed', { n: { gte: 0, lte: 3 } }, ['r01', 'r02', 'r03', 'r07']],
    ['three operators ANDed', { n: { gt: 1, lt: 10, ne: 5 } }, ['r02', 'r03', 'r08']],
    ['lt on negative', { n: { lt: 0 } }, ['r06']],
    ['text ordering', { id: { gt: 'r09' } }, ['r10', 'r11', 'r12']],
    ['text ordering lte', { id: { lte: 'r02' } }, ['r01', 'r02']],
    ['ne is IS DISTINCT FROM (NULL rows match)', { flag: { ne: true } }, ['r02', 'r03', 'r04', 'r06', 'r08', 'r09', 'r11']],
    ['ne on text keeps NULL rows', { name: { ne: 'Alice' } }, except('r01')],
    ['ne null = IS NOT NULL', { n: { ne: null } }, except('r04', 'r12')],
    ['ne on a level', { level: { ne: 'explicit' } }, except('r01', 'r06', 'r09')],
    ['contains is case-insensitive', { name: { contains: 'alice' } }, ['r01', 'r06']],
    ['icontains', { name: { icontains: 'ALICE' } }, ['r01', 'r06']],
    ['contains escapes %', { name: { contains: '%' } }, ['r03', 'r08']],
    ['contains escapes _ (r11 is "…filter_probe…")', { name: { contains: '_' } }, ['r03', 'r07', 'r11']],
    ['contains escapes backslash', { name: { contains: '\\' } }, ['r05']],
    ['contains %_ literally', { name: { icontains: '%_' } }, ['r03']],
    ['contains empty string matches every non-null text', { name: { contains: '' } }, except('r04')],
    ['contains with a quote', { name: { contains: "it's" } }, ['r09']],
    ['"*" is literal inside ne', { name: { ne: '*' } }, ALL],
    ['empty operator object adds no condition', { n: {} }, ALL],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('datetimes', () => {
  it.each([
    '2026-01-01',
    '2026-01-01 00:00:00',
    '2026-01-01T00:00',
    '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.000000Z',
    '2026-01-01T02:00:00+02:00',
    '2025-12-31T19:00:00-05:00',
    '2025-12-31T19:00:00-0500',
    '  2026-01-01T00:00:00Z  ',
  ])('equality with %j (naive = UTC)', async (text) => {
    expect(await ids({ at: text })).toEqual(['r01']);
  });

  it.each(cases([
    ['microseconds are kept (equality)', { at: '2026-01-01T00:00:00.000001Z' }, ['r12']],
    ['microseconds on a naive input', { at: '2026-01-01 00:00:00.000001' }, ['r12']],
    ['milliseconds', { at: '2026-01-02T12:00:00.123Z' }, ['r07']],
    ['gt a millisecond value', { created_at: { gt: '2026-01-02T12:00:00.123Z' } }, ['r02', 'r03', 'r06', 'r08', 'r09']],
    ['gt a stored microsecond value excludes that row', { created_at: { gt: '2026-01-02T12:00:00.123456Z' } }, ['r03', 'r06', 'r08', 'r09']],
    ['range with a date-only bound', { at: { gte: '2026-01-01', lt: '2026-01-02' } }, ['r01', 'r10', 'r12']],
    ['offset bounds', { at: { lt: '2026-01-01T01:00:00+01:00' } }, ['r05']],
    ['ne null', { at: { ne: null } }, except('r04', 'r11')],
    ['alias and column ANDed', { at: { gte: '2026-01-02' }, created_at: { lt: '2026-01-03' } }, ['r02', 'r07', 'r08']],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('combinators', () => {
  it.each(cases([
    ['OR', { OR: [{ id: 'r01' }, { n: { gte: 20 } }] }, ['r01', 'r09', 'r10']],
    ['AND', { AND: [{ flag: true }, { n: { gt: 1 } }] }, ['r05', 'r10']],
    ['empty AND is ignored', { AND: [], n: 1 }, ['r01']],
    ['empty OR is ignored', { OR: [], n: 1 }, ['r01']],
    ['empty NOT is ignored', { NOT: [] }, ALL],
    ['keys and combinators mixed', { flag: true, OR: [{ n: 1 }, { n: 100 }] }, ['r01', 'r10']],
    ['OR with a wildcard branch is TRUE', { OR: [{ id: 'r01' }, { name: '*' }] }, ALL],
    ['OR with an empty-object branch is TRUE', { OR: [{ id: 'r01' }, {}] }, ALL],
    ['NOT keeps rows where the column is NULL', { NOT: [{ flag: true }] }, ['r02', 'r03', 'r04', 'r06', 'r08', 'r09', 'r11']],
    ['NOT [a, b] = a IS NOT TRUE AND b IS NOT TRUE', { NOT: [{ n: { gt: 5 } }, { flag: false }] }, ['r01', 'r03', 'r04', 'r07', 'r12']],
    ['NOT of a wildcard matches nothing', { NOT: [{ name: '*' }] }, []],
    ['NOT of {} matches nothing', { NOT: [{}] }, []],
    ['double NOT', { NOT: [{ NOT: [{ flag: true }] }] }, ['r01', 'r05', 'r07', 'r10', 'r12']],
    ['NOT of metadata containment keeps NULL metadata', { NOT: [{ metadata: { tier: 'gold' } }] }, except('r01', 'r09')],
    ['NOT of an IN list', { NOT: [{ id: ['r01', 'r02'] }] }, except('r01', 'r02')],
    ['NOT of an empty IN list is everything', { NOT: [{ id: [] }] }, ALL],
    ['OR of ANDs', { OR: [{ AND: [{ flag: true }, { n: 1 }] }, { AND: [{ flag: false }, { n: 2 }] }] }, ['r01', 'r02']],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  const nest = (levels: ('AND' | 'OR' | 'NOT')[], leaf: object): object =>
    levels.reduceRight<object>((inner, key) => ({ [key]: [inner] }), leaf);

  it(`allows ${MAX_FILTER_DEPTH} nested combinators`, async () => {
    expect(MAX_FILTER_DEPTH).toBe(5);
    expect(await ids(nest(['AND', 'OR', 'AND', 'OR', 'AND'], { id: 'r01' }))).toEqual(['r01']);
    expect(await ids(nest(['NOT', 'NOT', 'NOT', 'NOT', 'NOT'], { id: 'r01' }))).toEqual(except('r01'));
  });

  it('rejects a sixth level at the combinator that is too deep', () => {
    const issue = issueOf(nest(['AND', 'OR', 'AND', 'OR', 'AND', 'NOT'], { id: 'r01' }));
    expect(issue.path).toBe('body.filters.AND[0].OR[0].AND[0].OR[0].AND[0].NOT');
    expect(issue.message).toMatch(/at most 5/);
  });
});

describe('metadata (JSON)', () => {
  it.each(cases([
    ['containment on a string', { metadata: { tier: 'gold' } }, ['r01', 'r09']],
    ['containment is type-sensitive (number)', { metadata: { age: 30 } }, ['r01']],
    ['containment is type-sensitive (string "30")', { metadata: { age: '30' } }, []],
    ['containment on a boolean', { metadata: { active: true } }, ['r02']],
    ['containment on JSON null', { metadata: { age: null } }, ['r07']],
    ['nested object containment', { metadata: { profile: { city: 'Paris' } } }, ['r01']],
    ['deep nested containment', { metadata: { nested: { deep: { x: 1 } } } }, ['r08']],
    ['array value keeps containment semantics', { metadata: { tags: ['b'] } }, ['r01', 'r08']],
    ['array value is not IN sugar', { metadata: { tags: ['a', 'c'] } }, []],
    ['array value against a string is not IN', { metadata: { tier: ['gold', 'silver'] } }, []],
    ['several plain keys', { metadata: { tier: 'gold', age: '10' } }, ['r09']],
    ['empty metadata object adds no condition', { metadata: {} }, ALL],
    ['metadata null', { metadata: null }, ['r04']],
    ['explicit containment', { metadata: { contains: { tier: 'gold', age: 30 } } }, ['r01']],
    ['explicit containment takes operator-looking objects literally', { metadata: { contains: { range: { gt: 5 } } } }, ['r09']],
    ['explicit containment: a key named like an operator', { metadata: { contains: { range: { gt: 6 } } } }, []],
    ['a plain key named "contains"', { metadata: { contains: 'x' } }, []],
    ['numeric gte: numbers compare numerically, other text lexicographically',
      { metadata: { age: { gte: 10 } } }, ['r01', 'r03', 'r05', 'r08', 'r09', 'r10']],
    ['numeric lt ("9" < 10 numerically; "" < "10" lexicographically)', { metadata: { age: { lt: 10 } } }, ['r02', 'r12']],
    ['a numeric string operand compares numerically', { metadata: { age: { gt: '9' } } }, ['r01', 'r03', 'r05', 'r08', 'r09', 'r10']],
    ['a non-numeric string operand compares lexicographically', { metadata: { age: { gt: 'b' } } }, ['r10']],
    ['lexicographic is by code point', { metadata: { tier: { lt: 'g' } } }, ['r05']],
    ['decimal operand', { metadata: { score: { gt: 1.49, lt: 1.51 } } }, ['r10']],
    ['non-numeric stored texts never raise a cast error', { metadata: { weird: { gt: 0 } } }, ['r09', 'r11', 'r12']],
    ['booleans compare as "true"/"false"', { metadata: { active: { gte: true } } }, ['r02', 'r12']],
    ['ne boolean', { metadata: { active: { ne: true } } }, except('r02', 'r12')],
    ['ne number is numeric and keeps rows without the key', { metadata: { age: { ne: 10 } } }, except('r09')],
    ['ne number vs a differently written numeric text', { metadata: { age: { ne: 1000 } } }, except('r08')],
    ['ne string', { metadata: { tier: { ne: 'gold' } } }, except('r01', 'r09')],
    ['ne null = key present and not null', { metadata: { age: { ne: null } } }, ['r01', 'r02', 'r03', 'r05', 'r08', 'r09', 'r10', 'r12']],
    ['in compares as strings', { metadata: { age: { in: [30, 'abc', 9] } } }, ['r01', 'r02', 'r03']],
    ['in with booleans as strings', { metadata: { active: { in: [true] } } }, ['r02', 'r12']],
    ['in does not compare numerically', { metadata: { age: { in: [1000] } } }, []],
    ['in with "*" is a wildcard', { metadata: { age: { in: ['*'] } } }, ALL],
    ['empty in matches nothing', { metadata: { age: { in: [] } } }, []],
    ['contains on the text escapes %', { metadata: { note: { contains: '%' } } }, ['r03']],
    ['contains on the text escapes _', { metadata: { note: { contains: 'f_n' } } }, ['r03']],
    ['icontains', { metadata: { tier: { icontains: 'GOLD' } } }, ['r01', 'r05', 'r09']],
    ['contains on a nested object text', { metadata: { profile: { contains: 'berlin' } } }, ['r07']],
    ['mixed: containment AND keyed operator', { metadata: { tier: 'gold', age: { gt: 20 } } }, ['r01']],
    ['mixed: explicit containment AND keyed operator', { metadata: { contains: { tier: 'gold' }, age: { lt: 20 } } }, ['r09']],
    ['two keyed operators on different keys', { metadata: { age: { gte: 9 }, tier: { ne: 'gold' } } }, ['r02', 'r03', 'r05', 'r08', 'r10']],
    ['keyed operator on a key nobody has', { metadata: { missing: { gt: 0 } } }, []],
    ['NUL is stripped from operands', { metadata: { tier: 'go\u0000ld' } }, ['r01', 'r09']],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('source_ids (text_array)', () => {
  it.each(cases([
    ['bare string = contains', { source_ids: 'm1' }, ['r01', 'r06', 'r07', 'r10']],
    ['{contains: id} (the SDK derived() form)', { source_ids: { contains: 'm2' } }, ['r01', 'r02', 'r08', 'r10']],
    ['array = contains all', { source_ids: ['m1', 'm3'] }, ['r07', 'r10']],
    ['contains with an array = contains all', { source_ids: { contains: ['m2', 'm3'] } }, ['r08', 'r10']],
    ['in = contains any', { source_ids: { in: ['m4', 'm3'] } }, ['r05', 'r07', 'r08', 'r09', 'r10']],
    ['empty in matches nothing', { source_ids: { in: [] } }, []],
    ['ne id = does not contain (NULL arrays included)', { source_ids: { ne: 'm1' } }, except('r01', 'r06', 'r07', 'r10')],
    ['null', { source_ids: null }, ['r04', 'r11']],
    ['ne null', { source_ids: { ne: null } }, except('r04', 'r11')],
    ['an id nobody has', { source_ids: 'zzz' }, []],
  ]))('%s', async (_label, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });
});

describe('422 cases', () => {
  it.each<[string, unknown, string, RegExp | string]>([
    ['filter is an array', [{ id: 'r01' }], 'body.filters', /JSON object/],
    ['filter is a string', 'id=r01', 'body.filters', /JSON object/],
    ['filter is a number', 5, 'body.filters', /JSON object/],
    ['AND not an array', { AND: { id: 'r01' } }, 'body.filters.AND', /AND must be an array/],
    ['OR not an array', { OR: 'x' }, 'body.filters.OR', /OR must be an array/],
    ['NOT not an array', { NOT: {} }, 'body.filters.NOT', /NOT must be an array/],
    ['combinator entry not an object', { OR: [{ id: 'r01' }, 'x'] }, 'body.filters.OR[1]', /filter object/],
    ['combinator entry null', { AND: [null] }, 'body.filters.AND[0]', /filter object/],
    ['unknown column', { peer_id: 'x' }, 'body.filters.peer_id',
      "Column 'peer_id' is not allowed to be filtered on or does not exist on Probe"],
    ['lower-case combinator is a column', { or: [] }, 'body.filters.or', /Column 'or' is not allowed/],
    ['unknown column inside OR', { OR: [{ id: 'r01' }, { nope: 1 }] }, 'body.filters.OR[1].nope', /Column 'nope'/],
    ['prototype key', JSON.parse('{"__proto__": 1}'), 'body.filters.__proto__', /Column '__proto__'/],
    ['constructor key', { constructor: 1 }, 'body.filters.constructor', /Column 'constructor'/],
    ['unknown operator', { n: { eq: 1 } }, 'body.filters.n.eq', /Unknown operator 'eq'/],
    ['unknown operator on source_ids', { source_ids: { has: 'm1' } }, 'body.filters.source_ids.has', /Unknown operator 'has'/],
    ['string for a number', { n: '1' }, 'body.filters.n', 'Expected a number'],
    ['string for a boolean', { flag: 'true' }, 'body.filters.flag', 'Expected a boolean'],
    ['number for a text', { id: 5 }, 'body.filters.id', 'Expected a string'],
    ['object inside an IN array', { id: [{ a: 1 }] }, 'body.filters.id[0]', 'Expected a string'],
    ['bad IN element', { n: { in: [1, 'x'] } }, 'body.filters.n.in[1]', 'Expected a number'],
    ['bad operand for gt', { n: { gt: true } }, 'body.filters.n.gt', 'Expected a number'],
    ['number for a datetime', { at: 12345 }, 'body.filters.at', /datetime/],
    ['unparseable datetime', { OR: [{ id: 'r01' }, { created_at: 'not a date' }] }, 'body.filters.OR[1].created_at', /Invalid datetime/],
    ['impossible month', { at: { gt: '2026-13-45' } }, 'body.filters.at.gt', /Invalid datetime/],
    ['datetime in an IN list', { at: ['2026-01-01', 'yesterday'] }, 'body.filters.at[1]', /Invalid datetime/],
    ['year zero', { at: { gte: '0000-01-01' } }, 'body.filters.at.gte', /out of range/],
    ['bad level', { level: 'bogus' }, 'body.filters.level', 'Must be one of explicit, deductive, inductive, contradiction'],
    ['bad level in a list', { level: { in: ['explicit', 'nope'] } }, 'body.filters.level.in[1]', /Must be one of/],
    ['bad level for ne', { level: { ne: 'Explicit' } }, 'body.filters.level.ne', /Must be one of/],
    ['null with gt', { n: { gt: null } }, 'body.filters.n.gt', /does not accept null/],
    ['null with contains', { name: { contains: null } }, 'body.filters.name.contains', /does not accept null/],
    ['null with in', { id: { in: null } }, 'body.filters.id.in', /does not accept null/],
    ['null with a metadata operator', { metadata: { age: { lt: null } } }, 'body.filters.metadata.age.lt', /does not accept null/],
    ['null with a source_ids operator', { source_ids: { contains: null } }, 'body.filters.source_ids.contains', /does not accept null/],
    ['contains on a number', { n: { contains: '1' } }, 'body.filters.n.contains', /only supported on text columns/],
    ['icontains on a datetime', { at: { icontains: '2026' } }, 'body.filters.at.icontains', /only supported on text columns/],
    ['contains on a level', { level: { contains: 'explicit' } }, 'body.filters.level.contains', /only supported on text columns/],
    ['contains with a non-string', { name: { contains: 5 } }, 'body.filters.name.contains', /expects a string/],
    ['in not an array', { id: { in: 'r01' } }, 'body.filters.id.in', /expects an array/],
    ['ordering on a boolean', { flag: { gt: false } }, 'body.filters.flag.gt', /not supported on boolean/],
    ['metadata not an object', { metadata: 'gold' }, 'body.filters.metadata', /Expected an object/],
    ['metadata as an array', { metadata: ['gold'] }, 'body.filters.metadata', /Expected an object/],
    ['metadata operator with an object operand', { metadata: { age: { gt: {} } } }, 'body.filters.metadata.age.gt', /string, number or boolean/],
    ['metadata in with a nested array', { metadata: { age: { in: [[1]] } } }, 'body.filters.metadata.age.in[0]', /string, number or boolean/],
    ['metadata in not an array', { metadata: { age: { in: 30 } } }, 'body.filters.metadata.age.in', /expects an array/],
    ['keyed operators only one level deep', { metadata: { profile: { city: { contains: 'par' } } } },
      'body.filters.metadata.profile.city', /only supported on top-level metadata keys/],
    ['operators mixed with plain keys', { metadata: { profile: { gt: 1, city: 'x' } } }, 'body.filters.metadata.profile', /cannot be mixed/],
    ['gt on source_ids', { source_ids: { gt: 'm1' } }, 'body.filters.source_ids.gt', /not supported on array columns/],
    ['number for source_ids', { source_ids: 5 }, 'body.filters.source_ids', /id or an array of ids/],
    ['number inside a source_ids array', { source_ids: ['m1', 1] }, 'body.filters.source_ids[1]', /string id/],
  ])('%s', (_label, filter, path, message) => {
    const issue = issueOf(filter);
    expect(issue.path).toBe(path);
    if (typeof message === 'string') expect(issue.message).toBe(message);
    else expect(issue.message).toMatch(message);
  });

  it('uses the given path prefix', () => {
    expect(issueOf({ AND: [{ x: 1 }] }, 'body.filter').path).toBe('body.filter.AND[0].x');
    expect(issueOf('nope', 'query.filters').path).toBe('query.filters');
  });

  it('is the data layer\'s FilterRejectedError (422 at the edges), not a service error', () => {
    expect(() => compile({ nope: 1 })).toThrow(FilterRejectedError);
  });
});

describe('SQL injection', () => {
  it('rejects hostile keys as unknown columns', () => {
    const key = 'id = id OR 1=1; DROP TABLE filter_probe; --';
    expect(issueOf({ [key]: 'x' }).message).toBe(`Column '${key}' is not allowed to be filtered on or does not exist on Probe`);
    expect(issueOf({ OR: [{ 'name") --': 1 }] }).path).toBe('body.filters.OR[0].name") --');
  });

  it('binds hostile values as parameters', async () => {
    const hostile = "x'); DROP TABLE filter_probe; --";
    const compiled = compile({ name: hostile, metadata: { "k'; DROP": 'v' } });
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.values).toContain(hostile);
    expect(await ids({ name: hostile })).toEqual(['r11']);
    expect(await ids({ name: { in: [hostile, "r01' OR '1'='1"] } })).toEqual(['r11']);
    expect(await ids({ name: { contains: "'); DROP" } })).toEqual(['r11']);
    expect(await ids({ id: "r01' OR '1'='1" })).toEqual([]);
    expect(await ids({ source_ids: { contains: ["m1'}", '"m2"'] } })).toEqual([]);
  });

  it('binds hostile metadata keys and values', async () => {
    expect(await ids({ metadata: { "k'; DROP": 'v' } })).toEqual(['r11']);
    expect(await ids({ metadata: { "k'; DROP": { in: ['v'] } } })).toEqual(['r11']);
    expect(await ids({ metadata: { "tier' OR '1'='1": { ne: null } } })).toEqual([]);
    const compiled = compile({ metadata: { "x') OR TRUE --": { gt: "') OR TRUE --" } } });
    expect(compiled.sql).not.toContain('OR TRUE');
    expect(await ids({ metadata: { "x') OR TRUE --": { gt: "') OR TRUE --" } } })).toEqual([]);
  });

  it('left the table intact', async () => {
    expect(await ids({})).toEqual(ALL);
  });

  it('survives text PostgreSQL would reject (NUL, lone surrogates)', async () => {
    expect(await ids({ name: 'Ali\u0000ce' })).toEqual(['r01']);
    expect(await ids({ name: '\ud800' })).toEqual([]);
    expect(await ids({ metadata: { tier: '\udc00x' } })).toEqual([]);
    expect(await ids({ metadata: { ['\ud800']: { contains: 'a' } } })).toEqual([]);
  });
});
