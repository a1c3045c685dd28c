// Derivation with AI SDK mock models (docs/api.md#s5-2, #s5-3, docs/honcho-differences.md#derivation-latency): what the deriver is shown (targets, context,
// peer ids, custom instructions, one configuration per call), what is stored (provenance, links, embeddings, peer
// views), and how failures surface: unusable answers end as failed items with the model's words visible, a provider
// that throws or times out is retried and then succeeds, and a lost lease rolls the whole write back.
import { APICallError } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { derivationHandler } from '@/server/jobs/handlers/derivation-handler';
import { LeaseLostError, type JobHandler } from '@/server/jobs/job-types';
import { createModelEngines, readModelConfig, setModelEnginesForTesting } from '@/server/models';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import {
  conclusionsOf, createSession, expectOk, runWorker, say, scriptedModel, textResult, unique, workItemsOf, type Json,
} from './reasoning-fixtures';
import { MockLanguageModelV3 } from 'ai/test';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';
afterEach(() => setModelEnginesForTesting(null));

type Line = { id: string; peer: string; content: string };

/** The observed peer's messages of a deriver prompt (the "only source of facts" section). */
function targetsIn(prompt: string): Line[] {
  const section = prompt.split('(the only source of facts):\n')[1]?.split('\n\n')[0] ?? '';
  return [...section.matchAll(/^\[id=([A-Za-z0-9_-]+)\] \[[^\]]+\] ([A-Za-z0-9_-]+): (.*)$/gm)].map((m) => ({ id: m[1]!, peer: m[2]!, content: m[3]! }));
}

/** A deriver model turning each target message into the fact "<peer> said: <content>", citing it. */
function echoModel(prompts: string[] = []) {
  return scriptedModel((prompt) => {
    prompts.push(prompt);
    const facts = targetsIn(prompt).map((t) => ({ content: `${t.peer} said: ${t.content}`, source_ids: [t.id] }));
    return JSON.stringify({ facts });
  });
}

function useDeriver(model: MockLanguageModelV3, timeoutMs?: number) {
  const config = readModelConfig();
  setModelEnginesForTesting(createModelEngines({ languageModels: { deriver: model } }, timeoutMs ? { ...config, timeoutMs } : config));
}

