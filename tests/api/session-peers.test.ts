// Session peers and per-peer session configuration over raw HTTP (docs/api.md#s3-5, observer limit docs/api.md#s5-1).
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { newInternalId } from '@/server/services/ids';
import { call } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';

// These suites exercise the session rules; credentials are covered where noted and by the auth suites.
process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

const peersPath = (ws: string, session: string) => `/v3/workspaces/${ws}/sessions/${session}/peers`;
const configPath = (ws: string, session: string, peer: string) => `${peersPath(ws, session)}/${peer}/config`;

async function memberIds(ws: string, session: string): Promise<string[]> {
  const response = await call('GET', peersPath(ws, session));
  expect(response.status).toBe(200);
  return (await json(response)).items.map((p: Json) => p.id);
}

async function periods(ws: string, session: string, peer: string) {
  return getDb().sessionMembershipPeriod.findMany({
    where: { session: { name: session, workspace: { name: ws } }, peer: { name: peer } },
    orderBy: { joinedAt: 'asc' },
  });
}

async function withSession(peers?: Json): Promise<string> {
  const ws = uniqueId('ws');
  const response = await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's', ...(peers ? { peers } : {}) });
  expect(response.status).toBe(201);
  return ws;
}

describe('POST …/sessions/{session_id}/peers', () => {
  it('get-or-creates workspace, session and peers, and answers with the session', async () => {
    const ws = uniqueId('ws');
    const response = await call('POST', peersPath(ws, 'fresh'), { carol: {}, alice: { observe_me: false } });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id: 'fresh', workspace_id: ws, is_active: true, metadata: {}, configuration: {} });
    expect(await memberIds(ws, 'fresh')).toEqual(['carol', 'alice']);
    const page = await json(await call('GET', peersPath(ws, 'fresh')));
    expect(page.items[0]).toEqual({
      id: 'carol',
      workspace_id: ws,
      metadata: {},
      configuration: {},
      created_at: expect.stringMatching(/Z$/),
    });
  });

  it('keeps the stored config of active members and rejoins left members with the given one', async () => {
    const ws = await withSession({ alice: { observe_others: true }, bob: {} });
    await call('POST', peersPath(ws, 's'), { alice: { observe_others: false } });
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: null, observe_others: true });

    await call('DELETE', peersPath(ws, 's'), ['bob']);
    await call('POST', peersPath(ws, 's'), { bob: { observe_others: true } });
    expect(await json(await call('GET', configPath(ws, 's', 'bob')))).toEqual({ observe_me: null, observe_others: true });
    // Join order survives leave and rejoin.
    expect(await memberIds(ws, 's')).toEqual(['alice', 'bob']);
  });

  it('records a membership window per join and closes it on leave', async () => {
    const ws = await withSession({ alice: {} });
    await call('DELETE', peersPath(ws, 's'), ['alice']);
    await call('POST', peersPath(ws, 's'), { alice: {} });
    const windows = await periods(ws, 's', 'alice');
    expect(windows).toHaveLength(2);
    expect(windows[0]!.leftAt).not.toBeNull();
    expect(windows[0]!.leftAt!.getTime()).toBeGreaterThanOrEqual(windows[0]!.joinedAt.getTime());
    expect(windows[1]!.leftAt).toBeNull();
    expect(windows[1]!.joinedAt.getTime()).toBeGreaterThanOrEqual(windows[0]!.leftAt!.getTime());

    // Adding an active member again opens no new window.
    await call('POST', peersPath(ws, 's'), { alice: {} });
    expect(await periods(ws, 's', 'alice')).toHaveLength(2);
  });

  it('refuses the eleventh observer with 400 and changes nothing', async () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`o${i}`, { observe_others: true }]));
    const ws = await withSession(ten);
    const response = await call('POST', peersPath(ws, 's'), { extra: { observe_others: true }, bystander: {} });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ detail: 'Cannot create session s with 11 observers. Maximum allowed is 10' });
    expect(await memberIds(ws, 's')).toHaveLength(10);
    expect(await getDb().peer.count({ where: { workspace: { name: ws }, name: { in: ['extra', 'bystander'] } } })).toBe(0);
    // Observers who left do not count.
    await call('DELETE', peersPath(ws, 's'), ['o0']);
    expect((await call('POST', peersPath(ws, 's'), { extra: { observe_others: true } })).status).toBe(200);
  });

  it('holds the observer limit under concurrent adds, with no 5xx', async () => {
    const ws = await withSession();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call('POST', peersPath(ws, 's'), { [`c${i}`]: { observe_others: true }, shared: {} })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(10).fill(200), 400, 400]);
    expect(await memberIds(ws, 's')).toHaveLength(11);
    expect(await periods(ws, 's', 'shared')).toHaveLength(1);
  });

  it('answers 422 for scope peers, bad ids and wrong types', async () => {
    const ws = await withSession();
    const scope = await call('POST', peersPath(ws, 's'), { 'scope.team': {} });
    expect(scope.status).toBe(422);
    expect(await json(scope)).toMatchObject({
      detail: expect.stringContaining('Scopes cannot'),
      errors: [{ path: 'body.scope.team', message: expect.stringContaining('Scopes cannot') }],
    });

    // A scope stored as a hidden peer (kind = scope) is refused even if its name were addressable.
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: ws } });
    await getDb().peer.create({ data: { id: newInternalId(), workspaceId: workspace.id, name: 'hiddenscope', kind: 'scope' } });
    const hidden = await call('POST', peersPath(ws, 's'), { hiddenscope: {} });
    expect(hidden.status).toBe(422);
    expect((await json(hidden)).errors[0].path).toBe('body.hiddenscope');

    const badId = await call('POST', peersPath(ws, 's'), { 'no spaces': {} });
    expect(badId.status).toBe(422);
    expect((await json(badId)).errors[0].path).toBe('body.no spaces');

    const badType = await call('POST', peersPath(ws, 's'), { alice: { observe_others: 'yes' } });
    expect(badType.status).toBe(422);
    expect((await json(badType)).errors[0].path).toBe('body.alice.observe_others');

    const array = await call('POST', peersPath(ws, 's'), ['alice']);
    expect(array.status).toBe(422);
    expect((await json(array)).errors[0].path).toBe('body');

    expect((await call('POST', peersPath(ws, 's'), '{oops')).status).toBe(400);
    expect((await call('POST', peersPath(ws, 's'), 'alice', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await call('POST', peersPath(ws, 'bad.id'), { alice: {} })).status).toBe(422);
    expect(await memberIds(ws, 's')).toEqual([]);
  });
});

