import 'server-only';

// Builds the OpenAPI 3.1 document from the route registry. The registry is the only input: adding a route there
// adds it here, to /openapi.json and to /docs, with no second description to drift.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';

import { errorBodySchema, validationErrorBodySchema } from '@/contracts/errors';
import { AUTH_SCOPE_DESCRIPTIONS, ROUTE_TAGS, routes as registryRoutes, type RouteContract } from '@/contracts/routes';
import packageJson from '../../../package.json';
import { assertRouteRegistry } from './check-route-registry';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** Extension on every operation carrying the auth code of docs/api.md#s3 (`none`, `A`, `W`, `W/P`, …). */
export const AUTH_EXTENSION = 'x-rapport-auth';

const DESCRIPTION = [
  'Rapport stores every conversation per user, derives facts about each user in the background and answers questions',
  'about a user on demand. The `/v3` routes are wire-compatible with Honcho v3, so the official `@honcho-ai/sdk`',
  'works unchanged when pointed at this server.',
  '',
  '**Authentication.** When auth is enabled, every `/v3` route needs `Authorization: Bearer <credential>`, where the',
  'credential is a Honcho-format JWT or a stored API key created in the admin console. Each operation lists the scope',
  `it accepts in \`${AUTH_EXTENSION}\`:`,
  ...Object.entries(AUTH_SCOPE_DESCRIPTIONS).map(([code, text]) => `- \`${code}\`: ${text}`),
  '',
  'Every authentication or authorization failure is a 401. Every error body is JSON with a string `detail`.',
].join('\n');

function successResponse(route: RouteContract): RouteConfig['responses'][string] {
  const description = route.summary;
  if (route.status === 204) return { description };
  const mediaType = route.responseMediaType ?? 'application/json';
  const schema = route.response ?? (mediaType === 'application/json' ? undefined : { type: 'string' as const });
  return schema ? { description, content: { [mediaType]: { schema } } } : { description };
}

function errorResponse(description: string, schema = errorBodySchema) {
  return { description, content: { 'application/json': { schema } } };
}

function responsesFor(route: RouteContract): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = { [route.status]: successResponse(route) };
  for (const [status, extra] of Object.entries(route.extraResponses ?? {})) {
    if (!extra) continue;
    responses[status] = extra.schema
      ? { description: extra.description, content: { 'application/json': { schema: extra.schema } } }
      : { description: extra.description };
  }
  // Outcomes every authenticated or validated route shares are added here, not repeated in each registry entry.
  if (route.auth !== 'none') responses['401'] ??= errorResponse('Missing, invalid or insufficient credential.');
  if (route.params || route.query || route.body) {
    responses['422'] ??= errorResponse('The path, query or body failed validation.', validationErrorBodySchema);
  }
  if (route.path.startsWith('/v3/')) responses['500'] ??= errorResponse('Unexpected failure: `{"detail":"Internal server error"}`.');
  return responses;
}

function toRouteConfig(route: RouteContract): RouteConfig {
  const request: NonNullable<RouteConfig['request']> = {};
  if (route.params) request.params = route.params;
  if (route.query) request.query = route.query;
  if (route.body) {
    const mediaType = route.bodyMediaType ?? 'application/json';
    request.body = { required: route.bodyRequired ?? true, content: { [mediaType]: { schema: route.body } } };
  }
  return {
    method: route.method.toLowerCase() as RouteConfig['method'],
    path: route.path,
    operationId: route.id,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: route.auth === 'none' ? [] : [{ bearerAuth: [] }],
    [AUTH_EXTENSION]: route.auth,
    ...(Object.keys(request).length > 0 ? { request } : {}),
    responses: responsesFor(route),
  };
}

export function buildOpenApiDocument(routes: readonly RouteContract[] = registryRoutes): OpenApiDocument {
  assertRouteRegistry(routes);
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A Honcho-format JWT (three dot-separated segments) or a stored API key from the admin console.',
  });
  for (const route of routes) registry.registerPath(toRouteConfig(route));

  const usedTags = new Set(routes.map((route) => route.tag));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version: packageJson.version,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: ROUTE_TAGS.filter((tag) => usedTags.has(tag.name)).map((tag) => ({ ...tag })),
    security: [{ bearerAuth: [] }],
  });
}

let cached: OpenApiDocument | undefined;

/** The document for the registry as shipped; built once per process because the registry never changes at run time. */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
