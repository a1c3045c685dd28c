// The response-contract hook of the in-process app (tests/support/response-contract.ts, docs/architecture.md#response-contracts):
// it must pick the right route, accept a body that matches, and fail loudly on one that does not.
import { describe, expect, it, vi } from 'vitest';
import { deleteConclusionRoute } from '@/contracts/conclusions';
import { updateWorkspaceRoute } from '@/contracts/workspaces';
import { route } from '@/server/http/route';
import { APP_BASE_URL, appFetch } from '../support/app-fetch';
import { assertResponseMatchesContract, contractFor, ResponseContractError, responseContractViolation } from '../support/response-contract';

process.env.AUTH_DISABLED ??= 'true';

// /health answers whatever the health service reports, so a report outside the contract makes a real route answer a
// wrong shape without touching a database.
const health = vi.hoisted(() => ({ report: {} as Record<string, unknown> }));
vi.mock('@/server/services/health/get-health', () => ({ getHealth: async () => health.report }));
// `connection()` needs Next's request scope, which in-process calls do not have.
vi.mock('next/server', () => ({ connection: async () => undefined }));

const workspace = { id: 'w1', metadata: {}, configuration: {}, created_at: '2026-01-01T00:00:00Z' };
const jsonAnswer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

describe('response contract hook', () => {
  it('finds the contract of a concrete path, static segments first', () => {
    expect(contractFor('POST', '/v3/workspaces/w1/peers/list')?.id).toBe('listPeers');
    expect(contractFor('GET', '/v3/workspaces/w1/peers/alice/card')?.path).toBe('/v3/workspaces/{workspace_id}/peers/{peer_id}/card');
    // No static PUT is registered at …/sessions/list, so it is the dynamic session route.
    expect(contractFor('PUT', '/v3/workspaces/w1/sessions/list')?.path).toBe('/v3/workspaces/{workspace_id}/sessions/{session_id}');
    expect(contractFor('GET', '/v3/nothing-here')).toBeUndefined();
  });

  it('accepts a body that matches the response schema', () => {
    expect(responseContractViolation('PUT', '/v3/workspaces/w1', 200, workspace)).toBeNull();
  });

  it('names the route and the field when the schema rejects the body', () => {
    const violation = responseContractViolation('PUT', '/v3/workspaces/w1', 200, { ...workspace, id: 7, created_at: undefined });
    expect(violation).toContain('PUT /v3/workspaces/{workspace_id} (updateWorkspace) answered 200');
    expect(violation).toMatch(/body\.id: /);
    expect(violation).toMatch(/body\.created_at: /);
  });

  it('reports fields the schema does not declare, at any depth', () => {
    const page = { items: [{ ...workspace, secret: 'x' }], page: 1, size: 50, total: 1, pages: 1 };
    const violation = responseContractViolation('POST', '/v3/workspaces/list', 200, page);
    expect(violation).toContain('does not declare');
    expect(violation).toContain('body.items[0].secret');
  });

  it('uses the schema of an extra 2xx status and reports a JSON body on a route that documents none', () => {
    expect(responseContractViolation('POST', '/v3/workspaces', 200, workspace)).toBeNull();
    expect(responseContractViolation('POST', '/v3/workspaces', 201, { id: 'w1' })).toMatch(/body\.created_at/);
    expect(responseContractViolation('DELETE', '/v3/workspaces/w1/conclusions/c1', 204, {})).toContain('documents no JSON response');
  });

  it('throws a ResponseContractError for a wrong 2xx JSON answer and ignores errors and non-JSON answers', async () => {
    const request = new Request(`${APP_BASE_URL}/v3/workspaces/w1`, { method: 'PUT' });
    await expect(assertResponseMatchesContract(request, jsonAnswer({ id: 'w1' }))).rejects.toThrow(ResponseContractError);
    await expect(assertResponseMatchesContract(request, jsonAnswer({ id: 'w1' }))).rejects.toThrow(/updateWorkspace/);
    await expect(assertResponseMatchesContract(request, jsonAnswer({ detail: 'nope' }, 404))).resolves.toBeUndefined();
    await expect(assertResponseMatchesContract(request, new Response('{', { status: 200, headers: { 'content-type': 'text/plain' } }))).resolves.toBeUndefined();
    await expect(assertResponseMatchesContract(request, jsonAnswer(workspace))).resolves.toBeUndefined();
  });

  it('runs inside appFetch: a real route answering a wrong shape fails the call', async () => {
    health.report = { healthy: true, database: 'embedded', vector: 'pgvector' };
    const good = await appFetch(`${APP_BASE_URL}/health`);
    expect(good.status).toBe(200);
    // The caller can still read the body after the hook read its clone.
    expect((await good.json()).database).toBe('embedded');

    health.report = { healthy: true, database: 'mainframe', vector: 'pgvector' };
    await expect(appFetch(`${APP_BASE_URL}/health`)).rejects.toThrow(/GET \/health \(getHealth\) answered 200[^]*body\.database/);
  });
});

// `tsc` over the tests checks these: each @ts-expect-error fails the type check if the line ever compiles.
describe('response types of route handlers', () => {
  it('accept the contract shape and refuse others at compile time', () => {
    const handlers = [
      route(updateWorkspaceRoute, async () => ({ body: workspace })),
      // @ts-expect-error a field of the wrong type
      route(updateWorkspaceRoute, async () => ({ body: { ...workspace, id: 7 } })),
      // @ts-expect-error a missing field
      route(updateWorkspaceRoute, async () => ({ body: { id: 'w1', metadata: {}, configuration: {} } })),
      // @ts-expect-error no body where the contract documents one
      route(updateWorkspaceRoute, async () => ({ status: 200 })),
      route(deleteConclusionRoute, async () => ({})),
      // @ts-expect-error a body on a route that documents none (204)
      route(deleteConclusionRoute, async () => ({ body: { deleted: true } })),
    ];
    expect(handlers.every((handler) => typeof handler === 'function')).toBe(true);
  });
});
