import 'server-only';
// Shared pieces of the filter compiler (docs/api.md#s2): the condition type, error helper, operator vocabulary and
// operand normalisation. Every operand reaches SQL as a bound parameter; only the fixed fragments here are inlined.
import { Prisma } from '@/generated/prisma/client';
import { FilterRejectedError } from './filter-rejected-error';

/** A compiled condition; `null` means "no condition" (TRUE), so wildcards and empty groups vanish from the SQL. */
export type Condition = Prisma.Sql | null;

export const SQL_TRUE = Prisma.sql`TRUE`;
export const SQL_FALSE = Prisma.sql`FALSE`;

export const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'ne', 'in', 'contains', 'icontains'] as const;
export type Operator = (typeof OPERATORS)[number];
export const ORDERED_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;
export type OrderedOperator = (typeof ORDERED_OPERATORS)[number];

const OPERATOR_LIST = OPERATORS.join(', ');

export function isOperator(key: string): key is Operator {
  return (OPERATORS as readonly string[]).includes(key);
}

export function isOrderedOperator(key: string): key is OrderedOperator {
  return (ORDERED_OPERATORS as readonly string[]).includes(key);
}

// Fixed comparison symbols: trusted fragments, never derived from input beyond this lookup.
const COMPARISON: Record<OrderedOperator, Prisma.Sql> = {
  gt: Prisma.raw('>'),
  gte: Prisma.raw('>='),
  lt: Prisma.raw('<'),
  lte: Prisma.raw('<='),
};

export function comparison(op: OrderedOperator): Prisma.Sql {
  return COMPARISON[op];
}

export function fail(path: string, message: string): never {
  throw new FilterRejectedError(path, message);
}

export function unknownOperator(path: string, op: string): never {
  fail(path, `Unknown operator '${op}'; expected one of ${OPERATOR_LIST}`);
}

export function nullOperand(path: string, op: string): never {
  fail(path, `Operator '${op}' does not accept null (only 'ne' does)`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;
}

/** ANDs conditions; TRUE (null) entries drop out, and a single condition is returned as is. */
export function allOf(conditions: readonly Condition[]): Condition {
  const parts = conditions.filter((c): c is Prisma.Sql => c !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
}

/** ORs conditions; any TRUE (null) entry makes the whole group TRUE. */
export function anyOf(conditions: readonly Condition[]): Condition {
  if (conditions.length === 0 || conditions.some((c) => c === null)) return null;
  const parts = conditions as readonly Prisma.Sql[];
  if (parts.length === 1) return parts[0] ?? null;
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

/** `%v%` for ILIKE with the pattern characters `\`, `%` and `_` taken literally (backslash is ILIKE's default escape). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `col ILIKE '%v%'` for contains/icontains (both case-insensitive, docs/api.md#s2-2). */
export function ilike(expr: Prisma.Sql, operand: unknown, path: string, op: string): Prisma.Sql {
  if (operand === null) nullOperand(path, op);
  if (typeof operand !== 'string') fail(path, `Operator '${op}' expects a string`);
  return Prisma.sql`(${expr} ILIKE CAST(${likePattern(operand)} AS text))`;
}

// A text Postgres can cast to numeric without error: bounded digits and exponent, no NaN/Infinity.
const NUMERIC_TEXT = /^[-+]?([0-9]{1,100}([.][0-9]{0,100})?|[.][0-9]{1,100})([eE][-+]?[0-9]{1,3})?$/;

/** The same check in SQL (a fixed literal: POSIX classes only, nothing escaped). */
export const NUMERIC_TEXT_SQL = Prisma.raw(`'${NUMERIC_TEXT.source}'`);

export function isNumericText(text: string): boolean {
  return NUMERIC_TEXT.test(text);
}

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Operands as stored values look: NUL removed (as on every write, docs/api.md#s1-5) and lone UTF-16 surrogates replaced, since
 * PostgreSQL rejects both in text and jsonb and a filter must never turn into a 500.
 */
export function sanitizeFilter(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) return value.map(sanitizeFilter);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanString(k), sanitizeFilter(v)]));
  }
  return value;
}

function cleanString(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}
