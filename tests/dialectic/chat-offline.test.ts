// The dialectic over raw HTTP with no language model configured (docs/api.md#s3-11, docs/architecture.md#models): validation
// before the first byte, recall confinement, the retrieval-grounded answer and its evidence, and the SSE framing
// byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { call } from '../support/app-fetch';
import { invalid, json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { addConclusion, chat, chatJson, postMessages } from './chat-fixtures';

provideTestDatabase();

beforeAll(() => {
  setModelEnginesForTesting(
    createModelEngines({}, { llm: { provider: 'local' }, embedding: { provider: 'local', dimensions: TEST_EMBEDDING_DIMENSIONS }, timeoutMs: 60_000 }),
  );
});
afterAll(() => setModelEnginesForTesting(null));

const peerChat = (ws: string, peer: string) => `/v3/workspaces/${ws}/peers/${peer}/chat`;
const DAY = '2026-11-25T10:00:00Z';

/** alice and bob talk in s1; bob is alone in s2; alice holds facts about herself and about bob. */
async function world() {
  const ws = uniqueId('dia');
  const s1 = await postMessages(ws, 's1', [
    { peer_id: 'alice', content: 'I moved to Lisbon last month and I love the tiles.', created_at: DAY },
    { peer_id: 'bob', content: 'I play the cello in an orchestra.', created_at: DAY },
  ]);
  const s2 = await postMessages(ws, 's2', [{ peer_id: 'bob', content: 'My pineapple recipe is a secret.', created_at: DAY }]);
  const lisbon = await addConclusion(ws, {
    observer: 'alice', observed: 'alice', content: 'alice lives in Lisbon', session: 's1', messageIds: [s1[0]!], messageCreatedAt: new Date(DAY),
  });
  const cello = await addConclusion(ws, { observer: 'alice', observed: 'bob', content: 'bob plays the cello', session: 's1' });
  const cheese = await addConclusion(ws, { observer: 'bob', observed: 'bob', content: 'bob dislikes cheese', session: 's2' });
  return { ws, s1, s2, lisbon, cello, cheese };
}

describe('offline answers', () => {
  it('says plainly that it knows nothing about a new peer, creating the peer and workspace on the way', async () => {
    const ws = uniqueId('empty');
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'What do you know about alice?', include_evidence: true });
    expect(body.content).toBe("I don't have any information about alice yet.");
    expect(body.evidence).toEqual({ conclusions: [], messages: [], tool_calls: [], reasoning_trace_id: null });
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    expect(await db.peer.findUnique({ where: { workspaceId_name: { workspaceId: workspace.id, name: 'alice' } } })).not.toBeNull();
  });

  it('cites a stored conclusion with its date, and lists it as evidence', async () => {
    const { ws, lisbon, s1 } = await world();
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?', include_evidence: true });
    expect(body.content).toContain('alice lives in Lisbon (2026-11-25)');
    expect(body.content).toMatch(/^Based on what I know about alice:/);
    expect(body.evidence!.conclusions).toContainEqual({
      id: lisbon, level: 'explicit', content: 'alice lives in Lisbon', created_at: expect.stringMatching(/Z$/), session_id: 's1', source_ids: [],
    });
    // The message the fact came from is quoted too, with who said it.
    expect(body.content).toContain('alice said: "I moved to Lisbon last month');
    expect(body.evidence!.messages.map((m) => m.id)).toContain(s1[0]);
    expect(body.evidence!.tool_calls).toEqual([]);
  });

  it('answers a general question with the most recent facts, and an unrelated one with "I don\'t know"', async () => {
    const { ws } = await world();
    expect((await chatJson(peerChat(ws, 'alice'), { query: 'What do you know about alice?' })).content).toBe(
      'Here is what I know about alice:\n- alice lives in Lisbon (2026-11-25)',
    );
    expect((await chatJson(peerChat(ws, 'alice'), { query: 'What is her favourite colour?' })).content).toBe(
      "I don't have any information about that yet.",
    );
    // Evidence is omitted unless asked for.
    expect(await chatJson(peerChat(ws, 'alice'), { query: 'colour?' })).not.toHaveProperty('evidence');
  });

  it('matches everyday topics worded differently in the question and the fact', async () => {
    const { ws } = await world();
    // "based" never occurs in "alice lives in Lisbon": the location topic links them.
    expect((await chatJson(peerChat(ws, 'alice'), { query: 'Where is she based?' })).content).toContain('alice lives in Lisbon');
  });

  it("answers from the (observer, target) view: alice's view of bob is not bob's own", async () => {
    const { ws } = await world();
    const aboutBob = await chatJson(peerChat(ws, 'alice'), { query: 'What instrument does bob play? cello?', target: 'bob' });
    expect(aboutBob.content).toContain('bob plays the cello');
    const bobSelf = await chatJson(peerChat(ws, 'bob'), { query: 'What about cheese and the cello?' });
    expect(bobSelf.content).toContain('bob dislikes cheese');
    expect(bobSelf.content).not.toContain('bob plays the cello (');
  });

  it('never recalls messages of a session the observer never joined', async () => {
    const { ws, s2 } = await world();
    const alice = await chatJson(peerChat(ws, 'alice'), { query: 'pineapple recipe', target: 'bob', include_evidence: true });
    expect(alice.content).toBe("I don't have any information about that yet.");
    expect(alice.evidence!.messages.map((m) => m.id)).not.toContain(s2[0]);
    // bob was in s2, so the same question finds it for him.
    const bob = await chatJson(peerChat(ws, 'bob'), { query: 'pineapple recipe', include_evidence: true });
    expect(bob.content).toContain('bob said: "My pineapple recipe is a secret."');
    expect(bob.evidence!.messages.map((m) => m.id)).toContain(s2[0]);
  });

  it('pins recall to session_id and to the allowlist; an empty allowlist recalls nothing', async () => {
    const { ws } = await world();
    const pinned = await chatJson(peerChat(ws, 'bob'), { query: 'pineapple recipe', session_id: 's1' });
    expect(pinned.content).toBe("I don't have any information about that yet.");
    const listed = await chatJson(peerChat(ws, 'bob'), { query: 'pineapple recipe', filters: { session_id: { in: ['s2'] } } });
    expect(listed.content).toContain('pineapple');
    const none = await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?', filters: { session_id: [] } });
    expect(none.content).toBe("I don't have any information about that yet.");
  });

  it('answers across the workspace from every view', async () => {
    const { ws } = await world();
    const body = await chatJson(`/v3/workspaces/${ws}/chat`, { query: 'cello or cheese?', include_evidence: true });
    expect(body.content).toContain('bob plays the cello');
    expect(body.content).toContain('bob dislikes cheese');
    expect(body.content).toMatch(/^Based on what I know about this workspace:/);
    const pinned = await chatJson(`/v3/workspaces/${ws}/chat`, { query: 'pineapple', session_id: 's2' });
    expect(pinned.content).toContain('pineapple');
  });

  it('fills a response_format from what it found, and the result validates', async () => {
    const { ws } = await world();
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        answer: { type: 'string', maxLength: 500 },
        facts: { type: 'array', items: { type: 'string' } },
        confident: { type: 'boolean' },
        age: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        mood: { type: 'string', enum: ['happy', 'sad'] },
      },
      required: ['answer', 'facts', 'confident', 'age', 'mood'],
      additionalProperties: false,
    };
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?', response_format: schema });
    const value = JSON.parse(body.content!);
    expect(value.answer).toContain('alice lives in Lisbon');
    expect(value.facts).toContain('alice lives in Lisbon (2026-11-25)');
    expect(value).toMatchObject({ confident: false, age: null, mood: 'happy' });
    const empty = JSON.parse((await chatJson(peerChat(uniqueId('e'), 'zed'), { query: 'Anything?', response_format: schema })).content!);
    expect(empty).toEqual({ answer: "I don't have any information about zed yet.", facts: [], confident: false, age: null, mood: 'happy' });
  });
});

