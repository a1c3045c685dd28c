// /mcp under the REST API's limits: each REST call a tool makes spends the credential's rate-limit budget (the MCP
// handshake and tools/list spend nothing), and the request body has the REST JSON size limit.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT } from '@/server/http/read-body';
import { APP_BASE_URL, appFetch, call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();
afterAll(() => {
  delete process.env.RATE_LIMIT_ENABLED;
  delete process.env.RATE_LIMIT_REQUESTS;
  delete process.env.RATE_LIMIT_WINDOW_SECONDS;
});

const LIMIT = 3;

describe('/mcp limits', () => {
  it('spends one request of the budget per REST call and refuses past it with the REST detail', async () => {
    const workspace = uniqueId('mcprate');
    await seedTenant({ workspace });
    const { key } = await insertApiKey({ workspace });
    process.env.RATE_LIMIT_ENABLED = 'true';
    process.env.RATE_LIMIT_REQUESTS = String(LIMIT);
    // A long window, so the burst below cannot straddle two windows.
    process.env.RATE_LIMIT_WINDOW_SECONDS = '3600';
    const client = new Client({ name: 'limits', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', APP_BASE_URL), { requestInit: { headers: bearer(key) }, fetch: (u, i) => appFetch(u, i) }),
    );
    try {
      // Neither the handshake above nor listings spend the budget.
      for (let i = 0; i < LIMIT + 1; i += 1) expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      for (let i = 0; i < LIMIT; i += 1) {
        const ok = (await client.callTool({ name: 'list_peers', arguments: {} })) as CallToolResult;
        expect(ok.isError, JSON.stringify(ok.content)).toBeFalsy();
      }
      const refused = (await client.callTool({ name: 'list_peers', arguments: {} })) as CallToolResult;
      expect(refused.isError).toBe(true);
      const rest = await call('POST', `/v3/workspaces/${workspace}/peers/list`, {}, bearer(key));
      expect(rest.status).toBe(429);
      expect(refused.content).toEqual([{ type: 'text', text: ((await rest.json()) as { detail: string }).detail }]);
    } finally {
      await client.close();
      delete process.env.RATE_LIMIT_ENABLED;
    }
  });

  it('refuses a body over the REST JSON limit with 413', async () => {
    const workspace = uniqueId('mcpbody');
    await seedTenant({ workspace });
    const { key } = await insertApiKey({ workspace });
    const padding = 'x'.repeat(JSON_BODY_LIMIT);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { padding } } });
    const response = await call('POST', '/mcp', body, { ...bearer(key), accept: 'application/json, text/event-stream' });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: `Request body exceeds ${JSON_BODY_LIMIT} bytes` });
  });
});
