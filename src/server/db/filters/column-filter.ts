import 'server-only';
// Values on regular columns (docs/api.md#s2-2, #s2-4): scalars, null, "*", IN arrays and operator objects, each operand
// type-checked against the column kind and bound as a typed parameter. Also the `text_array` kind (conclusion source_ids).
import { Prisma } from '@/generated/prisma/client';
import { parseDateTimeInput } from '@/contracts/common';
import type { FilterColumn, FilterColumnKind } from './filter-columns';
import {
  allOf, anyOf, childPath, comparison, fail, ilike, isOperator, isOrderedOperator, isPlainObject, nullOperand,
  SQL_FALSE, unknownOperator, type Condition,
} from './filter-support';

type ScalarKind = Exclude<FilterColumnKind, 'json' | 'text_array'>;

export const CONCLUSION_LEVELS = ['explicit', 'deductive', 'inductive', 'contradiction'] as const;
const DATETIME_HINT = 'use ISO-8601, e.g. 2026-08-20T15:42:38Z';

// The Postgres type each kind's operands are bound as. Levels compare as text, so an enum or text column both work.
const SQL_TYPE: Record<ScalarKind, Prisma.Sql> = {
  text: Prisma.raw('text'),
  number: Prisma.raw('numeric'),
  boolean: Prisma.raw('boolean'),
  datetime: Prisma.raw('timestamptz'),
  level: Prisma.raw('text'),
};
const SQL_ARRAY_TYPE: Record<ScalarKind, Prisma.Sql> = {
  text: Prisma.raw('text[]'),
  number: Prisma.raw('numeric[]'),
  boolean: Prisma.raw('boolean[]'),
  datetime: Prisma.raw('timestamptz[]'),
  level: Prisma.raw('text[]'),
};

/** Compiles the value given for one regular or text_array column. */
export function compileColumnValue(column: FilterColumn, value: unknown, path: string): Condition {
  if (column.kind === 'json') throw new Error('compileColumnValue: json columns are compiled by compileMetadataValue');
  if (value === '*') return null;
  if (column.kind === 'text_array') return textArrayValue(column.sql, value, path);
  const kind = column.kind;
  const expr = kind === 'level' ? Prisma.sql`CAST(${column.sql} AS text)` : column.sql;
  if (value === null) return Prisma.sql`(${expr} IS NULL)`;
  if (Array.isArray(value)) return membership(expr, kind, value, path);
  if (isPlainObject(value)) {
    return allOf(Object.entries(value).map(([op, operand]) => operatorCondition(expr, kind, op, operand, childPath(path, op))));
  }
  return Prisma.sql`(${expr} = ${operandSql(kind, value, path)})`;
}

function operatorCondition(expr: Prisma.Sql, kind: ScalarKind, op: string, operand: unknown, path: string): Condition {
  if (!isOperator(op)) unknownOperator(path, op);
  if (operand === undefined) return null;
  if (op === 'ne') {
    if (operand === null) return Prisma.sql`(${expr} IS NOT NULL)`;
    return Prisma.sql`(${expr} IS DISTINCT FROM ${operandSql(kind, operand, path)})`;
  }
  if (operand === null) nullOperand(path, op);
  if (op === 'in') {
    if (!Array.isArray(operand)) fail(path, "Operator 'in' expects an array");
    return membership(expr, kind, operand, path);
  }
  if (op === 'contains' || op === 'icontains') {
    if (kind !== 'text') fail(path, `Operator '${op}' is only supported on text columns, not on ${kind} columns`);
    return ilike(expr, operand, path, op);
  }
  if (!isOrderedOperator(op)) unknownOperator(path, op);
  if (kind === 'boolean') fail(path, `Operator '${op}' is not supported on boolean columns`);
  return Prisma.sql`(${expr} ${comparison(op)} ${operandSql(kind, operand, path)})`;
}

/** `IN` semantics: `[]` matches nothing, a `"*"` element is a wildcard, a `null` element matches NULL. */
function membership(expr: Prisma.Sql, kind: ScalarKind, values: readonly unknown[], path: string): Condition {
  let wildcard = false;
  let matchesNull = false;
  const bound: (string | boolean)[] = [];
  values.forEach((v, i) => {
    if (v === '*') wildcard = true;
    else if (v === null) matchesNull = true;
    else bound.push(operandValue(kind, v, childPath(path, i)));
  });
  if (wildcard) return null;
  const parts: Prisma.Sql[] = [];
  if (bound.length > 0) parts.push(Prisma.sql`(${expr} = ANY(CAST(${bound} AS ${SQL_ARRAY_TYPE[kind]})))`);
  if (matchesNull) parts.push(Prisma.sql`(${expr} IS NULL)`);
  return parts.length === 0 ? SQL_FALSE : anyOf(parts);
}