describe('validation before the first byte', () => {
  it('answers 404 for an unknown target or session, even for a streaming request', async () => {
    const { ws } = await world();
    for (const body of [{ target: 'nobody' }, { session_id: 'nope' }]) {
      const response = await chat(peerChat(ws, 'alice'), { query: 'hi', stream: true, ...body });
      expect(response.status).toBe(404);
      expect((await json(response)).detail).toMatch(/not found/);
    }
    expect((await chat(`/v3/workspaces/${ws}/chat`, { query: 'hi', session_id: 'nope' })).status).toBe(404);
    expect((await chat(`/v3/workspaces/${uniqueId('missing')}/chat`, { query: 'hi' })).status).toBe(404);
  });

  it('answers 422 for bad fields, with paths', async () => {
    const ws = uniqueId('bad');
    const path = peerChat(ws, 'alice');
    expect(await invalid(await chat(path, {}))).toEqual(['body.query']);
    expect(await invalid(await chat(path, { query: '' }))).toEqual(['body.query']);
    expect(await invalid(await chat(path, { query: 'x'.repeat(10_001) }))).toEqual(['body.query']);
    expect(await invalid(await chat(path, { query: 'hi', reasoning_level: 'extreme' }))).toEqual(['body.reasoning_level']);
    expect(await invalid(await chat(path, { query: 'hi', stream: 'yes' }))).toEqual(['body.stream']);
    expect(await invalid(await chat(path, { query: 'hi', target: 'a b' }))).toEqual(['body.target']);
    expect(await invalid(await chat(path, { query: 'hi', filters: { peer_id: 'bob' } }))).toEqual(['body.filters']);
    expect(await invalid(await chat(path, { query: 'hi', filters: { session_id: 7 } }))).toEqual(['body.filters.session_id']);
    expect(await invalid(await chat(path, { query: 'hi', filters: { session_id: ['a', 'b'] }, session_id: 'c' }))).toEqual(['body.session_id']);
    expect(await invalid(await chat(`/v3/workspaces/${ws}/peers/a%20b/chat`, { query: 'hi' }))).toEqual(['path.peer_id']);
    expect((await chat(path, { query: 'x'.repeat(10_000) })).status).toBe(200);
  });

  it('refuses unknown or contradictory scopes and malformed JSON', async () => {
    const ws = uniqueId('scope');
    const unknown = await chat(peerChat(ws, 'alice'), { query: 'hi', scope: 'therapy' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).detail).toBe('Scope therapy not found');
    expect((await chat(`/v3/workspaces/${ws}/chat`, { query: 'hi', scope: ['a'] })).status).toBe(404);
    expect(await invalid(await chat(peerChat(ws, 'alice'), { query: 'hi', scope: 'a', session_id: 's' }))).toEqual(['body.scope']);
    expect(await invalid(await chat(peerChat(ws, 'alice'), { query: 'hi', scope: [] }))).toEqual(['body.scope']);
    const malformed = await call('POST', peerChat(ws, 'alice'), '{"query": ');
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).detail).toBe('Malformed JSON body');
  });

  it('refuses a response_format outside the subset with "Invalid response_format: …"', async () => {
    const response = await chat(peerChat(uniqueId('rf'), 'alice'), { query: 'hi', stream: true, response_format: { type: 'string' } });
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(body.detail).toBe('Invalid response_format: the root schema must have "type": "object"');
    expect(body.errors).toEqual([{ path: 'body.response_format', message: body.detail }]);
  });
});

