// Handler-level credential rules of the retrieval routes (docs/api.md#s4-4) with API auth on: `peer_perspective` in
// message search needs a workspace-level credential, session context reads only through the caller's own eyes, and a
// peer representation may only name sessions the peer belongs to; the scope option is for workspace-level
// credentials. All refusals are 401.
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, jwt, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

let ws: string;
let alice: Record<string, string>;
let workspace: Record<string, string>;
beforeAll(async () => {
  ws = uniqueId('rauth');
  await seedTenant({ workspace: ws, peers: ['alice', 'bob'], sessions: { s1: { active: ['alice', 'bob'] }, s2: { active: ['bob'] } } });
  alice = bearer(await jwt({ w: ws, p: 'alice' }));
  workspace = bearer(await jwt({ w: ws }));
});

describe('retrieval credential rules', () => {
  it('peer_perspective in message search: 401 for a peer credential, allowed for a workspace credential', async () => {
    const body = { query: 'x', filters: { peer_perspective: 'alice' } };
    const refused = await call('POST', `/v3/workspaces/${ws}/peers/alice/search`, body, alice);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toBe('Unauthorized access to resource');
    expect((await call('POST', `/v3/workspaces/${ws}/peers/alice/search`, { query: 'x' }, alice)).status).toBe(200);
    expect((await call('POST', `/v3/workspaces/${ws}/search`, body, workspace)).status).toBe(200);
  });

  it('session context: a peer credential may read only with its own perspective', async () => {
    const path = `/v3/workspaces/${ws}/sessions/s1/context`;
    expect((await call('GET', `${path}?peer_target=bob`, undefined, alice)).status).toBe(401);
    expect((await call('GET', `${path}?peer_target=bob&peer_perspective=bob`, undefined, alice)).status).toBe(401);
    expect((await call('GET', `${path}?peer_target=bob&peer_perspective=alice`, undefined, alice)).status).toBe(200);
    expect((await call('GET', path, undefined, alice)).status).toBe(200);
    expect((await call('GET', `${path}?peer_target=bob`, undefined, workspace)).status).toBe(200);
  });

  it('representation: a peer credential may name only sessions it is an active member of', async () => {
    const path = `/v3/workspaces/${ws}/peers/alice/representation`;
    expect((await call('POST', path, { session_id: 's2' }, alice)).status).toBe(401);
    expect((await call('POST', path, { filters: { session_id: ['s1', 's2'] } }, alice)).status).toBe(401);
    expect((await call('POST', path, { session_id: 's1' }, alice)).status).toBe(200);
    expect((await call('POST', path, { session_id: 's2' }, workspace)).status).toBe(200);
  });

  it('scope option: 401 for peer and session credentials on representation, context and chat; workspace credentials reach it', async () => {
    await call('POST', `/v3/workspaces/${ws}/scopes`, { id: 'care' }, workspace);
    const session = bearer(await jwt({ w: ws, s: 's1' }));
    const representation = `/v3/workspaces/${ws}/peers/alice/representation`;
    const context = `/v3/workspaces/${ws}/sessions/s1/context?peer_target=alice&scope=care`;
    const chat = `/v3/workspaces/${ws}/peers/alice/chat`;
    expect((await call('POST', representation, { scope: 'care' }, alice)).status).toBe(401);
    expect((await call('GET', context, undefined, alice)).status).toBe(401);
    expect((await call('GET', context, undefined, session)).status).toBe(401);
    expect((await call('POST', chat, { query: 'hi', scope: ['care'] }, alice)).status).toBe(401);
    expect((await call('POST', representation, { scope: 'care' }, workspace)).status).toBe(200);
    expect((await call('GET', context, undefined, workspace)).status).toBe(200);
  });
});
