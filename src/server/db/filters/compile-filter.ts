import 'server-only';
// The filter DSL compiler (docs/api.md#s2): a `filters` object from a list, search or conclusion query becomes one SQL
// condition over the resource's allow-listed columns. Structure and combinators live here; values are compiled per
// column kind (column-filter.ts, metadata-filter.ts). Operands are always bound parameters.
import { Prisma } from '@/generated/prisma/client';
import type { FilterColumns } from './filter-columns';
import { compileColumnValue } from './column-filter';
import { compileMetadataValue } from './metadata-filter';
import { checkBindParameters, checkFilterBudget } from './filter-budget';
import { allOf, anyOf, childPath, fail, isPlainObject, sanitizeFilter, SQL_FALSE, SQL_TRUE, type Condition } from './filter-support';

/** How many combinators (AND/OR/NOT) may nest inside one another (docs/api.md#s2-1). */
export const MAX_FILTER_DEPTH = 5;

export type CompileFilterOptions = {
  /** Display name in error messages, e.g. `Peer`, `Message`. */
  resource: string;
  /** Error-path prefix; default `body.filters`. */
  path?: string;
};

type Context = { columns: FilterColumns; resource: string };

/**
 * Compiles a wire filter to a SQL condition (`TRUE` for `undefined`, `null` or `{}`).
 * Throws FilterRejectedError (422 at the edges) with a path into the filter for anything the contract or a budget
 * (filter-budget.ts) rejects.
 */
export function compileFilter(filter: unknown, columns: FilterColumns, options: CompileFilterOptions): Prisma.Sql {
  const path = options.path ?? 'body.filters';
  if (filter === undefined || filter === null) return SQL_TRUE;
  if (!isPlainObject(filter)) fail(path, 'Filters must be a JSON object');
  checkFilterBudget(filter, path);
  const condition = compileObject(sanitizeFilter(filter) as Record<string, unknown>, { columns, resource: options.resource }, path, 0);
  if (condition) checkBindParameters(condition.values.length, path);
  return condition ?? SQL_TRUE;
}

/** Sibling keys are ANDed; `depth` counts the combinators this object is nested in. */
function compileObject(filter: Record<string, unknown>, ctx: Context, path: string, depth: number): Condition {
  const conditions: Condition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    const at = childPath(path, key);
    if (key === 'AND' || key === 'OR' || key === 'NOT') {
      conditions.push(compileCombinator(key, value, ctx, at, depth + 1));
      continue;
    }
    const column = Object.hasOwn(ctx.columns, key) ? ctx.columns[key] : undefined;
    if (!column) fail(at, `Column '${key}' is not allowed to be filtered on or does not exist on ${ctx.resource}`);
    conditions.push(column.kind === 'json' ? compileMetadataValue(column.sql, value, at) : compileColumnValue(column, value, at));
  }
  return allOf(conditions);
}

function compileCombinator(key: 'AND' | 'OR' | 'NOT', value: unknown, ctx: Context, path: string, depth: number): Condition {
  if (!Array.isArray(value)) fail(path, `${key} must be an array of filter objects`);
  if (depth > MAX_FILTER_DEPTH) fail(path, `Filters may nest at most ${MAX_FILTER_DEPTH} levels of AND/OR/NOT`);
  const items = value.map((item, i) => {
    const at = childPath(path, i);
    if (!isPlainObject(item)) fail(at, `Each ${key} entry must be a filter object`);
    return compileObject(item, ctx, at, depth);
  });
  if (key === 'AND') return allOf(items);
  if (key === 'OR') return items.length === 0 ? null : anyOf(items);
  // NOT [a, b] = (a IS NOT TRUE) AND (b IS NOT TRUE): rows where a compared column is NULL satisfy it.
  return allOf(items.map((c) => (c === null ? SQL_FALSE : Prisma.sql`((${c}) IS NOT TRUE)`)));
}
