// Audit of changes an erasure request must account for: deletions, card edits, settings and webhook changes, dreams
// and exports leave a record whether they came through the /v3 API (actor: the stored key's id, or a JWT's subject)
// or the console (actor: the user), and no record carries message content, card text or setting values.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createCaller } from '@/server/trpc/app-router';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt } from '../support/auth-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

enableApiAuth();
provideTestDatabase();

const SECRET_TEXT = 'my diagnosis is confidential-ulcer-7731';
const caller = (userId: string) => createCaller({ db: getDb(), session: { userId }, ip: '198.51.100.23' });

async function appWithData() {
  const owner = await newAccount('erasure');
  const api = caller(owner.userId);
  const app = unique('erase-app');
  await api.apps.create({ id: app });
  const { key, id: keyId } = await insertApiKey({ workspace: app });
  const auth = bearer(key);
  const base = `/v3/workspaces/${app}`;
  expect((await call('POST', `${base}/sessions`, { id: 'chat', peers: { alice: {}, bot: {} } }, auth)).status).toBe(201);
  const created = await call('POST', `${base}/sessions/chat/messages`, { messages: [{ peer_id: 'alice', content: SECRET_TEXT }, { peer_id: 'bot', content: 'noted' }] }, auth);
  expect(created.status).toBe(201);
  const messages = (await created.json()) as { id: string }[];
  const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: app } });
  return { owner, api, app, key, keyId, auth, base, messages, workspace };
}

