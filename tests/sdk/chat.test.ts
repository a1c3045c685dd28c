// The official @honcho-ai/sdk 2.5.0, unchanged, against Rapport's dialectic (in-process, real database): peer.chat()
// and chatStream() with target, session, evidence and a Zod responseFormat, workspace chat, and the typed errors.
import { Honcho, NotFoundError, UnprocessableEntityError } from '@honcho-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addConclusion } from '../dialectic/chat-fixtures';
import { scriptedModel, useDialecticModel } from '../dialectic/mock-model';

provideTestDatabase();
beforeAll(() => {
  installAppFetch();
  useDialecticModel(null);
});
afterAll(() => useDialecticModel(null));

const client = (workspaceId: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, maxRetries: 0 });

/** A workspace where alice told bob about Lisbon in s1, with one conclusion about her. */
async function seeded() {
  const workspaceId = uniqueId('sdkchat');
  const honcho = client(workspaceId);
  const alice = await honcho.peer('alice');
  const bob = await honcho.peer('bob');
  const session = await honcho.session('s1');
  await session.addMessages([alice.message('I moved to Lisbon last spring.'), bob.message('Lisbon is lovely.')]);
  const conclusion = await addConclusion(workspaceId, { observer: 'alice', observed: 'alice', content: 'alice lives in Lisbon', session: 's1' });
  return { honcho, alice, bob, session, conclusion, workspaceId };
}

describe('peer.chat()', () => {
  it("says plainly when it knows nothing, and cites what it knows (offline engine)", async () => {
    const honcho = client(uniqueId('sdkempty'));
    const zed = await honcho.peer('zed');
    expect(await zed.chat('What do you know about zed?')).toBe("I don't have any information about zed yet.");

    const { alice, conclusion } = await seeded();
    const answer = await alice.chat('Where does alice live?');
    expect(answer).toContain('alice lives in Lisbon');
    const withEvidence = await alice.chat('Where does alice live?', { includeEvidence: true, reasoningLevel: 'minimal' });
    expect(withEvidence.content).toContain('alice lives in Lisbon');
    expect(withEvidence.evidence?.conclusions.map((c) => c.id)).toContain(conclusion);
    expect(withEvidence.evidence?.tool_calls).toEqual([]);
  });

  it('answers about a target and within a session; unknown ones are typed errors', async () => {
    const { workspaceId, alice, bob, session } = await seeded();
    await addConclusion(workspaceId, { observer: 'bob', observed: 'alice', content: 'alice speaks Portuguese', session: 's1' });
    expect(await bob.chat('What languages does alice speak? Portuguese?', { target: alice })).toContain('alice speaks Portuguese');
    expect(await bob.chat('What languages does alice speak? Portuguese?')).toBe("I don't have any information about that yet.");
    expect(await alice.chat('Where does alice live?', { session })).toContain('Lisbon');
    await expect(alice.chat('hi', { target: 'nobody' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(alice.chat('hi', { session: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('returns a parsed, validated object for a Zod responseFormat', async () => {
    const { alice } = await seeded();
    const schema = z.object({ answer: z.string(), facts: z.array(z.string()), certain: z.boolean().nullable() });
    // The SDK types responseFormat with its own copy of zod's ZodType; letting TypeScript infer T across the two
    // copies costs gigabytes of type-checking, so T is named and the schema handed over as is.
    type Answer = z.infer<typeof schema>;
    const result = await alice.chat<Answer>('Where does alice live?', { responseFormat: schema as never });
    expect(result).toMatchObject({ answer: expect.stringContaining('Lisbon'), certain: null });
    expect(result!.facts.some((f) => f.startsWith('alice lives in Lisbon'))).toBe(true);

    const withEvidence = await alice.chat<Answer>('Where does alice live?', { responseFormat: schema as never, includeEvidence: true });
    expect(withEvidence.content?.answer).toContain('Lisbon');
    expect(withEvidence.evidence?.conclusions).toHaveLength(1);
    // The SDK does not check the schema root; the server refuses a non-object one.
    await expect(alice.chat('Where?', { responseFormat: z.string() as never })).rejects.toBeInstanceOf(UnprocessableEntityError);
    await expect(alice.chat('Where?', { responseFormat: z.string() as never })).rejects.toThrow(/Invalid response_format/);
  });

  it('parses a model-written structured answer', async () => {
    const { alice } = await seeded();
    useDialecticModel(scriptedModel(() => ({ text: ['{"city": "Lisbon", "since": 2026}'] })));
    try {
      const schema = z.object({ city: z.string(), since: z.number().int() });
      const result = await alice.chat<z.infer<typeof schema>>('Where and since when?', { responseFormat: schema as never });
      expect(result).toEqual({ city: 'Lisbon', since: 2026 });
    } finally {
      useDialecticModel(null);
    }
  });
});

describe('peer.chatStream()', () => {
  it('yields the answer in chunks, assembles it, and carries evidence on completion', async () => {
    const { alice, conclusion } = await seeded();
    useDialecticModel(
      scriptedModel(({ toolNames }) =>
        toolNames.length ? { tools: [{ name: 'search_conclusions', input: { query: 'home' } }] } : { text: ['alice lives ', 'in Lisbon.'] },
      ),
    );
    try {
      const stream = await alice.chatStream('Where does alice live?', { reasoningLevel: 'minimal', includeEvidence: true });
      expect(stream.evidence).toBeNull();
      const chunks: string[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks).toEqual(['alice lives ', 'in Lisbon.']);
      expect(await stream.getFinalResponse()).toBe('alice lives in Lisbon.');
      expect(stream.evidence?.tool_calls).toEqual([{ tool_name: 'search_conclusions', tool_input: { query: 'home' } }]);
      expect(stream.evidence?.conclusions.map((c) => c.id)).toContain(conclusion);
    } finally {
      useDialecticModel(null);
    }
  });

  it('streams the offline answer too, and raises typed errors before streaming', async () => {
    const { alice, session } = await seeded();
    const stream = await alice.chatStream('Where does alice live?', { session });
    expect(await stream.getFinalResponse()).toContain('alice lives in Lisbon');
    await expect(alice.chatStream('hi', { target: 'nobody' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('workspace chat', () => {
  it('answers across every peer, streamed or not', async () => {
    const { honcho, session } = await seeded();
    expect(await honcho.chat('Where does alice live?')).toContain('alice lives in Lisbon');
    const { content, evidence } = await honcho.chat('Lisbon?', { includeEvidence: true, session });
    expect(content).toContain('Lisbon');
    expect(evidence?.messages.length).toBeGreaterThan(0);
    const stream = await honcho.chatStream('Where does alice live?');
    expect(await stream.getFinalResponse()).toContain('alice lives in Lisbon');
    await expect(honcho.chat('hi', { session: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