function operandSql(kind: ScalarKind, value: unknown, path: string): Prisma.Sql {
  return Prisma.sql`CAST(${operandValue(kind, value, path)} AS ${SQL_TYPE[kind]})`;
}

/** Type-checks an operand and returns the value to bind (numbers and datetimes as exact text). */
function operandValue(kind: ScalarKind, value: unknown, path: string): string | boolean {
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') fail(path, 'Expected a string');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'Expected a number');
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, 'Expected a boolean');
      return value;
    case 'datetime':
      if (typeof value !== 'string') fail(path, `Expected a datetime string (${DATETIME_HINT})`);
      return datetimeText(value, path);
    case 'level':
      if (typeof value !== 'string' || !(CONCLUSION_LEVELS as readonly string[]).includes(value)) {
        fail(path, `Must be one of ${CONCLUSION_LEVELS.join(', ')}`);
      }
      return value;
  }
}

/**
 * A datetime (input forms of docs/api.md#s1-4) as an exact UTC timestamp text. parseDateTimeInput validates and applies the offset at millisecond
 * precision; the input's microsecond digits are added back so `{"gt": <a stored created_at>}` excludes that row.
 */
export function datetimeText(text: string, path: string): string {
  const date = parseDateTimeInput(text);
  if (!date) fail(path, `Invalid datetime: ${DATETIME_HINT}`);
  // PostgreSQL has no year 0 and JavaScript's extended years would not parse; both are far outside any stored value.
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) fail(path, 'Datetime out of range');
  const fraction = /:\d{2}\.(\d+)/.exec(text)?.[1] ?? '';
  const micros = fraction.slice(3, 6).padEnd(3, '0');
  return date.toISOString().replace(/Z$/, `${micros}Z`);
}

/** source_ids: a string or an array means "contains (all of) these ids" (docs/api.md#s2-4). */
function textArrayValue(expr: Prisma.Sql, value: unknown, path: string): Condition {
  if (value === null) return Prisma.sql`(${expr} IS NULL)`;
  if (typeof value === 'string' || Array.isArray(value)) return containsAll(expr, value, path);
  if (!isPlainObject(value)) fail(path, 'Expected an id or an array of ids');
  return allOf(
    Object.entries(value).map(([op, operand]): Condition => {
      const at = childPath(path, op);
      if (!isOperator(op)) unknownOperator(at, op);
      if (operand === undefined) return null;
      if (op === 'ne' && operand === null) return Prisma.sql`(${expr} IS NOT NULL)`;
      if (operand === null) nullOperand(at, op);
      if (op === 'contains') return containsAll(expr, operand, at);
      if (op === 'ne') {
        const contained = containsAll(expr, operand, at);
        return contained === null ? SQL_FALSE : Prisma.sql`(${contained} IS NOT TRUE)`;
      }
      if (op === 'in') {
        if (!Array.isArray(operand)) fail(at, "Operator 'in' expects an array");
        const ids = idList(operand, at);
        if (ids === null) return null;
        return ids.length === 0 ? SQL_FALSE : Prisma.sql`(${expr} && CAST(${ids} AS text[]))`;
      }
      fail(at, `Operator '${op}' is not supported on array columns; use contains, in or ne`);
    }),
  );
}

function containsAll(expr: Prisma.Sql, operand: unknown, path: string): Condition {
  let ids: string[] | null;
  if (typeof operand === 'string') ids = operand === '*' ? null : [operand];
  else if (Array.isArray(operand)) ids = idList(operand, path);
  else fail(path, 'Expected an id or an array of ids');
  if (ids === null) return null;
  return Prisma.sql`(${expr} @> CAST(${ids} AS text[]))`;
}

/** The ids of an array operand; null when a `"*"` element makes it a wildcard. */
function idList(values: readonly unknown[], path: string): string[] | null {
  const ids: string[] = [];
  for (const [i, v] of values.entries()) {
    if (v === '*') return null;
    if (typeof v !== 'string') fail(childPath(path, i), 'Expected a string id');
    ids.push(v);
  }
  return ids;
}
