// Who may ask what (docs/api.md#s4-3, #s4-4 for chat): a peer credential may chat as itself and name only sessions it
// actively belongs to; scopes are refused to it outright; workspace chat needs a workspace-level credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDialecticModel } from './mock-model';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, jwt, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

let ws: string;
let headers: Record<'workspace' | 'alice' | 'carol' | 'session', Record<string, string>>;

beforeAll(async () => {
  useDialecticModel(null);
  ws = uniqueId('auth');
  // alice is active in s1; carol left s1; bob alone in s2.
  await seedTenant({ workspace: ws, sessions: { s1: { active: ['alice'], left: ['carol'] }, s2: { active: ['bob'] } } });
  headers = {
    workspace: bearer(await jwt({ w: ws })),
    alice: bearer(await jwt({ w: ws, p: 'alice' })),
    carol: bearer(await jwt({ w: ws, p: 'carol' })),
    session: bearer(await jwt({ w: ws, s: 's1' })),
  };
});
afterAll(() => useDialecticModel(null));

const ask = (path: string, body: Record<string, unknown>, who: keyof typeof headers) =>
  call('POST', `/v3/workspaces/${ws}${path}`, { query: 'What do you know?', ...body }, headers[who]);

async function detail(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

describe('peer chat with a peer credential', () => {
  it('may name sessions it actively belongs to', async () => {
    expect((await ask('/peers/alice/chat', {}, 'alice')).status).toBe(200);
    expect((await ask('/peers/alice/chat', { session_id: 's1' }, 'alice')).status).toBe(200);
    expect((await ask('/peers/alice/chat', { filters: { session_id: ['s1'] } }, 'alice')).status).toBe(200);
  });

  it('is refused (401) for a session it never joined or has left, by session_id or allowlist, even when streaming', async () => {
    for (const body of [{ session_id: 's2' }, { filters: { session_id: ['s1', 's2'] } }, { session_id: 'missing' }, { session_id: 's2', stream: true }]) {
      const response = await ask('/peers/alice/chat', body, 'alice');
      expect(response.status).toBe(401);
      expect(await detail(response)).toBe('Unauthorized access to resource');
    }
    expect((await ask('/peers/carol/chat', { session_id: 's1' }, 'carol')).status).toBe(401);
  });

  it('is refused a scope (401), where a workspace credential reaches the scope lookup', async () => {
    expect((await ask('/peers/alice/chat', { scope: 'therapy' }, 'alice')).status).toBe(401);
    const workspace = await ask('/peers/alice/chat', { scope: 'therapy' }, 'workspace');
    expect(workspace.status).toBe(404);
    expect(await detail(workspace)).toBe('Scope therapy not found');
  });

  it('cannot chat as another peer, and a workspace credential may name any session', async () => {
    expect((await ask('/peers/bob/chat', {}, 'alice')).status).toBe(401);
    expect((await ask('/peers/alice/chat', { session_id: 's2' }, 'workspace')).status).toBe(200);
  });
});

describe('workspace chat', () => {
  it('needs a workspace-level credential', async () => {
    expect((await ask('/chat', {}, 'workspace')).status).toBe(200);
    for (const who of ['alice', 'session'] as const) {
      const response = await ask('/chat', {}, who);
      expect(response.status).toBe(401);
    }
    const foreign = await call('POST', `/v3/workspaces/${ws}/chat`, { query: 'hi' }, bearer(await jwt({ w: uniqueId('other') })));
    expect(foreign.status).toBe(401);
  });
});
