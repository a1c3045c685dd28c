// The dialectic with a language model (AI SDK mock models, real database): the tool loop's confinement, its
// iteration and output caps per reasoning level, the evidence it records, structured answers with repair, and
// streaming (live final step, byte-exact frames, abort without a terminal frame on failure).
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { reasoningBudget } from '@/server/services/dialectic/reasoning-budget';
import { captureLogs } from '../support/captured-logs';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addConclusion, chat, chatJson, postMessages } from './chat-fixtures';
import { promptText, scriptedModel, useDialecticModel, type Script } from './mock-model';

provideTestDatabase();
afterAll(() => useDialecticModel(null));
afterEach(() => {
  delete process.env.DIALECTIC_LOW_ITERATIONS;
  vi.restoreAllMocks();
});

const peerChat = (ws: string, peer: string) => `/v3/workspaces/${ws}/peers/${peer}/chat`;
const DAY = '2026-11-25T10:00:00Z';

async function world() {
  const ws = uniqueId('loop');
  const s1 = await postMessages(ws, 's1', [
    { peer_id: 'alice', content: 'I moved to Lisbon and adopted a dog called Rex.', created_at: DAY },
    { peer_id: 'bob', content: 'Rex is a great name.', created_at: DAY },
  ]);
  const s2 = await postMessages(ws, 's2', [{ peer_id: 'bob', content: 'The pineapple vault code is 4711.', created_at: DAY }]);
  const lisbon = await addConclusion(ws, { observer: 'alice', observed: 'alice', content: 'alice lives in Lisbon', session: 's1', messageIds: [s1[0]!] });
  const rex = await addConclusion(ws, { observer: 'alice', observed: 'alice', content: 'alice has a dog named Rex', session: 's1', messageIds: [s1[0]!] });
  const walks = await addConclusion(ws, {
    observer: 'alice', observed: 'alice', level: 'deductive', content: 'alice walks Rex around Lisbon', sourceIds: [lisbon, rex],
  });
  return { ws, s1, s2, lisbon, rex, walks };
}

/** Calls the given tools on the first step, then answers. */
const toolsThenAnswer = (tools: { name: string; input: Record<string, unknown> }[], answer: string[]): Script =>
  ({ index }) => (index === 0 ? { tools } : { text: answer });

