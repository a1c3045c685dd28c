import 'server-only';
// Budgets on the breadth and depth of a wire filter (docs/limits.md), checked before anything recurses into it or any
// SQL is built. Without them a single list or search request could bind more parameters than node-postgres' 16-bit
// count holds (a 500), spend seconds composing SQL on the event loop, or overflow the stack on deeply nested arrays.
import { FilterRejectedError } from './filter-rejected-error';

/** JSON values (objects, arrays, scalars) one filter may hold. */
export const MAX_FILTER_NODES = 10_000;
/** Elements of one array (an `in` list, an AND/OR/NOT group, a source_ids list). */
export const MAX_FILTER_ARRAY_ITEMS = 5_000;
/** JSON nesting of the whole filter (combinators nest at most 5 deep, docs/api.md#s2-1; metadata values add up to 5 more). */
export const MAX_FILTER_NESTING = 32;
/** Bind parameters of one compiled filter; well below PostgreSQL's 65,535 so the rest of the query always fits. */
export const MAX_FILTER_BIND_PARAMETERS = 5_000;

/**
 * Walks the filter with an explicit stack (never recursion, so no depth can overflow it) and throws
 * FilterRejectedError at the first budget it breaks.
 */
export function checkFilterBudget(filter: unknown, path: string): void {
  const stack: { value: unknown; depth: number }[] = [{ value: filter, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > MAX_FILTER_NODES) reject(path, `Filters may hold at most ${MAX_FILTER_NODES} values`);
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_FILTER_NESTING) reject(path, `Filters may nest at most ${MAX_FILTER_NESTING} levels of JSON`);
    const children = Array.isArray(value) ? value : Object.values(value);
    if (Array.isArray(value) && value.length > MAX_FILTER_ARRAY_ITEMS) {
      reject(path, `Filter arrays may hold at most ${MAX_FILTER_ARRAY_ITEMS} items`);
    }
    // Counted before they are pushed, so a wide object cannot make the stack itself large.
    if (nodes + stack.length + children.length > MAX_FILTER_NODES) reject(path, `Filters may hold at most ${MAX_FILTER_NODES} values`);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
}

/** The compiled condition's parameter count against its budget. */
export function checkBindParameters(count: number, path: string): void {
  if (count > MAX_FILTER_BIND_PARAMETERS) {
    reject(path, `Filters compile to ${count} bound values; at most ${MAX_FILTER_BIND_PARAMETERS} are allowed`);
  }
}

function reject(path: string, message: string): never {
  throw new FilterRejectedError(path, message);
}
