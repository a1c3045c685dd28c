// The console's memory pages through tRPC: facts with provenance and supersession history, the
// representation preview, and the playground's streamed answer with evidence. Conclusions come from the real queue
// engine with the offline deriver; the playground runs the offline answerer and an AI SDK mock model. Who may call
// each procedure is tested in authorization-matrix.test.ts.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { setModelEnginesForTesting } from '@/server/models';
import { writeConclusions } from '@/server/services/conclusions/write-conclusions';
import { createMessages } from '@/server/services/messages/create-messages';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import type { PlaygroundEvent } from '@/server/services/console/playground-answer';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/trpc/app-router';
import { scriptedModel, useDialecticModel } from '../dialectic/mock-model';
import { runWorker } from '../reasoning/reasoning-fixtures';
import { CONSOLE_PAGE_SIZE } from '@/contracts/console-data';
import { provideTestDatabase } from '../support/test-database';
import { caller, newAccount, trpcError, unique, type Api } from './console-fixtures';

provideTestDatabase();
// Each test derives facts with the real queue engine; on a loaded machine the first pass alone can take a minute.
vi.setConfig({ testTimeout: 180_000 });
beforeAll(() => setModelEnginesForTesting(null));
afterEach(() => setModelEnginesForTesting(null));


async function collect(api: Api, input: Parameters<Api['playground']['ask']>[0]): Promise<PlaygroundEvent[]> {
  const events: PlaygroundEvent[] = [];
  for await (const event of await api.playground.ask(input)) events.push(event);
  return events;
}

/** An app whose alice said two things about herself; the worker derived facts from them. */
async function derivedApp() {
  const owner = await newAccount('owner');
  const api = caller(owner.userId);
  const app = unique('mem-app');
  await api.apps.create({ id: app });
  await getOrCreateSession(app, { id: 'chat', peers: { alice: {}, bot: {} } });
  const messages = await createMessages({ workspace: app, session: 'chat' }, [
    { peer_id: 'bot', content: 'Hello! How are you settling in?' },
    { peer_id: 'alice', content: 'I moved to Lisbon last week and started working as a nurse' },
  ]);
  await runWorker();
  return { owner, api, app, messages };
}