describe('tool loop', () => {
  it('confines message tools to sessions the observer was in, and records what the tools read', async () => {
    const { ws, s2 } = await world();
    const script = toolsThenAnswer(
      [
        { name: 'search_messages', input: { query: 'pineapple vault code' } },
        { name: 'grep_messages', input: { text: 'pineapple' } },
        { name: 'messages_by_date_range', input: { after: '2026-11-01', before: '2026-12-01' } },
      ],
      ['I do not know the vault code.'],
    );
    const asAlice = scriptedModel(script);
    useDialecticModel(asAlice);
    const alice = await chatJson(peerChat(ws, 'alice'), { query: 'What is the vault code?', include_evidence: true });
    expect(alice.content).toBe('I do not know the vault code.');
    expect(promptText(asAlice, 1)).not.toContain('4711');
    expect(alice.evidence!.messages.map((m) => m.id)).not.toContain(s2[0]);
    expect(alice.evidence!.messages.every((m) => m.session_id === 's1')).toBe(true);
    expect(alice.evidence!.tool_calls).toEqual(
      expect.arrayContaining([
        { tool_name: 'search_messages', tool_input: { query: 'pineapple vault code' } },
        { tool_name: 'grep_messages', tool_input: { text: 'pineapple' } },
        { tool_name: 'messages_by_date_range', tool_input: { after: '2026-11-01', before: '2026-12-01' } },
      ]),
    );

    // bob was in s2: the same tools find it for him.
    const asBob = scriptedModel(script);
    useDialecticModel(asBob);
    const bob = await chatJson(peerChat(ws, 'bob'), { query: 'What is the vault code?', include_evidence: true });
    expect(promptText(asBob, 1)).toContain('4711');
    expect(bob.evidence!.messages.map((m) => m.id)).toContain(s2[0]);
  });

  it('expands sources and walks reasoning chains, listing every conclusion and message read', async () => {
    const { ws, s1, lisbon, rex, walks } = await world();
    const model = scriptedModel(({ index }) =>
      index === 0
        ? { tools: [{ name: 'walk_reasoning_chain', input: { conclusion_id: walks } }] }
        : index === 1
          ? { tools: [{ name: 'expand_conclusion_sources', input: { conclusion_id: rex } }, { name: 'expand_conclusion_sources', input: { conclusion_id: 'nope' } }] }
          : { text: ['alice walks her dog Rex in Lisbon.'] },
    );
    useDialecticModel(model);
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'What does alice do with Rex?', include_evidence: true });
    expect(body.content).toBe('alice walks her dog Rex in Lisbon.');
    const chainResult = promptText(model, 1);
    expect(chainResult).toContain('alice walks Rex around Lisbon');
    expect(chainResult).toContain(`(premises: ${lisbon}, ${rex})`);
    expect(promptText(model, 2)).toContain('I moved to Lisbon and adopted a dog called Rex.');
    const evidence = body.evidence!;
    expect(evidence.conclusions.map((c) => c.id)).toEqual(expect.arrayContaining([lisbon, rex, walks]));
    expect(evidence.conclusions.find((c) => c.id === walks)).toMatchObject({ level: 'deductive', source_ids: [lisbon, rex], session_id: null });
    expect(evidence.messages.map((m) => m.id)).toContain(s1[0]);
    // The call for an unknown conclusion failed, so it is not listed.
    expect(evidence.tool_calls).toEqual([
      { tool_name: 'walk_reasoning_chain', tool_input: { conclusion_id: walks } },
      { tool_name: 'expand_conclusion_sources', tool_input: { conclusion_id: rex } },
    ]);
  });

  it('prefetches relevant conclusions, the peer card and the session history into the prompt', async () => {
    const { ws, walks } = await world();
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    const alice = await db.peer.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: 'alice' } } });
    await db.peerCard.create({ data: { workspaceId: workspace.id, observerId: alice.id, observedId: alice.id, entries: ['Name: Alice', 'Lives in Lisbon'] } });
    const model = scriptedModel(() => ({ text: ['ok'] }));
    useDialecticModel(model);
    await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?' });
    const prompt = promptText(model, 0);
    expect(prompt).toContain('Never invent');
    expect(prompt).toContain('## Peer card of alice');
    expect(prompt).toContain('Lives in Lisbon');
    // Explicit conclusions first, then derived ones.
    expect(prompt.indexOf('alice lives in Lisbon')).toBeGreaterThan(-1);
    expect(prompt.indexOf('alice lives in Lisbon')).toBeLessThan(prompt.indexOf(walks));
    expect(prompt).not.toContain('## Latest messages');

    // A pinned session adds its history, and only conclusions stated in it (derived ones reason across sessions).
    await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?', session_id: 's1' });
    const pinned = promptText(model, 1);
    expect(pinned).toContain('## Latest messages of session s1');
    expect(pinned).toContain('Rex is a great name.');
    expect(pinned).toContain('alice lives in Lisbon');
    expect(pinned).not.toContain(walks);

    // peer_card.use = false withholds the card.
    await db.workspace.update({ where: { id: workspace.id }, data: { configuration: { peer_card: { use: false } } } });
    await chatJson(peerChat(ws, 'alice'), { query: 'Where does alice live?' });
    expect(promptText(model, 2)).not.toContain('Peer card');
  });
});