/** The app's data-change events (its creation through the console is recorded too, as `app.created`). */
const eventsOf = (workspaceId: string) =>
  getDb().auditEvent.findMany({ where: { workspaceId, NOT: { action: { startsWith: 'app.' } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

describe('audit of data changes through the API', () => {
  it('records each change with the key id and no content', async () => {
    const { app, keyId, auth, base, messages, workspace } = await appWithData();
    const conclusion = await call('POST', `${base}/conclusions`, { conclusions: [{ content: SECRET_TEXT, observer_id: 'alice', observed_id: 'alice' }] }, auth);
    expect(conclusion.status).toBe(201);
    const [fact] = (await conclusion.json()) as { id: string }[];
    const steps: [string, string, unknown, number][] = [
      ['PUT', `${base}/peers/alice/card`, { peer_card: [SECRET_TEXT] }, 200],
      ['PUT', base, { configuration: { reasoning: { custom_instructions: SECRET_TEXT } } }, 200],
      ['PUT', `${base}/sessions/chat`, { metadata: { topic: SECRET_TEXT } }, 200],
      ['PUT', `${base}/peers/alice`, { metadata: { note: SECRET_TEXT } }, 200],
      ['PUT', `${base}/sessions/chat/messages/${messages[0]!.id}`, { metadata: { tag: SECRET_TEXT } }, 200],
      ['DELETE', `${base}/sessions/chat/messages/${messages[0]!.id}`, undefined, 204],
      ['DELETE', `${base}/conclusions/${fact!.id}`, undefined, 204],
      ['POST', `${base}/schedule_dream`, { observer: 'alice', dream_type: 'omni' }, 204],
      ['GET', `${base}/peers/alice/export`, undefined, 200],
    ];
    for (const [method, path, body, status] of steps) {
      expect((await call(method, path, body, auth)).status, `${method} ${path}`).toBe(status);
    }
    const webhook = await call('POST', `${base}/webhooks`, { url: 'https://hooks.example.com/in?token=receiver-secret' }, auth);
    expect(webhook.status).toBe(201);
    const endpoint = ((await webhook.json()) as { id: string }).id;
    expect((await call('DELETE', `${base}/webhooks/${endpoint}`, undefined, auth)).status).toBe(204);
    expect((await call('DELETE', `${base}/sessions/chat`, undefined, auth)).status).toBe(202);
    expect((await call('DELETE', `${base}/peers/bot`, undefined, auth)).status).toBe(202);

    const events = await eventsOf(workspace.id);
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ['peer_card.updated', 'alice'],
      ['workspace.updated', app],
      ['session.updated', 'chat'],
      ['peer.updated', 'alice'],
      ['message.updated', `chat/${messages[0]!.id}`],
      ['message.deleted', `chat/${messages[0]!.id}`],
      ['conclusion.deleted', fact!.id],
      ['dream.scheduled', 'alice'],
      ['peer.exported', 'alice'],
      ['webhook.registered', 'https://hooks.example.com/in'],
      ['webhook.deleted', endpoint],
      ['session.deleted', 'chat'],
      ['peer.deleted', 'bot'],
    ]);
    for (const event of events) {
      expect(event.actorKeyId).toBe(keyId);
      expect(event.actorUserId).toBeNull();
      expect(event.details).toMatchObject({ via: 'api', credential: 'workspace', workspace: app });
    }
    expect(events[1]!.details).toMatchObject({ fields: ['configuration'] });
    const stored = JSON.stringify(events);
    expect(stored).not.toContain('confidential-ulcer');
    expect(stored).not.toContain('receiver-secret');
  });

  it('names a JWT by its subject hash, keeps a workspace deletion after the workspace is gone, and records no failure', async () => {
    const { app, base, workspace } = await appWithData();
    const token = await jwt({ w: app });
    expect((await call('DELETE', `${base}/peers/nobody`, undefined, bearer(token))).status).toBe(404);
    expect((await call('DELETE', `${base}/sessions/chat`, undefined, bearer(token))).status).toBe(202);
    const [deleted] = await eventsOf(workspace.id);
    expect(deleted).toMatchObject({ action: 'session.deleted', actorKeyId: null });
    expect((deleted!.details as { subject: string }).subject).toMatch(/^jwt:[0-9a-f]{64}$/);
    expect((await eventsOf(workspace.id)).map((e) => e.action)).toEqual(['session.deleted']);

    const admin = await jwt({ ad: true });
    expect((await call('DELETE', base, undefined, bearer(admin))).status).toBe(202);
    const gone = await getDb().auditEvent.findFirstOrThrow({ where: { action: 'workspace.deleted', target: app } });
    expect(gone).toMatchObject({ workspaceId: null, organizationId: workspace.organizationId });
    expect(gone.details).toMatchObject({ via: 'api', credential: 'admin', workspace: app });
  });
});

describe('audit of data changes through the console', () => {
  it('records each change with the user, and the audit view shows them', async () => {
    const { owner, api, app, workspace, base, auth } = await appWithData();
    const conclusion = await call('POST', `${base}/conclusions`, { conclusions: [{ content: SECRET_TEXT, observer_id: 'alice', observed_id: 'alice' }] }, auth);
    const [fact] = (await conclusion.json()) as { id: string }[];
    const before = (await eventsOf(workspace.id)).length;

    await api.peers.saveCard({ app, peer: 'alice', entries: [SECRET_TEXT] });
    const settings = await api.settings.get({ app });
    await api.settings.update({ app, ...settings, reasoning: { enabled: true, custom_instructions: SECRET_TEXT } });
    await api.peers.export({ app, peer: 'alice' });
    await api.facts.delete({ app, id: fact!.id });
    await api.queue.scheduleDream({ app, observer: 'alice' });
    const { endpoint } = (await api.webhooks.add({ app, url: 'https://hooks.example.com/c?sig=receiver-secret' })) as { endpoint: { id: string } };
    await api.webhooks.delete({ app, endpoint: endpoint.id });
    await api.sessions.delete({ app, session: 'chat' });
    await api.peers.delete({ app, peer: 'bot' });
    await expect(api.peers.delete({ app, peer: 'nobody' })).rejects.toThrow();

    const events = (await eventsOf(workspace.id)).slice(before);
    expect(events.map((e) => [e.action, e.target])).toEqual([
      ['peer_card.updated', 'alice'],
      ['workspace.updated', app],
      ['peer.exported', 'alice'],
      ['conclusion.deleted', fact!.id],
      ['dream.scheduled', 'alice'],
      ['webhook.registered', 'https://hooks.example.com/c'],
      ['webhook.deleted', endpoint.id],
      ['session.deleted', 'chat'],
      ['peer.deleted', 'bot'],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: owner.userId, actorKeyId: null, ip: '198.51.100.23' });
      expect(event.details).toMatchObject({ via: 'console' });
    }
    expect(JSON.stringify(events)).not.toMatch(/confidential-ulcer|receiver-secret/);

    const view = await api.audit.list({ app });
    const actions = view.items.map((i) => i.action);
    expect(actions).toContain('peer.deleted');
    expect(actions).toContain('session.deleted');
    expect(view.items.find((i) => i.action === 'peer.deleted')?.actorEmail).toBe(owner.email);
  });
});
