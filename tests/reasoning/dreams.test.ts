// The dream handler (docs/api.md#s5-5, #s5-6) run by the real queue engine on the real database: the offline local
// dreamer supersedes an outdated fact with a premised deduction, reports contradictions and patterns, refreshes the
// card within its limits and resets the view's bookkeeping; configuration switches suppress cards or whole dreams;
// an LLM dreamer (AI SDK mock model) that answers garbage leaves a failed item carrying the model's words.
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { dreamHandler } from '@/server/jobs/handlers/dream-handler';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { createModelEngines } from '@/server/models';
import type { Dreamer, ModelEngines } from '@/server/models/engine-types';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { uniqueId } from '../support/http-assertions';

provideTestDatabase();
afterEach(() => {
  delete process.env.DREAMS_ENABLED;
});

type Seeded = { ws: string; workspaceId: string; peers: Record<string, string>; sessions: Record<string, string> };

async function seed(options: { configuration?: object; peers?: string[]; sessions?: string[] } = {}): Promise<Seeded> {
  const db = getDb();
  const ws = uniqueId('dreamer');
  const workspace = await db.workspace.create({ data: { id: newInternalId(), name: ws, configuration: options.configuration ?? {} } });
  const peers: Record<string, string> = {};
  for (const name of options.peers ?? ['alice']) {
    peers[name] = (await db.peer.create({ data: { id: newInternalId(), workspaceId: workspace.id, name } })).id;
  }
  const sessions: Record<string, string> = {};
  for (const name of options.sessions ?? ['s1', 's2']) {
    sessions[name] = (await db.session.create({ data: { id: newInternalId(), workspaceId: workspace.id, name } })).id;
  }
  return { ws, workspaceId: workspace.id, peers, sessions };
}

let clock = Date.parse('2026-03-01T10:00:00Z');

/** Explicit conclusions of alice's self view, one minute apart (oldest first); returns their ids. */
async function addFacts(s: Seeded, facts: { content: string; session?: string }[], observer = 'alice', observed = 'alice') {
  const ids: string[] = [];
  for (const fact of facts) {
    const id = newPublicId();
    clock += 60_000;
    await getDb().conclusion.create({
      data: {
        id, workspaceId: s.workspaceId, observerId: s.peers[observer]!, observedId: s.peers[observed]!,
        sessionId: fact.session ? s.sessions[fact.session]! : null, level: 'explicit', origin: 'deriver',
        content: fact.content, tokenCount: 5, createdAt: new Date(clock),
      },
    });
    ids.push(id);
  }
  return ids;
}

