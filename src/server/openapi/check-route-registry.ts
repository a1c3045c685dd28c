import 'server-only';

// Structural checks on the route registry, run before the OpenAPI document is built, so that a mistake in a new
// entry fails loudly (in tests and at the first /openapi.json request) instead of producing a subtly wrong document.
import { AUTH_SCOPES, HTTP_METHODS, ROUTE_TAGS, type RouteContract } from '@/contracts/routes';

const PLACEHOLDER = /\{([^{}]+)\}/g;
const PATH_SHAPE = /^\/(?:[A-Za-z0-9._-]+|\{[a-z_]+\})(?:\/(?:[A-Za-z0-9._-]+|\{[a-z_]+\}))*$/;

function placeholdersOf(path: string): string[] {
  return [...path.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Returns one message per problem; an empty list means the registry is consistent. */
export function findRouteRegistryProblems(routes: readonly RouteContract[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const operations = new Set<string>();
  const tags = new Set<string>(ROUTE_TAGS.map((tag) => tag.name));

  for (const route of routes) {
    const label = `${route.method} ${route.path} (${route.id})`;
    if (ids.has(route.id)) problems.push(`${label}: duplicate id`);
    ids.add(route.id);

    const operation = `${route.method} ${route.path}`;
    if (operations.has(operation)) problems.push(`${label}: duplicate method and path`);
    operations.add(operation);

    if (!HTTP_METHODS.includes(route.method)) problems.push(`${label}: unknown method`);
    if (!AUTH_SCOPES.includes(route.auth)) problems.push(`${label}: unknown auth scope ${String(route.auth)}`);
    if (!tags.has(route.tag)) problems.push(`${label}: unknown tag ${route.tag}`);
    if (!PATH_SHAPE.test(route.path)) problems.push(`${label}: path must be slash-separated, no trailing slash`);

    const declared = Object.keys(route.params?.shape ?? {}).sort();
    const used = placeholdersOf(route.path).sort();
    if (declared.join(',') !== used.join(',')) {
      problems.push(`${label}: path placeholders [${used.join(', ')}] differ from params [${declared.join(', ')}]`);
    }
    if (route.status === 204 && route.response) problems.push(`${label}: a 204 route cannot have a response body`);
    // DELETE may carry a body (DELETE …/sessions/{sess}/peers takes an array, docs/api.md#s1-2); GET never does.
    if (route.body && route.method === 'GET') problems.push(`${label}: GET routes cannot have a body`);
  }
  return problems;
}

/** Throws with every problem listed when the registry is inconsistent. */
export function assertRouteRegistry(routes: readonly RouteContract[]): void {
  const problems = findRouteRegistryProblems(routes);
  if (problems.length > 0) {
    throw new Error(`Route registry is inconsistent:\n- ${problems.join('\n- ')}`);
  }
}