describe('streaming', () => {
  it('frames the answer exactly as the contract shows, with the SSE headers', async () => {
    const ws = uniqueId('sse');
    const response = await chat(peerChat(ws, 'alice'), { query: 'What do you know about alice?', stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.text()).toBe(
      'data: {"delta": {"content": "I don\'t have any information about alice yet."}, "done": false}\n\n' + 'data: {"done": true}\n\n',
    );
  });

  it('streams a multi-line answer in pieces and puts evidence on the terminal frame', async () => {
    const { ws, lisbon } = await world();
    const text = await (await chat(peerChat(ws, 'alice'), { query: 'What do you know about alice?', stream: true, include_evidence: true })).text();
    const frames = text.split('\n\n').filter(Boolean);
    expect(frames[0]).toBe('data: {"delta": {"content": "Here is what I know about alice:\\n"}, "done": false}');
    expect(frames[1]).toBe('data: {"delta": {"content": "- alice lives in Lisbon (2026-11-25)"}, "done": false}');
    const terminal = frames.at(-1)!;
    expect(terminal.startsWith('data: {"done": true, "evidence": {"conclusions": [{"id": ')).toBe(true);
    expect(text.endsWith('}\n\n')).toBe(true);
    const evidence = JSON.parse(terminal.slice('data: '.length)).evidence;
    expect(evidence.conclusions.map((c: { id: string }) => c.id)).toEqual([lisbon]);
    expect(evidence.reasoning_trace_id).toBeNull();
  });
});