async function scheduleAndRun(s: Seeded, body: Record<string, unknown>, engines: ModelEngines = createModelEngines()) {
  const response = await call('POST', `/v3/workspaces/${s.ws}/schedule_dream`, { dream_type: 'omni', ...body });
  expect(response.status).toBe(204);
  for (let pass = 0; pass < 20; pass += 1) {
    await runWorkerOnce({ db: getDb(), handlers: { dream: dreamHandler }, engines, backoffBaseMs: 1, budgetMs: 30_000, log: () => undefined });
    const open = await getDb().workItem.count({ where: { workspaceId: s.workspaceId, kind: 'dream', status: { in: ['pending', 'in_progress'] } } });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return getDb().workItem.findMany({ where: { workspaceId: s.workspaceId, kind: 'dream' }, orderBy: { id: 'asc' } });
}

const viewConclusions = (s: Seeded, observer = 'alice', observed = 'alice') =>
  getDb().conclusion.findMany({
    where: { workspaceId: s.workspaceId, observerId: s.peers[observer]!, observedId: s.peers[observed]! },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });

const cardOf = async (s: Seeded, observer = 'alice', observed = 'alice') =>
  (await getDb().peerCard.findUnique({ where: { observerId_observedId: { observerId: s.peers[observer]!, observedId: s.peers[observed]! } } }))?.entries ?? null;

describe('omni dream with the local dreamer', () => {
  it('supersedes an outdated fact with a premised deduction, reports a contradiction, writes the card and resets the view', async () => {
    const s = await seed();
    const [porto, lisbon, nurse, likes, dislikes] = await addFacts(s, [
      { content: 'alice lives in Porto', session: 's1' },
      { content: 'alice moved to Lisbon', session: 's2' },
      { content: 'alice works as a nurse', session: 's1' },
      { content: 'alice likes coffee', session: 's1' },
      { content: "alice doesn't like coffee", session: 's2' },
    ]);
    await getDb().peerView.create({
      data: { workspaceId: s.workspaceId, observerId: s.peers.alice!, observedId: s.peers.alice!, explicitSinceDream: 5 },
    });

    const [item] = await scheduleAndRun(s, { observer: 'alice' });
    expect(item).toMatchObject({ status: 'completed', lastError: null });

    const rows = await viewConclusions(s);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The outdated fact is kept as history, marked superseded by the newer one; nothing was deleted.
    expect(byId.get(porto!)).toMatchObject({ supersededById: lisbon });
    expect(byId.get(porto!)!.supersededAt).toBeInstanceOf(Date);
    for (const id of [lisbon, nurse]) expect(byId.get(id!)!.supersededAt).toBeNull();

    const deduction = rows.find((r) => r.level === 'deductive')!;
    expect(deduction).toMatchObject({ origin: 'dream', sourceIds: [porto, lisbon], sessionId: s.sessions.s2, timesDerived: 1 });
    expect(deduction.content).toMatch(/Porto.*Lisbon/);
    expect(deduction.provenance).toMatchObject({ premises: ['alice lives in Porto', 'alice moved to Lisbon'] });

    const contradiction = rows.find((r) => r.level === 'contradiction')!;
    expect(contradiction.sourceIds).toEqual([likes, dislikes]);
    expect(contradiction.provenance).toMatchObject({ sources: ['alice likes coffee', "alice doesn't like coffee"] });
    expect(contradiction.sessionId).toBe(s.sessions.s2);

    // New conclusions are embedded like any other, so search and de-duplication find them.
    const embedded = await getDb().conclusionEmbedding.count({ where: { conclusionId: { in: [deduction.id, contradiction.id] } } });
    expect(embedded).toBe(2);

    const card = await cardOf(s);
    expect(card).toContain('Location: Lisbon');
    expect(card).toContain('Occupation: nurse');
    expect(card!.some((e) => /Porto/.test(e))).toBe(false);

    const view = await getDb().peerView.findUniqueOrThrow({
      where: { observerId_observedId: { observerId: s.peers.alice!, observedId: s.peers.alice! } },
    });
    expect(view.explicitSinceDream).toBe(0);
    expect(view.lastDreamAt).toBeInstanceOf(Date);

    // The wire shows the deduction with its premises as source_ids.
    const listed = await call('POST', `/v3/workspaces/${s.ws}/conclusions/list`, { filters: { level: 'deductive' } });
    expect(listed.status).toBe(200);
    expect((await listed.json()).items.map((c: { source_ids: string[] }) => c.source_ids)).toEqual([[porto, lisbon]]);

    // Dreaming again changes nothing: the superseded fact is no longer an input and nothing is duplicated.
    const again = await scheduleAndRun(s, { observer: 'alice' });
    expect(again.map((i) => i.status)).toEqual(['completed', 'completed']);
    const after = await viewConclusions(s);
    expect(after.filter((r) => r.level === 'deductive')).toHaveLength(1);
    expect(after.filter((r) => r.level === 'contradiction')).toHaveLength(1);
  });

  it('finds patterns across sessions, and keeps a big card within 40 entries of at most 200 characters', async () => {
    const s = await seed();
    const long = 'x'.repeat(260);
    await addFacts(s, [
      ...Array.from({ length: 45 }, (_, i) => ({ content: `alice loves hiking trail number ${i} ${i % 2 ? long : ''}`.trim(), session: 's1' })),
      { content: 'alice loves hiking with her dog', session: 's2' },
      { content: 'alice went hiking in the Alps', session: 's2' },
    ]);
    await scheduleAndRun(s, { observer: 'alice' });
    const card = (await cardOf(s))!;
    expect(card.length).toBeGreaterThan(0);
    expect(card.length).toBeLessThanOrEqual(40);
    for (const entry of card) expect(entry.length).toBeLessThanOrEqual(200);
    expect(new Set(card.map((e) => e.toLowerCase())).size).toBe(card.length);
    const inductive = (await viewConclusions(s)).filter((r) => r.level === 'inductive');
    expect(inductive.length).toBeGreaterThan(0);
    for (const pattern of inductive) {
      expect(pattern.sourceIds.length).toBeGreaterThanOrEqual(2);
      expect(pattern.provenance).toMatchObject({ pattern_type: expect.any(String), confidence: expect.stringMatching(/^(low|medium|high)$/) });
    }
  });

  it('writes no card when peer_card.create is false, but still consolidates', async () => {
    const s = await seed({ configuration: { peer_card: { create: false } } });
    await addFacts(s, [{ content: 'alice lives in Porto', session: 's1' }, { content: 'alice moved to Lisbon', session: 's1' }]);
    const [item] = await scheduleAndRun(s, { observer: 'alice' });
    expect(item!.status).toBe('completed');
    expect(await cardOf(s)).toBeNull();
    expect((await viewConclusions(s)).filter((r) => r.level === 'deductive')).toHaveLength(1);

    // card_refresh is skipped entirely.
    const refreshed = await scheduleAndRun(s, { observer: 'alice', dream_type: 'card_refresh' });
    expect(refreshed.map((i) => i.status)).toEqual(['completed', 'completed']);
    expect(await cardOf(s)).toBeNull();
  });

  it('card_refresh touches only the card; rebuild ignores the existing one', async () => {
    const s = await seed({ peers: ['alice', 'bob'] });
    await addFacts(s, [{ content: 'bob works as a pilot', session: 's1' }], 'alice', 'bob');
    await getDb().peerCard.create({
      data: { workspaceId: s.workspaceId, observerId: s.peers.alice!, observedId: s.peers.bob!, entries: ['Plays chess', 'Occupation: baker'] },
    });
    await scheduleAndRun(s, { observer: 'alice', observed: 'bob', dream_type: 'card_refresh' });
    expect(await cardOf(s, 'alice', 'bob')).toEqual(['Occupation: pilot', 'Plays chess']);
    // No consolidation bookkeeping for a card-only dream.
    expect(await getDb().peerView.findUnique({
      where: { observerId_observedId: { observerId: s.peers.alice!, observedId: s.peers.bob! } },
    })).toBeNull();

    await scheduleAndRun(s, { observer: 'alice', observed: 'bob', dream_type: 'card_refresh', rebuild: true });
    expect(await cardOf(s, 'alice', 'bob')).toEqual(['Occupation: pilot']);
    expect((await viewConclusions(s, 'alice', 'bob')).map((r) => r.level)).toEqual(['explicit']);
  });
});

describe('dreams that produce nothing', () => {
  it('completes without output for peers that do not exist, and when dream.enabled is off at run time', async () => {
    const s = await seed();
    const [ghostItem] = await scheduleAndRun(s, { observer: 'ghost' });
    expect(ghostItem).toMatchObject({ status: 'completed', lastError: null });

    await addFacts(s, [{ content: 'alice lives in Porto' }, { content: 'alice moved to Lisbon' }]);
    const response = await call('POST', `/v3/workspaces/${s.ws}/schedule_dream`, { observer: 'alice', dream_type: 'omni' });
    expect(response.status).toBe(204);
    await getDb().workspace.update({ where: { id: s.workspaceId }, data: { configuration: { dream: { enabled: false } } } });
    const items = await scheduleAndRun(s, { observer: 'alice' });
    expect(items.map((i) => i.status)).toEqual(['completed', 'completed']);
    expect((await viewConclusions(s)).every((r) => r.level === 'explicit' && r.supersededAt === null)).toBe(true);
    expect(await cardOf(s)).toBeNull();
  });
});

describe('LLM dreamer failures', () => {
  it('a model answering garbage leaves the item failed with the model error after its attempts', async () => {
    const s = await seed();
    await addFacts(s, [{ content: 'alice lives in Porto', session: 's1' }, { content: 'alice moved to Lisbon', session: 's1' }]);
    const model = new MockLanguageModelV3({
      doGenerate: async () => ({
        content: [{ type: 'text', text: 'I dreamt of electric sheep, not JSON.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 9, text: 9, reasoning: undefined },
        },
        warnings: [],
      }),
    });
    const engines = createModelEngines({ languageModels: { dream: model } });
    const [item] = await scheduleAndRun(s, { observer: 'alice' }, engines);
    expect(item!.status).toBe('failed');
    expect(item!.attempts).toBe(item!.maxAttempts);
    expect(item!.lastError).toMatch(/electric sheep/);
    expect(model.doGenerateCalls.length).toBeGreaterThanOrEqual(item!.maxAttempts);
    // Nothing was written.
    expect((await viewConclusions(s)).every((r) => r.level === 'explicit' && r.supersededAt === null)).toBe(true);
    const status = await (await call('GET', `/v3/workspaces/${s.ws}/queue/status`)).json();
    expect(status.failed_work_units).toBe(1);
  });

  it('validates what any dreamer returns: unknown ids, unsupported patterns and over-long cards never reach the database', async () => {
    const s = await seed();
    const [a, b] = await addFacts(s, [{ content: 'alice plays the cello', session: 's1' }, { content: 'alice sings in a choir', session: 's2' }]);
    const dreamer: Dreamer = {
      engine: 'test:scripted',
      async dream() {
        return {
          deductions: [
            { content: 'alice is musical', premiseIds: [a!, b!, 'not-an-input'] },
            { content: 'alice is imaginary', premiseIds: ['not-an-input'] },
            { content: '   ', premiseIds: [a!] },
          ],
          inductions: [
            { content: 'alice makes music weekly', sourceIds: [a!, b!], patternType: 'habit', confidence: 'high' },
            { content: 'alice likes strings', sourceIds: [a!], patternType: 'preference', confidence: 'low' },
          ],
          contradictions: [{ content: 'alice both plays and sings', sourceIds: [a!, a!] }],
          superseded: [{ id: 'not-an-input', byId: a! }, { id: a!, byDeductionIndex: 0 }],
          card: ['Musician', 'musician', '  ', 'y'.repeat(500), ...Array.from({ length: 60 }, (_, i) => `Entry ${i}`)],
        };
      },
    };
    const engines = { ...createModelEngines(), dreamer };
    const [item] = await scheduleAndRun(s, { observer: 'alice' }, engines);
    expect(item!.status).toBe('completed');
    const rows = await viewConclusions(s);
    const musical = rows.find((r) => r.content === 'alice is musical')!;
    expect(musical.sourceIds).toEqual([a, b]);
    expect(musical.sessionId).toBe(s.sessions.s2);
    expect(rows.find((r) => r.content === 'alice is imaginary')).toBeUndefined();
    expect(rows.filter((r) => r.level === 'inductive').map((r) => r.content)).toEqual(['alice makes music weekly']);
    expect(rows.filter((r) => r.level === 'contradiction')).toEqual([]);
    expect(rows.find((r) => r.id === a)!.supersededById).toBe(musical.id);
    const card = (await cardOf(s))!;
    expect(card).toHaveLength(40);
    expect(card.slice(0, 2)).toEqual(['Musician', 'y'.repeat(200)]);
  });
});
