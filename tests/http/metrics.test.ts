// GET /metrics: off unless METRICS_TOKEN is set, bearer-only, and a scrape that a Prometheus text parser reads, whose
// counters move with traffic, worker runs and model calls, and whose labels are route templates, never raw paths.
import { readFileSync } from 'node:fs';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { observeRequest } from '@/server/http/observe-request';
import { startMetricsServer } from '@/server/observability/metrics-server';
import { observedLanguageModel } from '@/server/observability/observed-model';
import { call, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { parsePrometheusText, sampleValue, type Scrape } from '../support/prometheus-text';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectHandler, quiet, seedQueueTenant } from '../jobs/job-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(async () => {
  installAppFetch();
  await createEffectsTable();
});

const TOKEN = 'scrape-token-for-tests';
afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

async function scrape(): Promise<Scrape> {
  process.env.METRICS_TOKEN = TOKEN;
  const response = await call('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

const sample = sampleValue;

describe('access', () => {
  it('answers 404 JSON while METRICS_TOKEN is unset, even to a bearer token', async () => {
    const response = await call('GET', '/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the token without the Bearer scheme', { authorization: TOKEN }],
    ['the token as Basic credentials', { authorization: `Basic ${TOKEN}` }],
  ])('answers 401 JSON to %s', async (_what, headers: Record<string, string>) => {
    process.env.METRICS_TOKEN = TOKEN;
    const response = await call('GET', '/metrics', undefined, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await response.json()).detail).toBe('Invalid or missing metrics token');
  });
});

describe('a scrape', () => {
  it('starts every known label set at zero', async () => {
    const families = await scrape();
    expect(sample(families, 'api_requests_total', { method: 'POST', endpoint: '/v3/workspaces/{workspace_id}/peers/{peer_id}/chat', status_code: '200' })).toBe(0);
    expect(sample(families, 'dialectic_calls_total', { reasoning_level: 'max' })).toBe(0);
    expect(sample(families, 'llm_tokens_processed_total', { task: 'dream', direction: 'output' })).toBe(0);
    expect(sample(families, 'worker_runs_total', { kind: 'webhook', outcome: 'threw' })).toBe(0);
    expect(sample(families, 'api_rate_limited_total', { endpoint: '/v3/workspaces' })).toBe(0);
    expect(families.types.get('api_request_duration_seconds')).toBe('histogram');
    expect(sample(families, 'api_request_duration_seconds_count', { method: 'GET', endpoint: '/health' })).toBe(0);
  });

  it('counts requests by route template and status, and never labels a series with a raw path or id', async () => {
    const ws = uniqueId('metrics');
    const template = '/v3/workspaces/{workspace_id}/sessions/{session_id}/messages';
    const before = await scrape();
    const created = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, {
      messages: [{ peer_id: 'alice', content: 'first' }, { peer_id: 'bob', content: 'second' }, { peer_id: 'alice', content: 'third' }],
    });
    expect(created.status).toBe(201);
    expect((await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: 'nope' })).status).toBe(422);
    expect((await call('GET', `/v3/workspaces/${ws}/no-such-thing`)).status).toBe(404);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(delta('api_requests_total', { method: 'POST', endpoint: template, status_code: '201' })).toBe(1);
    expect(delta('api_requests_total', { method: 'POST', endpoint: template, status_code: '422' })).toBe(1);
    expect(delta('api_requests_total', { method: 'GET', endpoint: 'unmatched', status_code: '404' })).toBe(1);
    expect(delta('api_request_duration_seconds_count', { method: 'POST', endpoint: template })).toBe(2);
    expect(delta('api_request_duration_seconds_bucket', { method: 'POST', endpoint: template, le: '+Inf' })).toBe(2);
    expect(delta('messages_created_total', {})).toBe(3);
    for (const series of after.samples) {
      for (const value of Object.values(series.labels)) expect(value).not.toContain(ws);
    }
  });

  it('counts dialectic calls by reasoning level', async () => {
    const ws = uniqueId('metrics-chat');
    expect((await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'alice', content: 'I like tea' }] })).status).toBe(201);
    const before = sample(await scrape(), 'dialectic_calls_total', { reasoning_level: 'high' })!;
    const answered = await call('POST', `/v3/workspaces/${ws}/peers/alice/chat`, { query: 'What does alice like?', reasoning_level: 'high' });
    expect(answered.status).toBe(200);
    expect(sample(await scrape(), 'dialectic_calls_total', { reasoning_level: 'high' })).toBe(before + 1);
  });

  it('reads queue depth and the oldest due unit from the database at scrape time', async () => {
    const tenant = await seedQueueTenant(uniqueId('metrics-queue'), ['alice'], ['s1']);
    await addItems(tenant.workspaceId, 4, { kind: 'backfill', unitKey: `backfill:${tenant.workspaceId}`, availableInMs: -90_000 });
    await addItems(tenant.workspaceId, 2, { kind: 'backfill', unitKey: `backfill-failed:${tenant.workspaceId}`, status: 'failed', finishedAgoMs: 1_000 });
    const families = await scrape();
    expect(sample(families, 'queue_items', { state: 'pending', kind: 'backfill' })).toBe(4);
    expect(sample(families, 'queue_items', { state: 'failed', kind: 'backfill' })).toBe(2);
    expect(sample(families, 'queue_oldest_pending_age_seconds', { kind: 'backfill' })).toBeGreaterThanOrEqual(89);
    expect(sample(families, 'db_pool_connections', { state: 'max' })).toBeGreaterThan(0);

    // A worker run completes them: the run and its items are counted, and the next scrape sees an empty queue.
    const report = await runWorkerOnce({ db: db(), handlers: { backfill: effectHandler('backfill', 10) }, log: quiet });
    expect(report.completed).toBe(4);
    const after = await scrape();
    expect(sample(after, 'worker_runs_total', { kind: 'backfill', outcome: 'returned' })).toBe(1);
    expect(sample(after, 'deriver_queue_items_processed_total', { task_type: 'backfill' })).toBe(4);
    expect(sample(after, 'queue_items', { state: 'pending', kind: 'backfill' })).toBe(0);
    expect(sample(after, 'queue_oldest_pending_age_seconds', { kind: 'backfill' })).toBe(0);
  });

  it('counts a handler that throws as a failed run', async () => {
    const tenant = await seedQueueTenant(uniqueId('metrics-fail'), ['alice'], ['s1']);
    await addItems(tenant.workspaceId, 1, { kind: 'backfill', unitKey: `backfill:${tenant.workspaceId}`, maxAttempts: 1 });
    const boom = { kind: 'backfill' as const, maxBatch: 1, run: async () => { throw new Error('boom'); } };
    await runWorkerOnce({ db: db(), handlers: { backfill: boom }, log: quiet });
    const families = await scrape();
    expect(sample(families, 'worker_runs_total', { kind: 'backfill', outcome: 'threw' })).toBe(1);
    expect(sample(families, 'queue_items_failed_total', { task_type: 'backfill' })).toBe(1);
  });

  it('counts model tokens by task and direction, streamed or not, and failed calls', async () => {
    const usage = { inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } };
    const mock = new MockLanguageModelV3({
      doGenerate: async () => ({ content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'ok' },
            { type: 'text-end', id: 't' },
            { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
          ],
        }),
      }),
    });
    const summary = observedLanguageModel(mock, 'summary');
    await generateText({ model: summary, prompt: 'hi' });
    await generateText({ model: summary, prompt: 'hi' });
    const streamed = streamText({ model: observedLanguageModel(mock, 'dream'), prompt: 'hi' });
    expect(await streamed.text).toBe('ok');
    const failing = new MockLanguageModelV3({ doGenerate: async () => { throw new Error('provider down'); } });
    await expect(generateText({ model: observedLanguageModel(failing, 'deriver'), prompt: 'hi', maxRetries: 0 })).rejects.toThrow();

    const families = await scrape();
    expect(sample(families, 'llm_tokens_processed_total', { task: 'summary', direction: 'input' })).toBe(240);
    expect(sample(families, 'llm_tokens_processed_total', { task: 'summary', direction: 'output' })).toBe(60);
    expect(sample(families, 'llm_tokens_processed_total', { task: 'dream', direction: 'input' })).toBe(120);
    expect(sample(families, 'llm_calls_total', { task: 'summary', outcome: 'ok' })).toBe(2);
    expect(sample(families, 'llm_calls_total', { task: 'deriver', outcome: 'error' })).toBe(1);
  });

  it('counts 429 answers per route template', async () => {
    const endpoint = '/v3/workspaces/{workspace_id}/peers';
    const limited = await observeRequest({ method: 'POST', endpoint, requestId: 'r1' }, async () => new Response(null, { status: 429 }));
    expect(limited.status).toBe(429);
    const families = await scrape();
    expect(sample(families, 'api_rate_limited_total', { endpoint })).toBe(1);
    expect(sample(families, 'api_requests_total', { method: 'POST', endpoint, status_code: '429' })).toBe(1);
  });
});

describe('the worker metrics port', () => {
  it('serves the same registry behind the same token, and nothing else', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const server = await startMetricsServer(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      const families = parsePrometheusText(await ok.text());
      expect(sample(families, 'messages_created_total')).toBeGreaterThanOrEqual(3);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('the example Grafana dashboard', () => {
  it('only queries metrics this registry exports', async () => {
    const dashboard = JSON.parse(readFileSync('docs/grafana-dashboard.json', 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exported = new Set((await scrape()).samples.map((s) => s.name));
    const used = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).flatMap((expr) => expr.match(/\b[a-z_]+(?:_total|_seconds_bucket|_seconds|_connections|_items)\b/g) ?? []);
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name);
  });
});
