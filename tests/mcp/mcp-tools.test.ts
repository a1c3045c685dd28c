// Every MCP tool once, through the SDK Client over HTTP against the real route (real database, offline engines):
// each reaches its REST route and answers with that route's body, shaped as the tool describes.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_TOOLS } from '@/server/mcp/tools';
import { APP_BASE_URL, appFetch, call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { useDialecticModel } from '../dialectic/mock-model';

enableApiAuth();
provideTestDatabase();
beforeAll(() => useDialecticModel(null));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
  useDialecticModel(null);
});

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'every-tool', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', APP_BASE_URL), { requestInit: { headers: bearer(token) }, fetch: (u, i) => appFetch(u, i) }),
  );
  clients.push(client);
  return client;
}

const used = new Set<string>();

async function ok(client: Client, name: string, args: Record<string, unknown>): Promise<Json> {
  used.add(name);
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = (result.content[0] as { text: string }).text;
  expect(result.isError, `${name}: ${text}`).toBeFalsy();
  return text === 'Done.' ? {} : (JSON.parse(text) as Json);
}

describe('every tool', () => {
  it('reaches its route and returns its answer', async () => {
    const workspace = uniqueId('mcpall');
    await seedTenant({ workspace });
    const { key } = await insertApiKey({ workspace });
    const client = await connect(key);
    const admin = await connect(await jwt({ ad: true }));

    const listed = await ok(admin, 'list_workspaces', { filters: { id: workspace } });
    expect(listed.items.map((w: Json) => w.id)).toEqual([workspace]);
    expect((await ok(admin, 'create_workspace', { workspace_id: uniqueId('mcpnew'), metadata: { a: 1 } })).metadata).toEqual({ a: 1 });

    await ok(client, 'create_peer', { peer_id: 'alice' });
    expect((await ok(client, 'list_peers', { limit: 10 })).items.map((p: Json) => p.id)).toEqual(['alice']);
    const session = await ok(client, 'create_session', { session_id: 's1', peer_ids: ['alice'] });
    expect(session.id).toBe('s1');
    await ok(client, 'add_peers_to_session', { session_id: 's1', peer_ids: ['bob', 'carol'] });
    await ok(client, 'remove_peers_from_session', { session_id: 's1', peer_ids: ['carol'] });
    expect((await ok(client, 'get_session_peers', { session_id: 's1' })).items.map((p: Json) => p.id)).toEqual(['alice', 'bob']);
    const messages = (await ok(client, 'add_messages_to_session', {
      session_id: 's1',
      messages: [
        { peer_id: 'alice', content: 'My favourite colour is teal.' },
        { peer_id: 'bob', content: 'Teal suits you.' },
      ],
    })) as unknown as Json[];
    const page = await ok(client, 'get_session_messages', { session_id: 's1', reverse: true, limit: 1 });
    expect(page.items.map((m: Json) => m.id)).toEqual([messages[1]!.id]);
    expect((await ok(client, 'get_session_context', { session_id: 's1', tokens: 1000, summary: false })).messages).toHaveLength(2);
    const hits = (await ok(client, 'search', { query: 'teal', session_id: 's1', peer_id: 'alice' })) as unknown as Json[];
    expect(hits.map((m) => m.id)).toEqual([messages[0]!.id]);
    expect(((await ok(client, 'search', { query: 'teal', peer_id: 'bob' })) as unknown as Json[]).map((m) => m.id)).toEqual([messages[1]!.id]);
    expect(((await ok(client, 'search', { query: 'teal' })) as unknown as Json[]).length).toBe(2);

    const inspected = await ok(client, 'inspect_session', { session_id: 's1' });
    expect(inspected).toMatchObject({ session: { id: 's1' }, peer_ids: ['alice', 'bob'] });
    const clone = await ok(client, 'clone_session', { session_id: 's1' });
    expect(clone.id).not.toBe('s1');
    expect((await ok(client, 'list_sessions', {})).items.map((s: Json) => s.id).sort()).toEqual([clone.id, 's1'].sort());
    expect((await ok(client, 'list_sessions', { peer_id: 'bob' })).items.map((s: Json) => s.id).sort()).toEqual([clone.id, 's1'].sort());
    await ok(client, 'delete_session', { session_id: clone.id });

    await ok(client, 'set_metadata', { metadata: { tier: 'gold' } });
    expect(await ok(client, 'get_metadata', {})).toEqual({ tier: 'gold' });
    await ok(client, 'set_metadata', { peer_id: 'alice', metadata: { age: 30 } });
    expect(await ok(client, 'get_metadata', { peer_id: 'alice' })).toEqual({ age: 30 });
    await ok(client, 'set_metadata', { session_id: 's1', metadata: { topic: 'colours' } });
    expect(await ok(client, 'get_metadata', { session_id: 's1' })).toEqual({ topic: 'colours' });

    const created = (await ok(client, 'create_conclusions', {
      conclusions: [{ content: 'alice likes teal', observer_id: 'alice', observed_id: 'alice', session_id: 's1' }],
    })) as unknown as Json[];
    expect(created[0]).toMatchObject({ content: 'alice likes teal', level: 'explicit' });
    const listedConclusions = await ok(client, 'list_conclusions', { observer_id: 'alice', observed_id: 'alice' });
    expect(listedConclusions.items.map((c: Json) => c.id)).toEqual([created[0]!.id]);
    expect(((await ok(client, 'query_conclusions', { observer_id: 'alice', query: 'teal' })) as unknown as Json[])[0]!.id).toBe(created[0]!.id);

    await ok(client, 'set_peer_card', { peer_id: 'alice', peer_card: ['Likes teal'] });
    expect(await ok(client, 'get_peer_card', { peer_id: 'alice' })).toEqual({ peer_card: ['Likes teal'] });
    const context = await ok(client, 'get_peer_context', { peer_id: 'alice', search_query: 'colour' });
    expect(context).toMatchObject({ peer_id: 'alice', target_id: 'alice', peer_card: ['Likes teal'] });
    expect(context.representation).toContain('alice likes teal');
    expect((await ok(client, 'get_representation', { peer_id: 'alice' })).representation).toContain('alice likes teal');
    expect((await ok(client, 'chat', { peer_id: 'alice', query: 'What colour does alice like? teal?' })).content).toContain('teal');
    expect(typeof (await ok(client, 'workspace_chat', { query: 'Who likes teal?' })).content).toBe('string');

    const inspectedWorkspace = await ok(client, 'inspect_workspace', {});
    expect(inspectedWorkspace.workspace).toMatchObject({ id: workspace, metadata: { tier: 'gold' } });
    expect(inspectedWorkspace.session_ids).toEqual(['s1']);

    const status = await ok(client, 'get_queue_status', { session_id: 's1' });
    expect(status).toHaveProperty('total_work_units');

    // Dreams may be switched off in this configuration; either way the tool says what the route says.
    used.add('schedule_dream');
    const dream = (await client.callTool({ name: 'schedule_dream', arguments: { observer: 'alice' } })) as CallToolResult;
    const rest = await call('POST', `/v3/workspaces/${workspace}/schedule_dream`, { observer: 'alice', dream_type: 'omni' }, bearer(key));
    if (rest.status === 204) expect(dream.isError).toBeFalsy();
    else expect((dream.content[0] as { text: string }).text).toBe(((await rest.json()) as Json).detail);

    await ok(client, 'delete_conclusion', { conclusion_id: created[0]!.id });
    expect((await ok(client, 'list_conclusions', {})).items).toEqual([]);
    expect((await ok(client, 'get_session_message', { session_id: 's1', message_id: messages[0]!.id })).content).toBe('My favourite colour is teal.');

    expect([...used].sort()).toEqual(MCP_TOOLS.map((t) => t.name).sort());
  });
});
