// The route registry: every HTTP route Rapport serves, with its auth scope and wire schemas. It is the only input of
// the OpenAPI document and the docs page, and conformance tests compare it with the route.ts files under src/app.
import { defineRoute, type RouteContract } from './route-contract';
import { chatRoutes } from './chat';
import { conclusionsRoutes } from './conclusions';
import { contextRoutes } from './context';
import { dreamsRoutes } from './dreams';
import { keysRoutes } from './keys';
import { messagesRoutes } from './messages';
import { peersRoutes } from './peers';
import { portabilityRoutes } from './portability';
import { queueRoutes } from './queue';
import { representationRoutes } from './representation';
import { conclusionQueryRoutes, searchRoutes } from './search';
import { healthResponseSchema, healthUnavailableSchema, openApiDocumentSchema } from './service';
import { scopesRoutes } from './scopes';
import { sessionsRoutes } from './sessions';
import { webhooksRoutes } from './webhooks';
import { workspacesRoutes } from './workspaces';

export {
  AUTH_SCOPES,
  AUTH_SCOPE_DESCRIPTIONS,
  HTTP_METHODS,
  ROUTE_TAGS,
  defineRoute,
  type AuthScope,
  type HttpMethod,
  type RouteContract,
  type RouteTag,
} from './route-contract';

// ─── Service routes (docs/api.md#s3-1): unversioned, never authenticated ───────────────────────────────────────

export const getHealthRoute = defineRoute({
  id: 'getHealth',
  method: 'GET',
  path: '/health',
  auth: 'none',
  tag: 'Service',
  summary: 'Liveness, database mode and vector mode',
  description:
    'Answers 200 while the server can reach its database. Load balancers and SDK test harnesses poll it. ' +
    'Extra fields may be added over time.',
  response: healthResponseSchema,
  status: 200,
  extraResponses: {
    503: { description: 'The database is unreachable.', schema: healthUnavailableSchema },
  },
});

export const getOpenApiDocumentRoute = defineRoute({
  id: 'getOpenApiDocument',
  method: 'GET',
  path: '/openapi.json',
  auth: 'none',
  tag: 'Service',
  summary: 'This OpenAPI 3.1 document',
  description: 'Generated from the route registry, so it always matches what the server answers.',
  response: openApiDocumentSchema,
  status: 200,
});

export const getDocsRoute = defineRoute({
  id: 'getDocs',
  method: 'GET',
  path: '/docs',
  auth: 'none',
  tag: 'Service',
  summary: 'Human-readable API reference',
  description: 'An HTML rendering of this document. Always 200, never a redirect.',
  responseMediaType: 'text/html',
  status: 200,
});

export const serviceRoutes = [getHealthRoute, getOpenApiDocumentRoute, getDocsRoute] as const;

// ─── The registry ────────────────────────────────────────────────────────────────────────────────────────────────

/** Every route, in the order the OpenAPI document and the docs list them within a tag. */
export const routes: readonly RouteContract[] = [
  ...serviceRoutes,
  ...keysRoutes,
  ...workspacesRoutes,
  ...peersRoutes,
  ...sessionsRoutes,
  ...messagesRoutes,
  ...chatRoutes,
  ...conclusionsRoutes,
  ...conclusionQueryRoutes,
  ...searchRoutes,
  ...representationRoutes,
  ...contextRoutes,
  ...dreamsRoutes,
  ...queueRoutes,
  ...webhooksRoutes,
  ...scopesRoutes,
  ...portabilityRoutes,
];

/** Finds the contract of a method and OpenAPI-style path, e.g. `('GET', '/health')`. */
export function findRoute(method: string, path: string): RouteContract | undefined {
  const upper = method.toUpperCase();
  return routes.find((route) => route.method === upper && route.path === path);
}
