// Session summaries (docs/api.md#s5-4, docs/honcho-differences.md#deletion-and-export): rolling short (20) and long (60) summaries written by the summary
// handler through the real queue engine, with an AI SDK mock summariser and with the offline extractive one; empty
// generations are failures, never stored; a summary made stale by a message deletion is rebuilt from what remains.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { countTokens } from '@/server/services/messages/count-tokens';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { createSession, expectOk, runWorker, say, scriptedModel, unique, workItemsOf, type Json } from './reasoning-fixtures';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';
afterEach(() => setModelEnginesForTesting(null));

/** A conversation of `n` numbered messages (reasoning off: these tests are about summaries). */
async function conversation(n: number): Promise<{ ws: string; messages: Json[] }> {
  const ws = unique('sum');
  await createSession(ws, 's', { alice: {}, bob: {} }, { reasoning: { enabled: false } });
  const messages: Json[] = [];
  for (let start = 1; start <= n; start += 30) {
    const batch = Array.from({ length: Math.min(30, n - start + 1) }, (_, i) => ({
      peer_id: (start + i) % 2 ? 'alice' : 'bob',
      content: `Message number ${start + i} about topic ${start + i}.`,
    }));
    messages.push(...(await say(ws, 's', batch)));
  }
  return { ws, messages };
}

async function summaries(ws: string) {
  return getDb().sessionSummary.findMany({ where: { workspace: { name: ws } }, orderBy: { kind: 'asc' } });
}

/** A summariser model that answers "<kind-ish>(<numbers of the new messages>)" and records what it was shown. */
function recordingSummariser(prompts: string[]) {
  return scriptedModel((prompt) => {
    prompts.push(prompt);
    const numbers = [...prompt.matchAll(/Message number (\d+) /g)].map((m) => m[1]).join(',');
    return `covers(${numbers})`;
  });
}

describe('rolling summaries', () => {
  it('writes short summaries every 20 and a long one at 60, each extending the previous one of its type', async () => {
    const { ws, messages } = await conversation(60);
    const prompts: string[] = [];
    setModelEnginesForTesting(createModelEngines({ languageModels: { summary: recordingSummariser(prompts) } }));
    await runWorker();

    const all = await summaries(ws);
    const short = all.find((x) => x.kind === 'short');
    const long = all.find((x) => x.kind === 'long');
    expect(short).toMatchObject({ kind: 'short', lastSeq: 60, lastMessageId: messages[59]!.id, staleAt: null });
    expect(long).toMatchObject({ kind: 'long', lastSeq: 60, lastMessageId: messages[59]!.id, staleAt: null });
    expect(short!.tokenCount).toBe(countTokens(short!.content));
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i).join(',');
    // The short summary at 60 saw messages 41…60 plus the summary written at 40 (which itself rolled up 21…40).
    expect(short!.content).toBe(`covers(${range(41, 60)})`);
    const at60 = prompts.find((p) => p.includes('Message number 41 ') && !p.includes('Message number 40 '))!;
    expect(at60).toContain(`Summary of the conversation so far:\ncovers(${range(21, 40)})`);
    expect(long!.content).toBe(`covers(${range(1, 60)})`);
    expect(prompts).toHaveLength(4);
    expect((await workItemsOf(ws, 'summary')).map((i) => i.status)).toEqual(['completed', 'completed', 'completed', 'completed']);

    const wire = await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/s/summaries`), 200);
    expect(wire.short_summary).toMatchObject({ content: short!.content, message_id: messages[59]!.id, summary_type: 'honcho_chat_summary_short' });
  });

  it('writes a non-empty extractive summary with the offline summariser', async () => {
    const { ws, messages } = await conversation(20);
    setModelEnginesForTesting(null);
    await runWorker();
    const [short, ...rest] = await summaries(ws);
    expect(rest).toEqual([]);
    expect(short).toMatchObject({ kind: 'short', lastSeq: 20, lastMessageId: messages[19]!.id });
    expect(short!.content.trim().length).toBeGreaterThan(0);
    expect(short!.content).toMatch(/Message number \d+/);
    expect(short!.tokenCount).toBe(countTokens(short!.content));
  });

  it('stores nothing when the model answers with an empty summary, and fails the item visibly', async () => {
    const { ws } = await conversation(20);
    setModelEnginesForTesting(createModelEngines({ languageModels: { summary: scriptedModel(() => '   ') } }));
    await runWorker();
    expect(await summaries(ws)).toEqual([]);
    const [item] = await workItemsOf(ws, 'summary');
    expect(item).toMatchObject({ status: 'failed', attempts: 3 });
    expect(item!.last_error).toMatch(/empty summary/);
  });
});

describe('stale summaries (docs/honcho-differences.md#deletion-and-export)', () => {
  it('a deletion marks the summary stale and records a rebuild, which regenerates it from the remaining messages', async () => {
    const { ws, messages } = await conversation(40);
    const prompts: string[] = [];
    setModelEnginesForTesting(createModelEngines({ languageModels: { summary: recordingSummariser(prompts) } }));
    await runWorker();
    expect((await summaries(ws))[0]).toMatchObject({ lastSeq: 40, staleAt: null });

    await expectOk(await call('DELETE', `/v3/workspaces/${ws}/sessions/s/messages/${messages[4]!.id}`), 204);
    const [stale] = await summaries(ws);
    expect(stale!.staleAt).toBeInstanceOf(Date);
    expect((await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/s/summaries`), 200)).short_summary).toBeNull();
    const rebuild = (await workItemsOf(ws, 'summary')).filter((i) => i.status === 'pending');
    expect(rebuild.map((i) => i.payload)).toEqual([{ summary_type: 'short', seq: 40, rebuild: true }]);

    prompts.length = 0;
    await runWorker();
    const [fresh] = await summaries(ws);
    expect(fresh).toMatchObject({ lastSeq: 40, lastMessageId: messages[39]!.id, staleAt: null });
    const without5 = [1, 2, 3, 4, ...Array.from({ length: 35 }, (_, i) => i + 6)];
    // Rebuilt interval by interval (1…20 without #5, then 21…40 on top of it); the deleted message is in no prompt.
    expect(prompts).toHaveLength(2);
    expect(prompts.some((p) => p.includes('Message number 5 '))).toBe(false);
    expect(fresh!.content).toBe(`covers(${without5.filter((n) => n > 20).join(',')})`);
    expect(prompts[1]).toContain(`covers(${without5.filter((n) => n <= 20).join(',')})`);
    expect((await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/s/summaries`), 200)).short_summary.content).toBe(fresh!.content);
  });

  it('a stale summary whose messages are all gone is removed instead of rebuilt', async () => {
    const { ws } = await conversation(20);
    setModelEnginesForTesting(null);
    await runWorker();
    expect(await summaries(ws)).toHaveLength(1);
    const db = getDb();
    const session = await db.session.findFirstOrThrow({ where: { workspace: { name: ws }, name: 's' } });
    // Deleting the authors removes every message of the session (peer deletion cascade).
    await expectOk(await call('DELETE', `/v3/workspaces/${ws}/peers/alice`), 202);
    await expectOk(await call('DELETE', `/v3/workspaces/${ws}/peers/bob`), 202);
    expect(await db.message.count({ where: { sessionId: session.id } })).toBe(0);
    await runWorker();
    expect(await summaries(ws)).toEqual([]);
    expect((await workItemsOf(ws, 'summary')).every((i) => i.status === 'completed')).toBe(true);
  });
});
