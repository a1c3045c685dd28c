// The MCP server at /mcp, driven by the official SDK's own Client over its Streamable HTTP transport, answered in
// process by the real route files (real database, offline dialectic engine): tools/list, a whole flow with a
// workspace key, scope refusals worded like the REST API's, bad credentials, unknown tools and invalid arguments.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_TOOLS } from '@/server/mcp/tools';
import { MCP_REST_HANDLERS } from '@/app/mcp/rest-handlers';
import { routes } from '@/contracts/routes';
import { APP_BASE_URL, appFetch, call, match } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { useDialecticModel } from '../dialectic/mock-model';
import { runWorker } from '../reasoning/reasoning-fixtures';

enableApiAuth();
provideTestDatabase();
beforeAll(() => useDialecticModel(null));
afterAll(() => useDialecticModel(null));

const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
});

async function connect(token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', APP_BASE_URL), {
    requestInit: { headers: bearer(token) },
    fetch: (url, init) => appFetch(url, init),
  });
  const client = new Client({ name: 'rapport-tests', version: '1' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (result: CallToolResult) => (result.content[0] as { type: 'text'; text: string }).text;
const json = (result: CallToolResult) => {
  expect(result.isError, text(result)).toBeFalsy();
  return JSON.parse(text(result)) as unknown;
};

async function restDetail(response: Response): Promise<string> {
  expect(response.status).toBeGreaterThanOrEqual(400);
  return ((await response.json()) as { detail: string }).detail;
}

describe('tools/list', () => {
  it('lists every tool with a JSON Schema derived from the REST contract', async () => {
    const workspace = uniqueId('mcplist');
    await seedTenant({ workspace });
    const client = await connect((await insertApiKey({ workspace })).key);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(MCP_TOOLS.map((t) => t.name));
    for (const name of [
      'inspect_workspace', 'search', 'get_metadata', 'set_metadata', 'create_peer', 'list_peers', 'chat', 'get_peer_card',
      'set_peer_card', 'get_peer_context', 'get_representation', 'create_session', 'list_sessions', 'delete_session',
      'clone_session', 'add_peers_to_session', 'remove_peers_from_session', 'get_session_peers', 'inspect_session',
      'add_messages_to_session', 'get_session_messages', 'get_session_message', 'get_session_context', 'list_conclusions',
      'query_conclusions', 'create_conclusions', 'delete_conclusion', 'schedule_dream', 'get_queue_status',
    ]) {
      expect(tools.some((t) => t.name === name), name).toBe(true);
    }
    const addMessages = tools.find((t) => t.name === 'add_messages_to_session')!;
    expect(addMessages.inputSchema.required).toEqual(expect.arrayContaining(['session_id', 'messages']));
    expect(addMessages.inputSchema.required).not.toContain('workspace_id');
    // The message item is the REST contract's MessageCreate: its 25,000-character cap comes along.
    expect(JSON.stringify(addMessages.inputSchema)).toContain('25000');
  });
});

describe('a workspace key', () => {
  it('creates a peer, adds messages, chats and queries conclusions without naming the workspace', async () => {
    const workspace = uniqueId('mcpflow');
    await seedTenant({ workspace });
    const client = await connect((await insertApiKey({ workspace })).key);

    const peer = json(await tool(client, 'create_peer', { peer_id: 'alice', metadata: { role: 'user' } }));
    expect(peer).toMatchObject({ id: 'alice', workspace_id: workspace, metadata: { role: 'user' } });
    const added = json(
      await tool(client, 'add_messages_to_session', {
        session_id: 's1',
        messages: [
          { peer_id: 'alice', content: 'I moved to Lisbon last spring and I work as a nurse.' },
          { peer_id: 'bob', content: 'Lisbon is lovely in the spring.' },
        ],
      }),
    ) as { id: string; content: string }[];
    expect(added.map((m) => m.content)).toEqual(['I moved to Lisbon last spring and I work as a nurse.', 'Lisbon is lovely in the spring.']);
    const one = json(await tool(client, 'get_session_message', { session_id: 's1', message_id: added[0]!.id }));
    expect(one).toMatchObject({ id: added[0]!.id, peer_id: 'alice' });

    await runWorker();

    const found = json(await tool(client, 'query_conclusions', { observer_id: 'alice', query: 'Lisbon', limit: 5 })) as { content: string }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((c) => /Lisbon/.test(c.content))).toBe(true);
    const answer = json(await tool(client, 'chat', { peer_id: 'alice', query: 'Where does alice live? Lisbon?' })) as { content: string };
    expect(answer.content).toContain('Lisbon');

    const inspected = json(await tool(client, 'inspect_session', { session_id: 's1' })) as { peer_ids: string[] };
    expect(inspected.peer_ids).toEqual(['alice', 'bob']);
    const ws = json(await tool(client, 'inspect_workspace', {})) as { peer_ids: string[]; session_ids: string[] };
    expect(ws.peer_ids).toEqual(expect.arrayContaining(['alice', 'bob']));
    expect(ws.session_ids).toEqual(['s1']);
  });

  it('is refused outside its workspace with the words of the REST API', async () => {
    const mine = uniqueId('mcpmine');
    const theirs = uniqueId('mcptheirs');
    await seedTenant({ workspace: mine });
    await seedTenant({ workspace: theirs, peers: ['carol'] });
    const { key } = await insertApiKey({ workspace: mine });
    const client = await connect(key);

    const refused = await tool(client, 'list_peers', { workspace_id: theirs });
    expect(refused.isError).toBe(true);
    const rest = await restDetail(await call('POST', `/v3/workspaces/${theirs}/peers/list`, {}, bearer(key)));
    expect(text(refused)).toBe(rest);
    expect(rest).toBe('JWT not permissioned for this resource');

    const chat = await tool(client, 'chat', { workspace_id: theirs, peer_id: 'carol', query: 'hi' });
    expect(chat.isError).toBe(true);
    expect(text(chat)).toBe(rest);
  });
});

describe('a peer key', () => {
  it('reaches its own peer and nothing else', async () => {
    const workspace = uniqueId('mcppeer');
    await seedTenant({ workspace, peers: ['alice', 'bob'] });
    const { key } = await insertApiKey({ workspace, scope: 'peer', peer: 'alice' });
    const client = await connect(key);
    const card = json(await tool(client, 'get_peer_card', { peer_id: 'alice' }));
    expect(card).toEqual({ peer_card: null });
    const refused = await tool(client, 'get_peer_card', { peer_id: 'bob' });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toBe(await restDetail(await call('GET', `/v3/workspaces/${workspace}/peers/bob/card`, undefined, bearer(key))));
    const list = await tool(client, 'list_peers', {});
    expect(list.isError).toBe(true);
    expect(text(list)).toBe(await restDetail(await call('POST', `/v3/workspaces/${workspace}/peers/list`, {}, bearer(key))));
  });
});

describe('errors', () => {
  it('answers a bad credential with the REST 401 and no MCP session', async () => {
    await expect(connect('rk_not_a_real_key')).rejects.toThrow();
    const response = await call('POST', '/mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { ...bearer('rk_not_a_real_key'), accept: 'application/json, text/event-stream' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: await restDetail(await call('POST', '/v3/workspaces/list', {}, bearer('rk_not_a_real_key'))) });
    const anonymous = await call('POST', '/mcp', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { accept: 'application/json, text/event-stream' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ detail: 'No access token provided' });
  });

  it('is stateless: no session id, GET and DELETE are 405, malformed JSON is a JSON-RPC parse error', async () => {
    const token = await jwt({ ad: true });
    const accept = { accept: 'application/json, text/event-stream' };
    const listed = await call('POST', '/mcp', { jsonrpc: '2.0', id: 7, method: 'tools/list' }, { ...bearer(token), ...accept });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('mcp-session-id')).toBeNull();
    expect(((await listed.json()) as { id: number }).id).toBe(7);
    for (const method of ['GET', 'DELETE']) {
      const response = await call(method, '/mcp', undefined, { ...bearer(token), ...accept });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toContain('POST');
    }
    const malformed = await call('POST', '/mcp', '{"jsonrpc":', { ...bearer(token), ...accept, 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('rejects an unknown tool as a protocol error', async () => {
    const client = await connect(await jwt({ ad: true }));
    const failure = await client.callTool({ name: 'no_such_tool', arguments: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(McpError);
    expect((failure as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((failure as McpError).message).toContain('Unknown tool: no_such_tool');
  });

  it('reports invalid arguments as a tool error worded like the REST detail', async () => {
    const workspace = uniqueId('mcpinvalid');
    await seedTenant({ workspace });
    const { key } = await insertApiKey({ workspace });
    const client = await connect(key);
    const body = { messages: [{ content: 'no author' }] };
    const result = await tool(client, 'add_messages_to_session', { session_id: 's1', ...body });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('messages[0].peer_id: Field required');
    expect(text(result)).toBe(await restDetail(await call('POST', `/v3/workspaces/${workspace}/sessions/s1/messages`, body, bearer(key))));

    const tooMany = await tool(client, 'query_conclusions', { observer_id: 'alice', query: 'x', limit: 500 });
    expect(tooMany.isError).toBe(true);
    const restTooMany = await call('POST', `/v3/workspaces/${workspace}/conclusions/query`, { query: 'x', top_k: 500, filters: { observer_id: 'alice', observed_id: 'alice' } }, bearer(key));
    expect(text(tooMany)).toBe((await restDetail(restTooMany)).replace('top_k', 'limit'));

    const missing = await tool(client, 'get_peer_card', { peer_id: 'nobody' });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toBe(await restDetail(await call('GET', `/v3/workspaces/${workspace}/peers/nobody/card`, undefined, bearer(key))));
  });

  it('asks an admin credential to name the workspace', async () => {
    const client = await connect(await jwt({ ad: true }));
    const result = await tool(client, 'list_peers', {});
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('workspace_id: Field required');
  });
});

describe('the handler table', () => {
  it('maps each contract to the export of the route file serving its path and method', async () => {
    for (const [id, handler] of Object.entries(MCP_REST_HANDLERS)) {
      const contract = routes.find((r) => r.id === id);
      expect(contract, id).toBeDefined();
      const found = match(contract!.path.replace(/\{[^}]+\}/g, 'sample'));
      const mod = await found!.entry.load();
      expect(mod[contract!.method], `${id} → ${found!.entry.file}`).toBe(handler);
    }
  });
});
