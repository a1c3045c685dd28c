// Shared helpers of the reasoning tests: seeding conversations over the real API, running the real queue engine over
// whatever is pending (debounce skipped), AI SDK mock language models, and reading conclusions back with wire names.
import { MockLanguageModelV3 } from 'ai/test';
import { expect } from 'vitest';
import { getDb } from '@/server/db/client';
import { runWorkerOnce, type WorkerPassReport } from '@/server/jobs/run-worker-once';
import type { HandlerMap } from '@/server/jobs/engine-options';
import type { ModelEngines } from '@/server/models';
import { call } from '../support/app-fetch';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function expectOk(response: Response, status: number): Promise<Json> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return text ? (JSON.parse(text) as Json) : {};
}

/** POST …/sessions with members and their session-peer configuration. */
export async function createSession(ws: string, session: string, peers: Record<string, Json>, configuration?: Json) {
  return expectOk(await call('POST', `/v3/workspaces/${ws}/sessions`, { id: session, peers, configuration }), 201);
}

export async function say(ws: string, session: string, messages: { peer_id: string; content: string; [k: string]: unknown }[]) {
  return (await expectOk(await call('POST', `/v3/workspaces/${ws}/sessions/${session}/messages`, { messages }), 201)) as unknown as Json[];
}

/** Runs the queue engine until nothing is runnable; the derivation debounce is skipped by making pending work due. */
export async function runWorker(
  options: { engines?: ModelEngines; handlers?: HandlerMap; budgetMs?: number } = {},
): Promise<WorkerPassReport> {
  const db = getDb();
  await db.$executeRaw`UPDATE work_items SET available_at = now(), deadline_at = now() WHERE status = 'pending'`;
  const pass = () =>
    runWorkerOnce({
      db,
      engines: options.engines,
      handlers: options.handlers,
      concurrency: 1,
      budgetMs: options.budgetMs ?? 60_000,
      backoffBaseMs: 10,
      log: () => {},
    });
  let report = await pass();
  // A pass ends when nothing is runnable now; a retry still in its (10 ms) backoff waits for the next pass, so keep
  // passing until no retry is pending — otherwise how many attempts a test sees depends on machine speed.
  for (let extra = 0; extra < 10; extra += 1) {
    const [waiting] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM work_items WHERE status = 'pending' AND attempts > 0`;
    if (!waiting || waiting.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
    report = await pass();
  }
  return report;
}

export type ViewConclusion = { observer: string; observed: string; content: string; session: string | null; level: string; timesDerived: number; id: string };

/** Every live conclusion of a workspace with wire names, oldest first. */
export async function conclusionsOf(ws: string): Promise<ViewConclusion[]> {
  return getDb().$queryRaw<ViewConclusion[]>`
    SELECT c.id, op.name AS observer, od.name AS observed, c.content, s.name AS session, c.level::text AS level,
           c.times_derived AS "timesDerived"
    FROM conclusions c JOIN workspaces w ON w.id = c.workspace_id JOIN peers op ON op.id = c.observer_id
    JOIN peers od ON od.id = c.observed_id LEFT JOIN sessions s ON s.id = c.session_id
    WHERE w.name = ${ws} ORDER BY c.created_at, c.id`;
}

export async function workItemsOf(ws: string, kind: string) {
  return getDb().$queryRaw<{ id: bigint; status: string; attempts: number; last_error: string | null; payload: Json }[]>`
    SELECT wi.id, wi.status::text AS status, wi.attempts, wi.last_error, wi.payload
    FROM work_items wi JOIN workspaces w ON w.id = wi.workspace_id
    WHERE w.name = ${ws} AND wi.kind::text = ${kind} ORDER BY wi.id`;
}

// ─── AI SDK mock models ─────────────────────────────────────────────────────────────────────────────────────────

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

export function textResult(text: string) {
  return { content: [{ type: 'text' as const, text }], finishReason: { unified: 'stop' as const, raw: 'stop' }, usage: USAGE, warnings: [] };
}

type Prompt = MockLanguageModelV3['doGenerateCalls'][number]['prompt'];

/** Everything the model was shown (system and user parts) as one string. */
export function promptText(prompt: Prompt): string {
  return prompt
    .map((message) =>
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => ('text' in part ? part.text : '')).join('\n'),
    )
    .join('\n');
}

/** A language model answering each call with `answer(promptText, callIndex)`; a thrown error is the provider failing. */
export function scriptedModel(answer: (prompt: string, index: number) => string) {
  let index = 0;
  return new MockLanguageModelV3({
    provider: 'mock',
    modelId: 'scripted',
    doGenerate: async (options) => textResult(answer(promptText(options.prompt), index++)),
  });
}
