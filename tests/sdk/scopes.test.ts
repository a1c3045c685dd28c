// Scopes through the official @honcho-ai/sdk 2.5.0, unchanged (in-process, real database, offline engines): scope
// CRUD, membership and status, `session(…, {scopes})`, derivation into the scope's view, the backfill of sessions that
// already had messages, removal of what a scope learnt from a session, and raw-HTTP unhappy paths the SDK cannot send
// (scope peers on peer and session-peer routes, unknown ids, isolation across workspaces, deletion cascades).
import { Honcho, NotFoundError } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { setModelEnginesForTesting } from '@/server/models';
import { APP_BASE_URL, call, installAppFetch } from '../support/app-fetch';
import { invalid, json } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { conclusionsOf, runWorker, unique } from '../reasoning/reasoning-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => {
  installAppFetch();
  setModelEnginesForTesting(null);
});

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

/** Conclusions of one workspace held by the scope peer of `scopeId`, as "observed: content" lines. */
async function scopeView(ws: string, scopeId: string): Promise<string[]> {
  return (await conclusionsOf(ws)).filter((c) => c.observer === `scope.${scopeId}`).map((c) => `${c.observed}@${c.session}: ${c.content}`).sort();
}

describe('scope CRUD and membership through the SDK', () => {
  it('creates, gets and lists scopes, adds and removes sessions, and reports status', async () => {
    const ws = unique('sdk-scope');
    const honcho = client(ws);
    const therapy = await honcho.scope('therapy', { metadata: { kind: 'care' } });
    expect(therapy.id).toBe('therapy');
    expect(therapy.metadata).toEqual({ kind: 'care' });
    expect(new Date(therapy.createdAt!).toISOString()).toBe(therapy.createdAt);
    await honcho.scope('work');

    const got = await honcho.getScope('therapy');
    expect([got.id, got.metadata]).toEqual(['therapy', { kind: 'care' }]);
    await expect(honcho.getScope('nope')).rejects.toBeInstanceOf(NotFoundError);
    const page = await honcho.scopes();
    expect(page.items.map((s) => s.id)).toEqual(['therapy', 'work']);
    expect((await honcho.scopes({ reverse: true })).items.map((s) => s.id)).toEqual(['work', 'therapy']);

    const [s1, s2] = await Promise.all([honcho.session('s1'), honcho.session('s2')]);
    await therapy.addSessions([s1, 's2']);
    await therapy.addSessions(['s1']); // already a member: no-op
    expect((await therapy.sessions()).items.map((s) => s.id)).toEqual(['s1', 's2']);
    expect((await therapy.sessions({ reverse: true })).items.map((s) => s.id)).toEqual(['s2', 's1']);
    // Empty sessions are caught up at once.
    const status = await therapy.status();
    expect(Object.keys(status.backfillStatus).sort()).toEqual(['s1', 's2']);
    expect(status.backfillStatus.s1).toMatchObject({ state: 'completed', docsCopied: 0 });

    await therapy.removeSession(s2);
    await therapy.removeSession('s2'); // not a member any more: no-op
    expect((await therapy.sessions()).items.map((s) => s.id)).toEqual(['s1']);
    expect((await therapy.status()).backfillStatus.s2?.state).toBe('pending');
    await runWorker();
    expect(Object.keys((await therapy.status()).backfillStatus)).toEqual(['s1']);

    // A session created with scopes joins them, creating missing ones.
    await honcho.session('s3', { scopes: ['therapy', 'journal'] });
    expect((await therapy.sessions()).items.map((s) => s.id)).toEqual(['s1', 's3']);
    expect((await (await honcho.getScope('journal')).sessions()).items.map((s) => s.id)).toEqual(['s3']);
    // A clone copies the peers' memberships, not the scopes': a scope names its sessions itself.
    const copy = await s1.clone();
    expect((await therapy.sessions()).items.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(copy.id).not.toBe('s1');

    // Scope peers stay hidden from peer listings unless asked for; they never appear among a session's peers.
    await s1.addPeers(['alice']);
    const peers = async (kind?: string) =>
      (await json(await call('POST', `/v3/workspaces/${ws}/peers/list`, kind ? { kind } : {}))).items.map((p: { id: string }) => p.id).sort();
    expect(await peers()).toEqual(['alice']);
    expect(await peers('scope')).toEqual(['scope.journal', 'scope.therapy', 'scope.work']);
    expect(await peers('all')).toEqual(['alice', 'scope.journal', 'scope.therapy', 'scope.work']);
    expect((await honcho.peers()).items.map((p) => p.id)).toEqual(['alice']);
    expect((await s1.peers()).map((p) => p.id)).toEqual(['alice']);
  });

  it('derives into the scope view, backfills sessions with history, and removes what came from a removed session', async () => {
    const ws = unique('sdk-scope-derive');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    const [before, during] = await Promise.all([honcho.session('before'), honcho.session('during')]);
    await before.addMessages([alice.message('I work as a nurse in Lisbon.')]);
    await runWorker();
    const scope = await honcho.scope('care');
    await scope.addSessions([before, during]);
    expect((await scope.status()).backfillStatus).toMatchObject({ before: { state: 'pending' }, during: { state: 'completed', docsCopied: 0 } });
    await during.addMessages([alice.message('I have two cats named Pixel and Mochi.')]);
    await runWorker();

    const status = (await scope.status()).backfillStatus;
    expect(status.before).toMatchObject({ state: 'completed' });
    expect(status.before!.docsCopied).toBeGreaterThan(0);
    const view = await scopeView(ws, 'care');
    expect(view.some((line) => line.startsWith('alice@before:'))).toBe(true);
    expect(view.some((line) => line.startsWith('alice@during:'))).toBe(true);
    // The scope's copies keep the message links: they are the same facts as alice's own.
    const own = (await conclusionsOf(ws)).filter((c) => c.observer === 'alice' && c.session === 'before').map((c) => c.content).sort();
    expect(view.filter((line) => line.startsWith('alice@before:')).map((line) => line.slice('alice@before: '.length))).toEqual(own);

    // A dependent (deductive) conclusion of the scope that cites a removed one goes too.
    const db = getDb();
    const scopePeer = await db.peer.findFirstOrThrow({ where: { name: 'scope.care', workspace: { name: ws } } });
    const copied = await db.conclusion.findFirstOrThrow({ where: { observerId: scopePeer.id, session: { name: 'before' } } });
    await db.conclusion.create({
      data: { id: `dep-${copied.id}`.slice(0, 21), workspaceId: copied.workspaceId, observerId: scopePeer.id, observedId: copied.observedId, sessionId: null, level: 'deductive', origin: 'dream', content: 'alice works with patients', tokenCount: 4, sourceIds: [copied.id] },
    });
    await scope.removeSession(before);
    await runWorker();
    const after = await scopeView(ws, 'care');
    expect(after.every((line) => line.startsWith('alice@during:'))).toBe(true);
    expect(after.length).toBeGreaterThan(0);
    expect((await scope.status()).backfillStatus.before).toBeUndefined();
    // Alice's own view is untouched.
    expect((await conclusionsOf(ws)).filter((c) => c.observer === 'alice').length).toBeGreaterThanOrEqual(2);

    // Messages written after the removal are not observed by the scope.
    await before.addMessages([alice.message('I grew up in Toronto.')]);
    await runWorker();
    expect((await scopeView(ws, 'care')).some((line) => line.includes('@before:'))).toBe(false);
  });
});

describe('a scope joining while derivation is still pending', () => {
  it('ends up with each fact of the session exactly once, whichever of derivation and backfill runs first', async () => {
    const ws = unique('sdk-scope-race');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    const session = await honcho.session('s1');
    await session.addMessages([alice.message('I work as a nurse in Lisbon.'), alice.message('I have two cats named Pixel and Mochi.')]);
    // The derivation items were recorded without the scope; it joins before they run.
    const scope = await honcho.scope('care');
    await scope.addSessions([session]);
    await runWorker();
    const own = (await conclusionsOf(ws)).filter((c) => c.observer === 'alice').map((c) => c.content).sort();
    expect(own.length).toBeGreaterThan(0);
    const inScope = (await scopeView(ws, 'care')).map((line) => line.slice('alice@s1: '.length));
    expect(inScope).toEqual(own);
    expect((await scope.status()).backfillStatus.s1?.state).toBe('completed');
  });
});

describe('reading through scopes with the SDK', () => {
  /** alice said one thing in each of two sessions; the scope `care` holds only s1, `music` only s2. */
  async function seeded() {
    const ws = unique('sdk-scope-read');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    const care = await honcho.scope('care');
    const [s1, s2] = await Promise.all([honcho.session('s1', { scopes: ['care'] }), honcho.session('s2', { scopes: ['music'] })]);
    await s1.addMessages([alice.message('I work as a nurse in Lisbon.')]);
    await s2.addMessages([alice.message('I play the cello in an orchestra.')]);
    await runWorker();
    return { ws, honcho, alice, care, s1, s2 };
  }

  it('bounds representation, session context and workspace search by the scope', async () => {
    const { honcho, alice, care, s1, s2 } = await seeded();
    const own = await alice.representation();
    expect(own).toMatch(/nurse/);
    expect(own).toMatch(/cello/);
    // One scope: the scope's own view of alice.
    const throughCare = await alice.representation({ scope: care });
    expect(throughCare).toMatch(/nurse/);
    expect(throughCare).not.toMatch(/cello/);
    expect(await alice.representation({ scope: 'music' })).not.toMatch(/nurse/);
    // A list: alice's own view, restricted to the union of the scopes' sessions.
    expect(await alice.representation({ scope: ['music'] })).toMatch(/cello/);
    expect(await alice.representation({ scope: ['music'] })).not.toMatch(/nurse/);
    const both = await alice.representation({ scope: ['care', 'music'] });
    expect(both).toMatch(/nurse/);
    expect(both).toMatch(/cello/);

    const context = await s2.context({ peerTarget: alice, scope: care });
    expect(context.peerRepresentation).toMatch(/nurse/);
    expect(context.peerRepresentation).not.toMatch(/cello/);
    expect(context.messages.map((m) => m.content)).toEqual(['I play the cello in an orchestra.']);

    // Hybrid search always ranks the nearest messages; the scope decides which sessions they may come from.
    expect((await honcho.search('nurse', { scope: care })).map((m) => m.sessionId)).toEqual(['s1']);
    expect((await honcho.search('cello', { scope: 'care' })).map((m) => m.sessionId)).toEqual(['s1']);
    expect((await honcho.search('cello', { scope: 'music' })).map((m) => m.sessionId)).toEqual(['s2']);
    expect((await honcho.search('cello')).map((m) => m.sessionId).sort()).toEqual(['s1', 's2']);
    await honcho.scope('empty');
    expect(await honcho.search('nurse', { scope: 'empty' })).toEqual([]);
    await expect(honcho.search('nurse', { scope: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(alice.representation({ scope: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    expect(s1.id).toBe('s1');
  });

  it('answers peer and workspace chat (JSON and stream) within the scope', async () => {
    const { honcho, alice, care } = await seeded();
    expect(await alice.chat('Where does alice work as a nurse?', { scope: care })).toMatch(/nurse/);
    expect(await alice.chat('Which instrument does alice play, the cello?', { scope: care })).not.toMatch(/cello/);
    expect(await alice.chat('Which instrument does alice play, the cello?', { scope: ['music'] })).toMatch(/cello/);
    const withEvidence = await alice.chat('Where does alice work as a nurse?', { scope: 'care', includeEvidence: true });
    expect(withEvidence.content).toMatch(/nurse/);
    expect(withEvidence.evidence?.conclusions.every((c) => c.session_id === 's1')).toBe(true);
    expect(withEvidence.evidence?.conclusions.length).toBeGreaterThan(0);

    const stream = await alice.chatStream('Where does alice work as a nurse?', { scope: care, includeEvidence: true });
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.join('')).toMatch(/nurse/);
    expect(stream.evidence?.conclusions.every((c) => c.session_id === 's1')).toBe(true);

    expect(await honcho.chat('Who works as a nurse?', { scope: 'care' })).toMatch(/nurse/);
    expect(await honcho.chat('Who plays the cello?', { scope: 'care' })).not.toMatch(/cello/);
    const workspaceStream = await honcho.chatStream('Who plays the cello?', { scope: ['music'] });
    expect(await workspaceStream.getFinalResponse()).toMatch(/cello/);
  });
});

describe('scope routes over raw HTTP', () => {
  it('validates ids and bodies, answers 404 for unknown scopes and sessions, and keeps workspaces apart', async () => {
    const ws = unique('scope-raw');
    const other = unique('scope-raw-other');
    const base = `/v3/workspaces/${ws}/scopes`;
    expect((await call('POST', base, { id: 'care' })).status).toBe(201);
    expect((await call('POST', base, { id: 'care' })).status).toBe(200);
    expect(await invalid(await call('POST', base, { id: 'scope.care' }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', base, { id: 'x'.repeat(507) }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', base, {}))).toEqual(['body.id']);
    await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's1' });
    expect(await invalid(await call('POST', `${base}/care/sessions`, { session_ids: [] }))).toEqual(['body.session_ids']);
    expect(await invalid(await call('POST', `${base}/care/sessions`, { session_ids: Array.from({ length: 101 }, (_, i) => `s${i}`) }))).toEqual(['body.session_ids']);
    const missing = await call('POST', `${base}/care/sessions`, { session_ids: ['s1', 'ghost'] });
    expect(missing.status).toBe(404);
    expect((await json(missing)).detail).toContain('ghost');
    // The 404 added nothing.
    expect((await json(await call('POST', `${base}/care/sessions/list`))).items).toEqual([]);
    expect((await call('POST', `${base}/nope/sessions`, { session_ids: ['s1'] })).status).toBe(404);
    expect((await call('DELETE', `${base}/care/sessions/ghost`)).status).toBe(404);
    expect((await call('GET', `${base}/nope/status`)).status).toBe(404);
    expect((await call('POST', `${base}/nope/sessions/list`)).status).toBe(404);
    // A scope named "list" is reachable by GET.
    expect((await call('POST', base, { id: 'list' })).status).toBe(201);
    expect((await json(await call('GET', `${base}/list`))).id).toBe('list');

    // Another workspace sees none of it, and cannot add this workspace's sessions.
    expect((await call('GET', `/v3/workspaces/${other}/scopes/care`)).status).toBe(404);
    expect((await json(await call('POST', `/v3/workspaces/${other}/scopes/list`))).items).toEqual([]);
    expect((await call('POST', `/v3/workspaces/${other}/scopes`, { id: 'care' })).status).toBe(201);
    expect((await call('POST', `/v3/workspaces/${other}/scopes/care/sessions`, { session_ids: ['s1'] })).status).toBe(404);
  });

  it('refuses scope peers on peer and session-peer routes with 422', async () => {
    const ws = unique('scope-hidden');
    await call('POST', `/v3/workspaces/${ws}/scopes`, { id: 'care' });
    await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's1', peers: { alice: {} } });
    const refused = [
      await call('POST', `/v3/workspaces/${ws}/sessions/s1/peers`, { 'scope.care': {} }),
      await call('PUT', `/v3/workspaces/${ws}/sessions/s1/peers`, { 'scope.care': {} }),
      await call('DELETE', `/v3/workspaces/${ws}/sessions/s1/peers`, ['scope.care']),
      await call('POST', `/v3/workspaces/${ws}/peers`, { id: 'scope.care' }),
      await call('PUT', `/v3/workspaces/${ws}/peers/scope.care`, { metadata: {} }),
      await call('POST', `/v3/workspaces/${ws}/peers/scope.care/chat`, { query: 'hi' }),
      await call('PUT', `/v3/workspaces/${ws}/sessions/s1/peers/scope.care/config`, { observe_me: true }),
      await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'scope.care', content: 'x' }] }),
      await call('GET', `/v3/workspaces/${ws}/sessions/s1/peers/scope.care/config`),
      await call('GET', `/v3/workspaces/${ws}/peers/scope.care/card`),
      await call('POST', `/v3/workspaces/${ws}/peers/scope.care/representation`, {}),
      await call('POST', `/v3/workspaces/${ws}/peers/scope.care/sessions`, {}),
      await call('POST', `/v3/workspaces/${ws}/peers/scope.care/search`, { query: 'x' }),
      await call('DELETE', `/v3/workspaces/${ws}/peers/scope.care`),
    ];
    for (const [i, response] of refused.entries()) expect(`${i} ${response.status}`, await response.clone().text()).toBe(`${i} 422`);
  });

  it('cleans scope memberships when sessions, peers and workspaces are deleted', async () => {
    const ws = unique('scope-cascade');
    const honcho = client(ws);
    const alice = await honcho.peer('alice');
    const scope = await honcho.scope('care');
    const [s1, s2] = await Promise.all([honcho.session('s1'), honcho.session('s2')]);
    await s1.addMessages([alice.message('I work as a nurse in Lisbon.')]);
    await s2.addMessages([alice.message('I play the cello in an orchestra.')]);
    await scope.addSessions([s1, s2]);
    await runWorker();
    expect((await scopeView(ws, 'care')).length).toBeGreaterThan(0);

    await s1.delete();
    await runWorker();
    expect((await scope.sessions()).items.map((s) => s.id)).toEqual(['s2']);
    expect(Object.keys((await scope.status()).backfillStatus)).toEqual(['s2']);
    expect((await scopeView(ws, 'care')).some((line) => line.includes('@s1:'))).toBe(false);

    expect((await call('DELETE', `/v3/workspaces/${ws}/peers/alice`)).status).toBe(202);
    await runWorker();
    expect(await scopeView(ws, 'care')).toEqual([]);

    await s2.delete();
    await runWorker();
    expect((await call('DELETE', `/v3/workspaces/${ws}`)).status).toBe(202);
    await runWorker();
    expect((await call('GET', `/v3/workspaces/${ws}/scopes/care`)).status).toBe(404);
    const db = getDb();
    expect(await db.scopeBackfill.count({ where: { workspace: { name: ws } } })).toBe(0);
  });
});