describe('PUT …/sessions/{session_id}/peers', () => {
  it('marks unlisted members as left and joins the listed ones', async () => {
    const ws = await withSession({ alice: {}, bob: { observe_me: false }, carol: {} });
    const response = await call('PUT', peersPath(ws, 's'), { bob: { observe_me: true }, dave: { observe_others: true } });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id: 's', workspace_id: ws });
    expect(await memberIds(ws, 's')).toEqual(['bob', 'dave']);
    // bob stayed active, so his stored config is kept.
    expect(await json(await call('GET', configPath(ws, 's', 'bob')))).toEqual({ observe_me: false, observe_others: null });
    const aliceWindows = await periods(ws, 's', 'alice');
    expect(aliceWindows).toHaveLength(1);
    expect(aliceWindows[0]!.leftAt).not.toBeNull();

    expect((await call('PUT', peersPath(ws, 's'), {})).status).toBe(200);
    expect(await memberIds(ws, 's')).toEqual([]);
  });

  it('needs an existing session and respects the observer limit', async () => {
    const ws = await withSession();
    const missing = await call('PUT', peersPath(ws, 'nope'), { alice: {} });
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ detail: `Session nope not found in workspace ${ws}` });
    expect((await call('PUT', peersPath('nowhere', 's'), { alice: {} })).status).toBe(404);

    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`o${i}`, { observe_others: true }]));
    const crowd = await call('PUT', peersPath(ws, 's'), eleven);
    expect(crowd.status).toBe(400);
    expect((await json(crowd)).detail).toBe('Cannot create session s with 11 observers. Maximum allowed is 10');
  });
});