describe('input budget and deletions', () => {
  afterEach(() => {
    delete process.env.DIALECTIC_MAX_INPUT_TOKENS;
  });

  it('keeps tool results inside the input cap', async () => {
    const ws = uniqueId('budget');
    const long = 'Lisbon trams and tiles. '.repeat(80);
    await postMessages(ws, 's1', Array.from({ length: 6 }, (_, i) => ({ peer_id: 'alice', content: `${i}: ${long}` })));
    process.env.DIALECTIC_MAX_INPUT_TOKENS = '4000';
    const model = scriptedModel(({ toolNames }) =>
      toolNames.length ? { tools: [{ name: 'search_messages', input: { query: 'Lisbon trams' } }] } : { text: ['done'] },
    );
    useDialecticModel(model);
    await chatJson(peerChat(ws, 'alice'), { query: 'Trams?' });
    const last = promptText(model, 3);
    // The best hit is shortened to fit, the rest are counted as left out.
    expect(last).toMatch(/\] \d{4}-\d{2}-\d{2} \d{2}:\d{2} in session s1, alice: \d: Lisbon trams and tiles\. [^"]*…/);
    expect(last).toContain('(5 more left out to stay within the context budget)');
    // Everything sent in the final call stays under the cap (JSON escaping only inflates the count).
    const { countTokens } = await import('@/server/services/messages/count-tokens');
    expect(countTokens(last)).toBeLessThan(4000);
  });

  it('never reads messages of a session whose deletion is pending', async () => {
    const { ws } = await world();
    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    await db.session.updateMany({ where: { workspaceId: workspace.id, name: 's1' }, data: { deletedAt: new Date() } });
    const model = scriptedModel(toolsThenAnswer([{ name: 'grep_messages', input: { text: 'Lisbon' } }], ['nothing']));
    useDialecticModel(model);
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'Lisbon?', include_evidence: true });
    expect(promptText(model, 1)).not.toContain('I moved to Lisbon');
    expect(body.evidence!.messages).toEqual([]);
  });
});

describe('reasoning levels', () => {
  /** Asks for a tool whenever tools are offered, and answers once they are not. */
  const greedy: Script = ({ index, toolNames }) =>
    toolNames.length > 0 ? { text: [`thinking ${index} `], tools: [{ name: 'search_conclusions', input: { query: `q${index}` } }] } : { text: ['final answer'] };

  it.each([
    ['minimal', 1, 250],
    ['low', 3, 2048],
    ['medium', 5, 4096],
    ['high', 8, 8192],
    ['max', 12, 8192],
  ] as const)('%s: at most %i tool rounds, then a tool-less answer capped at %i tokens', async (level, iterations, maxTokens) => {
    const ws = uniqueId(level);
    const model = scriptedModel(greedy);
    useDialecticModel(model);
    const body = await chatJson(peerChat(ws, 'alice'), { query: 'Tell me everything', reasoning_level: level, include_evidence: true });
    expect(body.content).toBe('final answer');
    expect(model.doStreamCalls).toHaveLength(iterations + 1);
    expect(body.evidence!.tool_calls).toHaveLength(iterations);
    expect(model.doStreamCalls.every((call) => call.maxOutputTokens === maxTokens)).toBe(true);
    expect(model.doStreamCalls.at(-1)!.tools ?? []).toEqual([]);
    const offered = (model.doStreamCalls[0]!.tools ?? []).map((t) => t.name).sort();
    expect(offered).toEqual(
      level === 'minimal'
        ? ['search_conclusions', 'search_messages']
        : ['expand_conclusion_sources', 'grep_messages', 'messages_by_date_range', 'search_conclusions', 'search_messages', 'walk_reasoning_chain'],
    );
  });

  it('stops at the cap even when the model asks for tools it is no longer offered', async () => {
    const model = scriptedModel(({ index }) => ({ text: [`step ${index}`], tools: [{ name: 'search_messages', input: { query: 'x' } }] }));
    useDialecticModel(model);
    const body = await chatJson(peerChat(uniqueId('forever'), 'alice'), { query: 'Loop?', include_evidence: true });
    expect(model.doStreamCalls).toHaveLength(4);
    // Only the last step's text is the answer; what came with tool calls before it was preamble.
    expect(body.content).toBe('step 3');
    expect(body.evidence!.tool_calls).toHaveLength(3);
  });

  it('takes the caps from the environment', async () => {
    process.env.DIALECTIC_LOW_ITERATIONS = '2';
    expect(reasoningBudget('low')).toMatchObject({ iterations: 2, maxOutputTokens: 2048, maxInputTokens: 100_000 });
    const model = scriptedModel(greedy);
    useDialecticModel(model);
    await chatJson(peerChat(uniqueId('env'), 'alice'), { query: 'Anything?' });
    expect(model.doStreamCalls).toHaveLength(3);
  });
});

