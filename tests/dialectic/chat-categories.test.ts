// Category questions through the whole offline pipeline: alice's messages are derived into conclusions by the real
// worker with the offline engines, then the offline dialectic answers "what food / sports / health / before a weekend
// plan" from the facts of that category, citing them (and nothing off-topic) as evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelEngines, setModelEnginesForTesting } from '@/server/models';
import { installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { runWorker, say } from '../reasoning/reasoning-fixtures';
import { chatJson } from './chat-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

beforeAll(() => {
  installAppFetch();
  setModelEnginesForTesting(
    createModelEngines({}, { llm: { provider: 'local' }, embedding: { provider: 'local', dimensions: TEST_EMBEDDING_DIMENSIONS }, timeoutMs: 60_000 }),
  );
});
afterAll(() => setModelEnginesForTesting(null));

const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`;

async function aliceTalks(): Promise<string> {
  const ws = uniqueId('cat');
  await say(ws, 'catchup', [
    { peer_id: 'bob', content: 'Hey Alice, long time! What have you been up to?', created_at: at(0) },
    { peer_id: 'alice', content: "I'm vegetarian now, so no more burgers for me.", created_at: at(1) },
    { peer_id: 'alice', content: "I'm training for a half marathon.", created_at: at(2) },
    { peer_id: 'bob', content: 'Wow, that is a lot of running.', created_at: at(3) },
    { peer_id: 'alice', content: 'I cycle twice a week with my club too.', created_at: at(4) },
    { peer_id: 'alice', content: 'My knee hurts after long runs though.', created_at: at(5) },
    { peer_id: 'alice', content: 'I work as a graphic designer at a small studio.', created_at: at(6) },
  ]);
  await runWorker();
  return ws;
}

const ask = async (ws: string, query: string) =>
  chatJson(`/v3/workspaces/${ws}/peers/alice/chat`, { query, include_evidence: true });

describe('offline answers to category questions', () => {
  it('answers food, sport, health and weekend-plan questions from the facts of that category, and cites them', async () => {
    const ws = await aliceTalks();

    const food = await ask(ws, 'What food does Alice eat?');
    expect(food.content).toMatch(/^Based on what I know about alice:/);
    expect(food.content).toContain('alice is vegetarian');
    expect(food.content).not.toMatch(/graphic designer|half marathon|cycles/);
    expect(food.evidence!.conclusions.map((c) => c.content)).toContainEqual(expect.stringContaining('vegetarian'));

    const sport = await ask(ws, 'What sports does alice do?');
    expect(sport.content).toContain('alice is training for a half marathon');
    expect(sport.content).toContain('alice cycles twice a week');
    expect(sport.content).not.toMatch(/vegetarian|graphic designer/);

    const health = await ask(ws, 'Does Alice have any health problems?');
    expect(health.content).toContain("alice's knee hurts after long runs");
    expect(health.content).not.toMatch(/vegetarian|graphic designer/);
    expect(health.evidence!.conclusions.map((c) => c.content)).toContainEqual(expect.stringContaining('knee'));

    const plan = await ask(ws, 'What should I know about Alice before suggesting a weekend plan?');
    for (const fact of ['vegetarian', 'half marathon', 'cycles twice a week', 'knee hurts']) expect(plan.content).toContain(fact);
    expect(plan.content).not.toContain('graphic designer');
    // Every fact line of the answer is a conclusion listed in the evidence (quoted messages are listed there too).
    const cited = plan.evidence!.conclusions.map((c) => c.content);
    for (const line of plan.content!.split('\n').filter((l) => l.startsWith('- alice') && !l.startsWith('- alice said:'))) {
      expect(cited.some((c) => line.startsWith(`- ${c}`))).toBe(true);
    }
  });

  it('still says plainly when a category has no facts', async () => {
    const ws = await aliceTalks();
    expect((await ask(ws, 'Does alice have any pets?')).content).toBe("I don't have any information about that yet.");
  });
});