describe('DELETE …/sessions/{session_id}/peers', () => {
  it('marks the listed active members as left, ignoring other ids', async () => {
    const ws = await withSession({ alice: {}, bob: {} });
    const response = await call('DELETE', peersPath(ws, 's'), ['alice', 'stranger', 'alice']);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id: 's', workspace_id: ws });
    expect(await memberIds(ws, 's')).toEqual(['bob']);
    expect((await call('DELETE', peersPath(ws, 's'), [])).status).toBe(200);
    expect((await call('DELETE', peersPath(ws, 's'), ['alice'])).status).toBe(200);
    expect(await periods(ws, 's', 'alice')).toHaveLength(1);
  });

  it('wants a JSON array of valid peer ids and an existing session', async () => {
    const ws = await withSession({ alice: {} });
    const object = await call('DELETE', peersPath(ws, 's'), { alice: {} });
    expect(object.status).toBe(422);
    expect((await json(object)).errors[0].path).toBe('body');
    const none = await call('DELETE', peersPath(ws, 's'));
    expect(none.status).toBe(422);
    expect((await json(none)).errors).toEqual([{ path: 'body', message: 'Field required' }]);
    const scope = await call('DELETE', peersPath(ws, 's'), ['scope.team']);
    expect(scope.status).toBe(422);
    expect((await json(scope)).errors[0].path).toBe('body[0]');
    const wrongType = await call('DELETE', peersPath(ws, 's'), [42]);
    expect(wrongType.status).toBe(422);
    expect((await json(wrongType)).errors[0].path).toBe('body[0]');
    expect((await call('DELETE', peersPath(ws, 's'), '[')).status).toBe(400);
    expect((await call('DELETE', peersPath(ws, 'nope'), ['alice'])).status).toBe(404);
    expect(await memberIds(ws, 's')).toEqual(['alice']);
  });
});

describe('GET …/sessions/{session_id}/peers', () => {
  it('walks every page of active members in join order', async () => {
    const names = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const ws = await withSession();
    for (const name of names) await call('POST', peersPath(ws, 's'), { [name]: {} });
    await call('DELETE', peersPath(ws, 's'), ['m3']);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const body = await json(await call('GET', `${peersPath(ws, 's')}?page=${page}&size=2`));
      expect(body).toMatchObject({ total: 6, page, size: 2, pages: 3 });
      seen.push(...body.items.map((p: Json) => p.id));
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6']);

    expect(await json(await call('GET', `${peersPath(ws, 's')}?page=5&size=2`))).toEqual({ items: [], total: 6, page: 5, size: 2, pages: 3 });
    const defaults = await json(await call('GET', `${peersPath(ws, 's')}?reverse=true&unknown=1`));
    expect(defaults).toMatchObject({ page: 1, size: 50, pages: 1 });
    expect(defaults.items.map((p: Json) => p.id)).toEqual(seen);
  });

  it('answers 422 for bad pagination and 404 for unknown sessions or workspaces', async () => {
    const ws = await withSession();
    const bad = await call('GET', `${peersPath(ws, 's')}?size=0`);
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors[0].path).toBe('query.size');
    const missing = await call('GET', peersPath(ws, 'nope'));
    expect(missing.status).toBe(404);
    expect((await json(missing)).detail).toBe(`Session nope not found in workspace ${ws}`);
    expect((await call('GET', peersPath('nowhere', 's'))).status).toBe(404);
  });
});