describe('structured answers', () => {
  const schema = {
    type: 'object',
    properties: { city: { type: 'string' }, pets: { type: 'array', items: { type: 'string' } } },
    required: ['city', 'pets'],
    additionalProperties: false,
  };

  it('returns a conforming answer as the JSON string, instructing the model with the schema', async () => {
    const model = scriptedModel(() => ({ text: ['```json\n{"city": "Lisbon", ', '"pets": ["Rex"]}\n```'] }));
    useDialecticModel(model);
    const body = await chatJson(peerChat(uniqueId('json'), 'alice'), { query: 'City and pets?', response_format: schema });
    expect(body.content).toBe('{"city":"Lisbon","pets":["Rex"]}');
    expect(promptText(model, 0)).toContain('Reply with only a JSON document');
  });

  it('repairs a non-conforming answer with structured output, and fails rather than send invalid JSON', async () => {
    const model = scriptedModel(() => ({ text: ['alice lives in Lisbon with Rex.'] }), () => '{"city": "Lisbon", "pets": ["Rex"]}');
    useDialecticModel(model);
    const repaired = await chatJson(peerChat(uniqueId('fix'), 'alice'), { query: 'City and pets?', response_format: schema });
    expect(repaired.content).toBe('{"city":"Lisbon","pets":["Rex"]}');
    expect(model.doGenerateCalls[0]!.responseFormat).toMatchObject({ type: 'json', schema: { required: ['city', 'pets'] } });

    const logs = captureLogs();
    useDialecticModel(scriptedModel(() => ({ text: ['no idea'] }), () => '{"city": 7}'));
    const failed = await chat(peerChat(uniqueId('bad'), 'alice'), { query: 'City and pets?', response_format: schema });
    logs.restore();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Internal server error' });
    // The operator's log says why, though the client only sees an opaque 500.
    const thrown = logs.lines().find((line) => line.level === 'error' && line.msg === 'request threw');
    expect((thrown?.err as { type?: string } | undefined)?.type).toBe('ModelOutputError');
  });
});

describe('streaming with a model', () => {
  it('streams the final step live, in the contract example framing', async () => {
    const model = scriptedModel(({ toolNames }) =>
      toolNames.length ? { tools: [{ name: 'search_conclusions', input: { query: 'home' } }] } : { text: ['Alice lives ', '', 'in Lisbon.'] },
    );
    useDialecticModel(model);
    const response = await chat(peerChat(uniqueId('live'), 'alice'), { query: 'Where?', stream: true, reasoning_level: 'minimal' });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe(
      'data: {"delta": {"content": "Alice lives "}, "done": false}\n\n' +
        'data: {"delta": {"content": "in Lisbon."}, "done": false}\n\n' +
        'data: {"done": true}\n\n',
    );
  });

  it('aborts without a terminal frame when the model fails after the headers, and logs the request id', async () => {
    const logs = captureLogs();
    const model = scriptedModel(({ toolNames }) =>
      toolNames.length ? { tools: [{ name: 'search_messages', input: { query: 'x' } }] } : { text: ['Partial '], error: new Error('provider went away') },
    );
    useDialecticModel(model);
    const response = await chat(peerChat(uniqueId('fail'), 'alice'), { query: 'Where?', stream: true, reasoning_level: 'minimal' }, { 'x-request-id': 'req-chat-1' });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const drain = async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value);
      }
    };
    await expect(drain()).rejects.toThrow(/provider went away/);
    expect(received).toBe('data: {"delta": {"content": "Partial "}, "done": false}\n\n');
    logs.restore();
    expect(logs.lines().some((line) => line.level === 'error' && line.request_id === 'req-chat-1')).toBe(true);
  });
});
