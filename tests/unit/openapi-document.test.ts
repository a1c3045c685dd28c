// The OpenAPI document is generated from the route registry alone; these tests pin what clients and the docs page rely on.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineRoute, routes, serviceRoutes, type RouteContract } from '@/contracts/routes';
import { buildOpenApiDocument, getOpenApiDocument } from '@/server/openapi/build-openapi-document';
import { findRouteRegistryProblems } from '@/server/openapi/check-route-registry';

describe('OpenAPI document', () => {
  const doc = getOpenApiDocument();

  it('is OpenAPI 3.1 titled "Rapport API" with a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Rapport API');
    expect(doc.info.description).toMatch(/Honcho v3/);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every registry route once, with its auth code', () => {
    for (const route of routes) {
      const operation = doc.paths?.[route.path]?.[route.method.toLowerCase() as 'get'];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation?.operationId).toBe(route.id);
      expect(operation?.['x-rapport-auth']).toBe(route.auth);
    }
  });

  it('marks the service routes as open and documents the health shapes', () => {
    const health = doc.paths?.['/health']?.get;
    expect(health?.security).toEqual([]);
    expect(Object.keys(health?.responses ?? {})).toEqual(expect.arrayContaining(['200', '503']));
    expect(doc.components?.schemas?.Health).toMatchObject({
      properties: { status: { enum: ['ok'] }, database: { enum: ['embedded', 'server'] } },
    });
    expect(doc.paths?.['/docs']?.get?.responses?.['200']?.content?.['text/html']).toBeDefined();
  });

  it('adds path parameters, auth and validation errors for a /v3 route', () => {
    const route = defineRoute({
      id: 'updateWorkspace',
      method: 'PUT',
      path: '/v3/workspaces/{workspace_id}',
      auth: 'W',
      tag: 'Workspaces',
      summary: 'Update a workspace',
      params: z.object({ workspace_id: z.string() }),
      body: z.object({ metadata: z.record(z.string(), z.unknown()).optional() }),
      response: z.object({ id: z.string() }),
      status: 200,
    });
    // Built from the service routes only: the real registry now serves this path itself.
    const built = buildOpenApiDocument([...serviceRoutes, route]);
    const operation = built.paths?.['/v3/workspaces/{workspace_id}']?.put;
    expect(operation?.security).toEqual([{ bearerAuth: [] }]);
    expect(operation?.parameters).toEqual([expect.objectContaining({ name: 'workspace_id', in: 'path', required: true })]);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '422', '500']));
    expect(built.tags?.map((tag) => tag.name)).toEqual(['Service', 'Workspaces']);
  });

  it('rejects registry entries whose placeholders and params disagree, or that repeat an operation', () => {
    const broken: RouteContract = { ...routes[0]!, id: 'broken', path: '/v3/things/{thing_id}' };
    expect(findRouteRegistryProblems([...routes, broken])).toEqual([expect.stringContaining('placeholders [thing_id]')]);
    expect(findRouteRegistryProblems([...routes, { ...routes[0]!, id: 'again' }])).toEqual([
      expect.stringContaining('duplicate method and path'),
    ]);
    expect(() => buildOpenApiDocument([...routes, broken])).toThrow(/inconsistent/);
  });
});