describe('…/sessions/{session_id}/peers/{peer_id}/config', () => {
  it('reads the config of current and former members, 404 otherwise', async () => {
    const ws = await withSession({ alice: { observe_me: false, observe_others: true } });
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: false, observe_others: true });

    await call('DELETE', peersPath(ws, 's'), ['alice']);
    const left = await call('GET', configPath(ws, 's', 'alice'));
    expect(left.status).toBe(200);
    expect(await json(left)).toEqual({ observe_me: false, observe_others: true });

    await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'other', peers: { outsider: {} } });
    const never = await call('GET', configPath(ws, 's', 'outsider'));
    expect(never.status).toBe(404);
    expect(await json(never)).toEqual({ detail: 'Peer outsider is not a member of session s' });
    const unknownPeer = await call('GET', configPath(ws, 's', 'ghost'));
    expect(unknownPeer.status).toBe(404);
    expect(await json(unknownPeer)).toEqual({ detail: 'Peer ghost not found' });
    expect((await call('GET', configPath(ws, 'nope', 'alice'))).status).toBe(404);
    expect((await call('GET', configPath('nowhere', 's', 'alice'))).status).toBe(404);
  });

  it('merges supplied values (204, empty body), ignoring nulls', async () => {
    const ws = await withSession({ alice: { observe_me: false } });
    const response = await call('PUT', configPath(ws, 's', 'alice'), { observe_others: true });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: false, observe_others: true });

    await call('PUT', configPath(ws, 's', 'alice'), { observe_me: null, observe_others: false });
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: false, observe_others: false });
    expect((await call('PUT', configPath(ws, 's', 'alice'), {})).status).toBe(204);
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: false, observe_others: false });
  });

  it('creates a membership for an existing peer without one; a member who left stays left', async () => {
    const ws = await withSession({ alice: {} });
    await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 'elsewhere', peers: { bob: {} } });
    expect((await call('PUT', configPath(ws, 's', 'bob'), { observe_others: true })).status).toBe(204);
    expect(await memberIds(ws, 's')).toEqual(['alice', 'bob']);
    expect(await periods(ws, 's', 'bob')).toHaveLength(1);

    await call('DELETE', peersPath(ws, 's'), ['alice']);
    expect((await call('PUT', configPath(ws, 's', 'alice'), { observe_me: true })).status).toBe(204);
    expect(await memberIds(ws, 's')).toEqual(['bob']);
    expect(await json(await call('GET', configPath(ws, 's', 'alice')))).toEqual({ observe_me: true, observe_others: null });
  });

  it('answers 404 for unknown sessions and peers, 422 for wrong types, 400 past the observer limit', async () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`o${i}`, { observe_others: true }]));
    const ws = await withSession({ ...ten, quiet: {} });
    const crowd = await call('PUT', configPath(ws, 's', 'quiet'), { observe_others: true });
    expect(crowd.status).toBe(400);
    expect((await json(crowd)).detail).toBe('Cannot create session s with 11 observers. Maximum allowed is 10');
    expect(await json(await call('GET', configPath(ws, 's', 'quiet')))).toEqual({ observe_me: null, observe_others: null });

    const ghost = await call('PUT', configPath(ws, 's', 'ghost'), { observe_me: true });
    expect(ghost.status).toBe(404);
    expect(await json(ghost)).toEqual({ detail: 'Peer ghost not found' });
    expect((await call('PUT', configPath(ws, 'nope', 'quiet'), { observe_me: true })).status).toBe(404);

    const wrong = await call('PUT', configPath(ws, 's', 'quiet'), { observe_me: 'no' });
    expect(wrong.status).toBe(422);
    expect((await json(wrong)).errors[0].path).toBe('body.observe_me');
    expect((await call('PUT', configPath(ws, 's', 'quiet'))).status).toBe(422);
    expect((await call('PUT', configPath(ws, 's', 'quiet'), '{')).status).toBe(400);
  });
});