describe('what the deriver is shown', () => {
  it('gets the sender’s messages as targets, the preceding and interleaved messages of others as context, and the peer ids', async () => {
    const ws = unique('drv');
    await createSession(ws, 's', { alice: {}, bob: {} }, { reasoning: { custom_instructions: 'Prefer facts about work.' } });
    const [early, question, porto, nice, maths] = await say(ws, 's', [
      { peer_id: 'bob', content: 'An early remark from bob.' },
      { peer_id: 'bob', content: 'Where do you live?' },
      { peer_id: 'alice', content: 'I live in Porto.' },
      { peer_id: 'bob', content: 'Nice!' },
      { peer_id: 'alice', content: 'I teach maths.' },
    ]);
    const prompts: string[] = [];
    useDeriver(echoModel(prompts));
    await runWorker();

    const alicePrompt = prompts.find((p) => p.includes('Observed peer id: alice'))!;
    expect(targetsIn(alicePrompt).map((t) => t.id)).toEqual([porto!.id, maths!.id]);
    const context = alicePrompt.split('(other peers and earlier turns; never a source of facts):\n')[1]!.split('\n\n')[0]!;
    expect(context).toContain(`[id=${question!.id}]`);
    expect(context).toContain(`[id=${nice!.id}]`);
    expect(context).toContain('bob: Where do you live?');
    expect(context).not.toContain(early!.id);
    expect(alicePrompt).toContain('Prefer facts about work.');
    const bobPrompt = prompts.find((p) => p.includes('Observed peer id: bob'))!;
    expect(targetsIn(bobPrompt).map((t) => t.id)).toEqual([early!.id, question!.id, nice!.id]);
    expect(bobPrompt).toContain(`[id=${porto!.id}]`);

    const stored = await getDb().conclusion.findMany({
      where: { workspace: { name: ws }, content: 'alice said: I live in Porto.' },
      include: { messages: true, embedding: true },
    });
    expect(stored).toHaveLength(1);
    const [porto1] = stored;
    expect(porto1!.messages.map((m) => m.messageId)).toEqual([porto!.id]);
    expect(porto1!.provenance).toEqual({ message_ids: [porto!.id], message_created_at: porto!.created_at });
    expect(porto1!.messageCreatedAt?.toISOString()).toBe(porto!.created_at);
    expect(porto1!.origin).toBe('deriver');
    expect(porto1!.embedding?.model).toMatch(/^local:/);
    // Provenance is the filterable conclusion metadata.
    const listed = await expectOk(await call('POST', `/v3/workspaces/${ws}/conclusions/list`, { filters: { metadata: { message_ids: [maths!.id] } } }), 200);
    expect(listed.items.map((c: Json) => c.content)).toEqual(['alice said: I teach maths.']);

    const views = await getDb().peerView.findMany({ where: { workspace: { name: ws } }, include: { observer: true } });
    expect(views.map((v) => [v.observer.name, v.explicitSinceDream]).sort()).toEqual([['alice', 2], ['bob', 3]]);
    expect(views.find((v) => v.observer.name === 'alice')!.lastObservedActivity?.toISOString()).toBe(maths!.created_at);
  });

  it('never lets one call span a change of effective configuration, and splits long batches into ~1,024-token calls', async () => {
    const ws = unique('drv');
    await createSession(ws, 's', { alice: {} });
    const long = (n: number) => `Story ${n}: ${'I like long walks by the sea. '.repeat(50)}`;
    await say(ws, 's', [
      { peer_id: 'alice', content: 'I like tea.', configuration: { reasoning: { custom_instructions: 'Mode A' } } },
      { peer_id: 'alice', content: 'I like coffee.', configuration: { reasoning: { custom_instructions: 'Mode A' } } },
      { peer_id: 'alice', content: 'I like cocoa.', configuration: { reasoning: { custom_instructions: 'Mode B' } } },
      ...[1, 2, 3, 4].map((n) => ({ peer_id: 'alice', content: long(n) })),
    ]);
    const prompts: string[] = [];
    useDeriver(echoModel(prompts));
    await runWorker();
    const calls = prompts.map((p) => ({ targets: targetsIn(p).map((t) => t.content.slice(0, 12)), a: p.includes('Mode A'), b: p.includes('Mode B') }));
    expect(calls.slice(0, 2)).toEqual([
      { targets: ['I like tea.', 'I like coffe'], a: true, b: false },
      { targets: ['I like cocoa'], a: false, b: true },
    ]);
    // Four ~350-token stories at ~1,024 tokens per call: no call carries them all, none is empty.
    const stories = calls.slice(2);
    expect(stories.length).toBeGreaterThan(1);
    expect(stories.flatMap((c) => c.targets)).toEqual(['Story 1: I l', 'Story 2: I l', 'Story 3: I l', 'Story 4: I l']);
    expect(stories.every((c) => !c.a && !c.b && c.targets.length >= 1 && c.targets.length < 4)).toBe(true);
    // The four stories differ only in their number: semantic duplicates (cosine distance ≤ 0.05), kept as one row.
    const stored = await conclusionsOf(ws);
    expect(stored.filter((c) => !c.content.includes('Story')).map((c) => c.timesDerived)).toEqual([1, 1, 1]);
    expect(stored.filter((c) => c.content.includes('Story')).map((c) => c.timesDerived)).toEqual([4]);
  });
});

