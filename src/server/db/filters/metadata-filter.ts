import 'server-only';
// The JSON (`metadata`) rules of docs/api.md#s2-3: plain values match by jsonb containment, operator objects on a
// top-level key compare that key's text value, and `{"contains": {…}}` is explicit containment.
import { Prisma } from '@/generated/prisma/client';
import {
  allOf, childPath, comparison, fail, ilike, isNumericText, isOperator, isOrderedOperator, isPlainObject, nullOperand,
  NUMERIC_TEXT_SQL, SQL_FALSE, unknownOperator, type Condition,
} from './filter-support';

const LITERAL_HINT = 'use {"contains": {…}} for literal JSON containment';

export function compileMetadataValue(column: Prisma.Sql, value: unknown, path: string): Condition {
  if (value === '*') return null;
  if (value === null) return Prisma.sql`(${column} IS NULL)`;
  if (!isPlainObject(value)) fail(path, 'Expected an object, e.g. {"key": "value"} or {"key": {"gte": 5}}');
  const contained: [string, unknown][] = [];
  const conditions: Condition[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const at = childPath(path, key);
    if (key === 'contains' && isPlainObject(v)) {
      conditions.push(containment(column, Object.entries(v)));
      continue;
    }
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      const ops = keys.filter(isOperator);
      if (ops.length > 0 && ops.length === keys.length) {
        conditions.push(keyedOperators(column, key, v, at));
        continue;
      }
      if (ops.length > 0) fail(at, `Operators (${ops.join(', ')}) cannot be mixed with plain keys; ${LITERAL_HINT}`);
    }
    rejectNestedOperators(v, at);
    contained.push([key, v]);
  }
  if (contained.length > 0) conditions.unshift(containment(column, contained));
  return allOf(conditions);
}

function containment(column: Prisma.Sql, entries: [string, unknown][]): Condition {
  if (entries.length === 0) return null;
  // fromEntries defines own properties, so a key such as "__proto__" stays data.
  const json = JSON.stringify(Object.fromEntries(entries));
  return Prisma.sql`(${column} @> CAST(${json} AS jsonb))`;
}

/** Keyed operators exist one level deep only; deeper operator objects would silently compare as literal JSON. */
function rejectNestedOperators(value: unknown, path: string): void {
  if (!isPlainObject(value)) return;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every(isOperator)) {
    fail(path, `Operators are only supported on top-level metadata keys; ${LITERAL_HINT}`);
  }
  for (const [k, v] of Object.entries(value)) rejectNestedOperators(v, childPath(path, k));
}

function keyedOperators(column: Prisma.Sql, key: string, ops: Record<string, unknown>, path: string): Condition {
  const text = Prisma.sql`(${column} ->> CAST(${key} AS text))`;
  return allOf(Object.entries(ops).map(([op, operand]) => keyedOperator(text, op, operand, childPath(path, op))));
}

type Scalar = string | number | boolean;

function keyedOperator(text: Prisma.Sql, op: string, operand: unknown, path: string): Condition {
  if (!isOperator(op)) unknownOperator(path, op);
  if (operand === undefined) return null;
  if (op === 'ne' && operand === null) return Prisma.sql`(${text} IS NOT NULL)`;
  if (operand === null) nullOperand(path, op);
  if (op === 'contains' || op === 'icontains') return ilike(text, operand, path, op);
  if (op === 'in') return keyedIn(text, operand, path);
  const value = scalar(operand, path);
  const asText = typeof value === 'string' ? value : String(value);
  const numeric = numericOperand(value);
  if (op === 'ne') {
    const distinctText = Prisma.sql`${text} IS DISTINCT FROM CAST(${asText} AS text)`;
    if (numeric === null) return Prisma.sql`(${distinctText})`;
    return Prisma.sql`(CASE WHEN ${text} ~ ${NUMERIC_TEXT_SQL}
      THEN CAST(${text} AS numeric) IS DISTINCT FROM CAST(${numeric} AS numeric) ELSE ${distinctText} END)`;
  }
  if (!isOrderedOperator(op)) unknownOperator(path, op);
  // Lexicographic means by code point, whatever the database's default collation.
  const lexicographic = Prisma.sql`${text} COLLATE "C" ${comparison(op)} CAST(${asText} AS text)`;
  if (numeric === null) return Prisma.sql`(${lexicographic})`;
  // The regex guard runs before the cast, so a non-numeric stored text never raises a cast error.
  return Prisma.sql`(CASE WHEN ${text} ~ ${NUMERIC_TEXT_SQL}
    THEN CAST(${text} AS numeric) ${comparison(op)} CAST(${numeric} AS numeric) ELSE ${lexicographic} END)`;
}

/** `in` compares the key's text with each operand as a string (booleans as "true"/"false"). */
function keyedIn(text: Prisma.Sql, operand: unknown, path: string): Condition {
  if (!Array.isArray(operand)) fail(path, "Operator 'in' expects an array");
  const strings: string[] = [];
  let matchesNull = false;
  for (const [i, v] of operand.entries()) {
    if (v === '*') return null;
    if (v === null) matchesNull = true;
    else strings.push(String(scalar(v, childPath(path, i))));
  }
  const parts: Prisma.Sql[] = [];
  if (strings.length > 0) parts.push(Prisma.sql`${text} = ANY(CAST(${strings} AS text[]))`);
  if (matchesNull) parts.push(Prisma.sql`${text} IS NULL`);
  return parts.length === 0 ? SQL_FALSE : Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

function scalar(value: unknown, path: string): Scalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  fail(path, 'Expected a string, number or boolean');
}

/** The operand as numeric text when it is a number or a numeric string; booleans and other strings compare as text. */
function numericOperand(value: Scalar): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && isNumericText(value)) return value;
  return null;
}
