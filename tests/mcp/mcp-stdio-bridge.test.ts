// The stdio bridge of `npm run mcp`: an MCP client on one end of an in-memory transport pair (where a desktop client
// would sit on stdio), the bridge on the other, forwarding over Streamable HTTP to the real /mcp route in process.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectUpstream, createBridgeServer, readBridgeConfig } from '@/mcp-bridge/stdio-bridge';
import { MCP_TOOLS } from '@/server/mcp/tools';
import { APP_BASE_URL, appFetch } from '../support/app-fetch';
import { enableApiAuth, insertApiKey, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function bridged(apiKey: string): Promise<Client> {
  const config = readBridgeConfig({ RAPPORT_URL: APP_BASE_URL, RAPPORT_API_KEY: apiKey });
  const upstream = await connectUpstream(config, (url, init) => appFetch(url, init));
  const server = createBridgeServer(upstream, config);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'desktop', version: '1' });
  await client.connect(clientSide);
  closers.push(() => client.close(), () => server.close(), () => upstream.close());
  return client;
}

/** A plain HTTP server answering through the in-process app, for a bridge running as a separate process. */
async function listen(): Promise<{ url: string; server: HttpServer }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void appFetch(`${APP_BASE_URL}${req.url}`, { method: req.method, headers, body }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('stdio bridge', () => {
  it('runs as `npm run mcp` does: a separate process speaking MCP on stdio', async () => {
    const workspace = uniqueId('mcpspawn');
    await seedTenant({ workspace });
    const { key } = await insertApiKey({ workspace });
    const { url, server } = await listen();
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'scripts/mcp-stdio.ts'],
      env: { PATH: process.env.PATH ?? '', RAPPORT_URL: url, RAPPORT_API_KEY: key },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'desktop', version: '1' });
    await client.connect(transport);
    closers.unshift(() => client.close());
    const result = (await client.callTool({ name: 'create_peer', arguments: { peer_id: 'spawned' } })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ id: 'spawned', workspace_id: workspace });
  });


  it('offers the endpoint’s tools and instructions and forwards calls, results and errors', async () => {
    const workspace = uniqueId('mcpbridge');
    await seedTenant({ workspace });
    const client = await bridged((await insertApiKey({ workspace })).key);
    expect(client.getServerVersion()?.name).toBe('rapport');
    expect(client.getInstructions()).toContain('add_messages_to_session');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(MCP_TOOLS.map((t) => t.name));

    const created = (await client.callTool({ name: 'create_peer', arguments: { peer_id: 'alice' } })) as CallToolResult;
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ id: 'alice', workspace_id: workspace });

    const invalid = (await client.callTool({ name: 'add_messages_to_session', arguments: { session_id: 's', messages: [] } })) as CallToolResult;
    expect(invalid.isError).toBe(true);
    expect(invalid.content).toEqual([{ type: 'text', text: 'messages: At least 1 message is required' }]);

    const unknown = await client.callTool({ name: 'nope', arguments: {} }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(McpError);
    expect((unknown as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it('fails to start with a key the server refuses', async () => {
    const config = readBridgeConfig({ RAPPORT_URL: APP_BASE_URL, RAPPORT_API_KEY: 'rk_wrong' });
    await expect(connectUpstream(config, (url, init) => appFetch(url, init))).rejects.toThrow();
  });

  it('reads its settings from the environment', () => {
    expect(() => readBridgeConfig({})).toThrow('RAPPORT_API_KEY is required');
    expect(readBridgeConfig({ RAPPORT_API_KEY: 'k' }).endpoint.href).toBe('http://localhost:8000/mcp');
    expect(readBridgeConfig({ RAPPORT_API_KEY: 'k', RAPPORT_URL: 'https://r.example.com/base/' }).endpoint.href).toBe('https://r.example.com/base/mcp');
    expect(() => readBridgeConfig({ RAPPORT_API_KEY: 'k', RAPPORT_URL: 'ftp://x' })).toThrow('must be http(s)');
    expect(() => readBridgeConfig({ RAPPORT_API_KEY: 'k', RAPPORT_URL: 'not a url' })).toThrow('not a URL');
    expect(() => readBridgeConfig({ RAPPORT_API_KEY: 'k', RAPPORT_MCP_TIMEOUT_MS: '0' })).toThrow('positive integer');
    expect(readBridgeConfig({ RAPPORT_API_KEY: 'k', RAPPORT_MCP_TIMEOUT_MS: '1000' }).timeoutMs).toBe(1000);
  });
});