describe('failures', () => {
  it('a model answering garbage leaves the items failed with its words in last_error and in queue status', async () => {
    const ws = unique('bad');
    await createSession(ws, 's', { alice: {} });
    await say(ws, 's', [{ peer_id: 'alice', content: 'I live in Porto.' }]);
    const model = scriptedModel(() => 'lol this is not json');
    useDeriver(model);
    await runWorker();
    const [item] = await workItemsOf(ws, 'derivation');
    expect(item).toMatchObject({ status: 'failed', attempts: 3 });
    expect(item!.last_error).toContain('lol this is not json');
    expect(model.doGenerateCalls.length).toBeGreaterThanOrEqual(3);
    expect(await conclusionsOf(ws)).toEqual([]);
    const status = await expectOk(await call('GET', `/v3/workspaces/${ws}/queue/status`), 200);
    expect(status).toMatchObject({ failed_work_units: 1, completed_work_units: 0, pending_work_units: 0 });
  });

  it('a provider that fails with a 503 is retried, then the item succeeds', async () => {
    const ws = unique('flaky');
    await createSession(ws, 's', { alice: {} });
    await say(ws, 's', [{ peer_id: 'alice', content: 'I live in Porto.' }]);
    const echo = echoModel();
    let calls = 0;
    const model = new MockLanguageModelV3({
      provider: 'mock',
      modelId: 'flaky',
      doGenerate: async (options) => {
        calls += 1;
        if (calls === 1) {
          throw new APICallError({ message: 'Service Unavailable', url: 'http://mock', requestBodyValues: {}, statusCode: 503, isRetryable: true });
        }
        return echo.doGenerate(options);
      },
    });
    useDeriver(model);
    await runWorker();
    const [item] = await workItemsOf(ws, 'derivation');
    expect(item).toMatchObject({ status: 'completed', attempts: 2 });
    expect((await conclusionsOf(ws)).map((c) => c.content)).toEqual(['alice said: I live in Porto.']);
  });

  it('a provider that times out is retried, then the item succeeds', async () => {
    const ws = unique('slow');
    await createSession(ws, 's', { alice: {} });
    await say(ws, 's', [{ peer_id: 'alice', content: 'I live in Porto.' }]);
    let calls = 0;
    const model = new MockLanguageModelV3({
      provider: 'mock',
      modelId: 'slow',
      doGenerate: async (options) => {
        calls += 1;
        if (calls === 1) {
          await new Promise((_, reject) => options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason)));
        }
        return textResult(JSON.stringify({ facts: [{ content: 'alice lives in Porto', source_ids: [] }] }));
      },
    });
    useDeriver(model, 300);
    await runWorker();
    const [item] = await workItemsOf(ws, 'derivation');
    expect(item).toMatchObject({ status: 'completed', attempts: 2 });
    expect(calls).toBe(2);
    expect((await conclusionsOf(ws)).map((c) => c.content)).toEqual(['alice lives in Porto']);
  });

  it('a lease lost at completion rolls the conclusions back; the retry writes them exactly once', async () => {
    const ws = unique('lease');
    await createSession(ws, 's', { alice: {}, bob: { observe_others: true } });
    await say(ws, 's', [{ peer_id: 'alice', content: 'I live in Porto.' }]);
    useDeriver(echoModel());
    const losing: JobHandler = {
      ...derivationHandler,
      run: (items, ctx) =>
        derivationHandler.run(items, {
          ...ctx,
          complete: async (tx, done) => {
            await ctx.complete(tx, done);
            throw new LeaseLostError(items[0]!.unitKey);
          },
        }),
    };
    // The lost claim keeps its unit until the lease expires, so this pass just ends when its short budget does.
    await runWorker({ handlers: { derivation: losing }, budgetMs: 4_000 });
    expect(await conclusionsOf(ws)).toEqual([]);
    expect(await getDb().peerView.count({ where: { workspace: { name: ws } } })).toBe(0);
    expect((await workItemsOf(ws, 'derivation'))[0]!.status).not.toBe('completed');

    // The abandoned lease expires; the sweeper hands the unit to the next pass.
    await getDb().$executeRaw`UPDATE work_items SET lease_until = now() - interval '1 second' WHERE status = 'in_progress'`;
    await getDb().$executeRaw`UPDATE work_unit_claims SET lease_until = now() - interval '1 second'`;
    await runWorker();
    const written = await conclusionsOf(ws);
    expect(written.map((c) => `${c.observer}→${c.observed}: ${c.content}`).sort()).toEqual([
      'alice→alice: alice said: I live in Porto.',
      'bob→alice: alice said: I live in Porto.',
    ]);
    expect((await workItemsOf(ws, 'derivation'))[0]!.status).toBe('completed');
  });

  it('completes items whose message was deleted before the worker ran, without calling the model', async () => {
    const ws = unique('gone');
    await createSession(ws, 's', { alice: {} });
    const [message] = await say(ws, 's', [{ peer_id: 'alice', content: 'I live in Porto.' }]);
    // Deleting the message drops its pending item; an item already handed out must still finish cleanly.
    await getDb().$executeRaw`UPDATE work_items SET status = 'in_progress' WHERE message_id = ${message!.id}`;
    await expectOk(await call('DELETE', `/v3/workspaces/${ws}/sessions/s/messages/${message!.id}`), 204);
    await getDb().$executeRaw`UPDATE work_items SET status = 'pending' WHERE message_id = ${message!.id}`;
    const model = echoModel();
    useDeriver(model);
    await runWorker();
    expect(model.doGenerateCalls).toHaveLength(0);
    expect((await workItemsOf(ws, 'derivation')).map((i) => i.status)).toEqual(['completed']);
  });
});