describe('facts', () => {
  it('lists derived facts with their source messages, and the provenance names the timeline page', async () => {
    const { api, app, messages } = await derivedApp();
    const page = await api.facts.list({ app, observed: 'alice' });
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.levels.explicit.live).toBe(page.total);
    const lisbon = page.items.find((f) => /Lisbon/.test(f.content));
    expect(lisbon).toMatchObject({ level: 'explicit', observer: 'alice', observed: 'alice', session: 'chat', messageCount: 1, supersededAt: null });

    const provenance = await api.facts.provenance({ app, id: lisbon!.id, messagesPerPage: 1 });
    expect(provenance.messages).toEqual([
      expect.objectContaining({ id: messages[1]!.id, peer: 'alice', session: 'chat', content: messages[1]!.content, page: 2 }),
    ]);
    expect(provenance.premises).toEqual([]);
    expect((await api.facts.provenance({ app, id: lisbon!.id })).messages[0]!.page).toBe(1);

    expect(await api.facts.list({ app, observed: 'bot' })).toMatchObject({ total: 0, items: [] });
    expect(await api.facts.list({ app, level: 'deductive' })).toMatchObject({ total: 0, items: [] });
  });

  it('shows superseded facts as history with their replacement, and premises resolved or marked gone', async () => {
    const { api, app } = await derivedApp();
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    const alice = await db.peer.findFirstOrThrow({ where: { workspaceId: ws.id, name: 'alice' } });
    const [old] = (await api.facts.list({ app, level: 'explicit' })).items;
    const written = await db.$transaction((tx) =>
      writeConclusions(
        tx,
        ws.id,
        [
          { observerId: alice.id, observedId: alice.id, sessionId: null, level: 'deductive', origin: 'dream', content: 'alice works in healthcare', sourceIds: [old!.id, 'gone-premise'], embedding: null },
          { observerId: alice.id, observedId: alice.id, sessionId: null, level: 'explicit', origin: 'dream', content: 'alice lives in Porto now', embedding: null },
        ],
        { dedupe: false },
      ),
    );
    const [deduction, replacement] = written.map((w) => w.id);
    await db.conclusion.update({ where: { id: old!.id }, data: { supersededAt: new Date(), supersededById: replacement } });

    const page = await api.facts.list({ app, observed: 'alice' });
    expect(page.levels.deductive).toEqual({ live: 1, superseded: 0 });
    expect(page.levels.explicit.superseded).toBe(1);
    // Grouped by level; within a level the superseded history comes last.
    expect(page.items.map((f) => f.level)).toEqual([...page.items.map((f) => f.level)].sort((a, b) => ['explicit', 'deductive'].indexOf(a) - ['explicit', 'deductive'].indexOf(b)));
    const explicit = page.items.filter((f) => f.level === 'explicit');
    expect(explicit.at(-1)).toMatchObject({ id: old!.id, supersededBy: { id: replacement, content: 'alice lives in Porto now' } });
    expect(explicit.at(-1)!.supersededAt).not.toBeNull();

    const provenance = await api.facts.provenance({ app, id: deduction! });
    expect(provenance.fact).toMatchObject({ level: 'deductive', sourceIds: [old!.id, 'gone-premise'] });
    expect(provenance.premises).toEqual([
      { id: old!.id, page: 1, fact: expect.objectContaining({ content: old!.content, supersededBy: expect.objectContaining({ id: replacement }) }) },
      { id: 'gone-premise', page: 1, fact: null },
    ]);
  });

  it('names the page of the filtered facts list that shows each premise, past page 1', async () => {
    const { api, app } = await derivedApp();
    const db = getDb();
    const ws = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    const alice = await db.peer.findFirstOrThrow({ where: { workspaceId: ws.id, name: 'alice' } });
    const [premise] = (await api.facts.list({ app, level: 'explicit', observed: 'alice' })).items;
    // A page and a half of newer explicit facts push the premise (older) off page 1 of its filtered list.
    const newer = Array.from({ length: Math.ceil(CONSOLE_PAGE_SIZE * 1.5) }, (_, i) => ({
      observerId: alice.id, observedId: alice.id, sessionId: null, level: 'explicit' as const, origin: 'dream' as const, content: `alice fact number ${i}`, embedding: null,
    }));
    await db.$transaction((tx) => writeConclusions(tx, ws.id, newer, { dedupe: false }));
    const [pattern] = await db.$transaction((tx) =>
      writeConclusions(tx, ws.id, [
        { observerId: alice.id, observedId: alice.id, sessionId: null, level: 'inductive', origin: 'dream', content: 'alice moves often', sourceIds: [premise!.id], embedding: null },
      ], { dedupe: false }),
    );
    const [link] = (await api.facts.provenance({ app, id: pattern!.id })).premises;
    expect(link!.page).toBeGreaterThan(1);
    const landing = await api.facts.list({ app, observer: 'alice', observed: 'alice', level: 'explicit', page: link!.page });
    expect(landing.items.map((f) => f.id)).toContain(premise!.id);
  });

  it('deletes a fact through the REST service: gone from the list and from provenance; unknown ids are NOT_FOUND', async () => {
    const { api, app } = await derivedApp();
    const [first] = (await api.facts.list({ app })).items;
    expect(await api.facts.delete({ app, id: first!.id })).toEqual({ deleted: first!.id });
    expect((await api.facts.list({ app })).items.map((f) => f.id)).not.toContain(first!.id);
    expect((await trpcError(api.facts.delete({ app, id: first!.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.facts.provenance({ app, id: first!.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.facts.list({ app, level: 'wrong' as 'explicit' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(api.facts.list({ app, page: 0 }))).code).toBe('BAD_REQUEST');
  });

  it('previews the representation markdown; unknown peers are NOT_FOUND rather than empty', async () => {
    const { api, app } = await derivedApp();
    const { representation } = await api.facts.representation({ app, peer: 'alice' });
    expect(representation).toMatch(/^## Explicit Observations\n\n\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] /);
    expect(representation).toContain('Lisbon');
    expect((await api.facts.representation({ app, peer: 'bot', target: 'alice' })).representation).toBe('');
    expect((await trpcError(api.facts.representation({ app, peer: 'nobody' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.facts.representation({ app, peer: 'alice', target: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});

describe('playground', () => {
  it('answers offline from the facts, streaming deltas, and ends with evidence including message text', async () => {
    const { api, app, messages } = await derivedApp();
    const events = await collect(api, { app, peer: 'alice', query: 'Where did alice move last week?' });
    expect(events[0]).toEqual({ type: 'start', engine: expect.stringMatching(/^local/), observer: 'alice', target: 'alice', session: null, scope: null });
    const answer = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(answer).toContain('Lisbon');
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    expect(done.evidence.conclusions.some((c) => /Lisbon/.test(c.content))).toBe(true);
    // Every cited message carries its stored text.
    expect(done.evidence.messages.length).toBeGreaterThan(0);
    for (const cited of done.evidence.messages) {
      expect(cited.content).toBe(messages.find((m) => m.id === cited.id)?.content);
    }
    expect(done.evidence.messages.every((m) => m.session === 'chat')).toBe(true);
  });

  it('streams a model answer token by token and reports its tool calls and engine', async () => {
    const { api, app } = await derivedApp();
    const model = scriptedModel(({ index, toolNames }) =>
      index === 0 && toolNames.length > 0
        ? { tools: [{ name: 'search_conclusions', input: { query: 'Lisbon' } }] }
        : { text: ['alice ', 'lives ', 'in Lisbon.'] },
    );
    useDialecticModel(model);
    const events = await collect(api, { app, peer: 'alice', query: 'Where does alice live?', level: 'minimal', session: 'chat' });
    expect(events[0]).toMatchObject({ type: 'start', session: 'chat', engine: expect.not.stringMatching(/^local/) });
    expect(events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : ''))).toEqual(['alice ', 'lives ', 'in Lisbon.']);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    expect(done.evidence.toolCalls.length).toBe(1);
  });

  it('answers an unknown asking peer as the chat route does (creating it); refuses unknown targets, sessions, scopes and bad input', async () => {
    const { api, app } = await derivedApp();
    const ghost = await collect(api, { app, peer: 'ghost', query: 'Where does alice live?' });
    expect(ghost[0]).toMatchObject({ type: 'start', observer: 'ghost', target: 'ghost', scope: null });
    const done = ghost.at(-1)!;
    if (done.type !== 'done') throw new Error('no done event');
    // ghost took part in nothing: the answer is built from no evidence at all.
    expect(done.evidence.conclusions).toEqual([]);
    expect(done.evidence.messages).toEqual([]);
    const ws = await getDb().workspace.findUniqueOrThrow({ where: { name: app } });
    expect(await getDb().peer.count({ where: { workspaceId: ws.id, name: 'ghost' } })).toBe(1);

    expect((await trpcError(collect(api, { app, peer: 'alice', target: 'nobody', query: 'hi' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(collect(api, { app, peer: 'alice', session: 'nope', query: 'hi' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(collect(api, { app, peer: 'alice', scope: 'nope', query: 'hi' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(collect(api, { app, peer: 'alice', scope: 'scope.x', query: 'hi' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(collect(api, { app, peer: 'alice', query: '   ' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(collect(api, { app, peer: 'alice', query: 'x'.repeat(2_001) }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(collect(api, { app, peer: 'alice', query: 'hi', level: 'extreme' as 'low' }))).code).toBe('BAD_REQUEST');
    expect(await getDb().peer.count({ where: { workspaceId: ws.id, name: 'nobody' } })).toBe(0);
  });

  it('streams over server-sent events through the fetch adapter the console calls, errors included', async () => {
    const { owner, app } = await derivedApp();
    const sse = (input: Record<string, unknown>) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(`http://console.test/api/trpc/playground.ask?input=${encodeURIComponent(JSON.stringify(input))}`),
        router: appRouter,
        createContext: () => ({ db: getDb(), session: { userId: owner.userId }, ip: null }),
      });
    const ok = await sse({ app, peer: 'alice', query: 'What do you know about alice?' });
    expect(ok.headers.get('content-type')).toContain('text/event-stream');
    const body = await ok.text();
    expect(body).toMatch(/"type":"start"/);
    expect(body).toMatch(/"type":"delta","text":"[^"]*Lisbon/);
    expect(body).toMatch(/"type":"done"/);
    expect(body).toContain('event: return');

    const refused = await (await sse({ app, peer: 'alice', target: 'ghost', query: 'hi' })).text();
    expect(refused).toContain('event: serialized-error');
    expect(refused).toContain('NOT_FOUND');
    expect(refused).toContain('ghost');
  });
});
