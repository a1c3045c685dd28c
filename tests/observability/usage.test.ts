// Usage roll-ups: the in-memory tally adds model calls and requests per UTC day, the flush upserts them (adding to
// what an earlier flush or another process wrote), cost comes only from configured prices, and the worker's sweep
// purges roll-ups and request-log rows past their retention in bounded batches — all against the real database,
// with the clock injected.
import { generateText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@/server/config/parse-env';
import { modelCost, readUsageConfig } from '@/server/config/usage-config';
import { getDb } from '@/server/db/client';
import { DEFAULT_SWEEP_TASKS } from '@/server/jobs/default-sweep-tasks';
import { observedLanguageModel } from '@/server/observability/observed-model';
import { flushUsage } from '@/server/services/usage/flush-usage';
import { latencyBucket, latencyPercentile, LATENCY_BUCKETS } from '@/server/services/usage/latency-buckets';
import { purgeUsage } from '@/server/services/usage/purge-usage';
import { flushRecordedUsage } from '@/server/services/usage/usage-recorder';
import { withUsageScope } from '@/server/services/usage/usage-scope';
import { UsageTally } from '@/server/services/usage/usage-tally';
import { call, installAppFetch } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());

const prices = { 'gpt-priced': { input: 2, output: 8 } };

async function newWorkspace(prefix: string) {
  const name = uniqueId(prefix);
  expect((await call('POST', '/v3/workspaces', { id: name })).status).toBe(201);
  return getDb().workspace.findUniqueOrThrow({ where: { name } });
}

describe('settings', () => {
  it('reads prices as a JSON map and refuses malformed ones, naming the setting', () => {
    expect(readUsageConfig({}).prices).toEqual({});
    expect(readUsageConfig({}).retentionDays).toBe(90);
    expect(readUsageConfig({ USAGE_MODEL_PRICES: '{"m":{"input":0.15,"output":0.6},"e":{"input":0.02}}' }).prices).toEqual({
      m: { input: 0.15, output: 0.6 },
      e: { input: 0.02, output: 0 },
    });
    for (const bad of ['not json', '{"m":{"input":-1}}', '{"m":{"input":1,"outptu":2}}', '{"m":3}', '[1]']) {
      expect(() => readUsageConfig({ USAGE_MODEL_PRICES: bad })).toThrow(ConfigurationError);
      expect(() => readUsageConfig({ USAGE_MODEL_PRICES: bad })).toThrow(/USAGE_MODEL_PRICES/);
    }
    expect(() => readUsageConfig({ USAGE_RETENTION_DAYS: '0' })).toThrow(/USAGE_RETENTION_DAYS/);
    expect(() => readUsageConfig({ REQUEST_LOG_MAX_ROWS: '-1' })).toThrow(/REQUEST_LOG_MAX_ROWS/);
  });

  it('prices per million tokens, and never guesses one for an unknown model', () => {
    expect(modelCost(prices, 'gpt-priced', 1_000_000, 500_000)).toBeCloseTo(2 + 4);
    expect(modelCost(prices, 'gpt-priced', 1_000, 0)).toBeCloseTo(0.002);
    expect(modelCost(prices, 'someone-else', 1_000, 1_000)).toBeNull();
  });
});

describe('latency buckets', () => {
  it('reads percentiles from bucket counts, within the bucket that holds them', () => {
    const buckets = new Array<number>(LATENCY_BUCKETS).fill(0);
    for (let i = 0; i < 90; i++) buckets[latencyBucket(4)]! += 1; // (3, 5]
    for (let i = 0; i < 10; i++) buckets[latencyBucket(400)]! += 1; // (300, 500]
    const p50 = latencyPercentile(buckets, 0.5)!;
    expect(p50).toBeGreaterThan(3);
    expect(p50).toBeLessThanOrEqual(5);
    const p95 = latencyPercentile(buckets, 0.95)!;
    expect(p95).toBeGreaterThan(300);
    expect(p95).toBeLessThanOrEqual(500);
    expect(latencyPercentile(new Array<number>(LATENCY_BUCKETS).fill(0), 0.5)).toBeNull();
    expect(latencyBucket(60_000)).toBe(LATENCY_BUCKETS - 1);
  });
});

describe('roll-ups', () => {
  it('adds model calls per day, workspace, task and model across flushes, with cost only for priced models', async () => {
    const ws = await newWorkspace('usage-models');
    let now = new Date('2026-03-01T23:59:00Z');
    const tally = new UsageTally({ prices, requestLog: true, maxBufferedLogRows: 100 }, () => now);
    const byId = { workspaceId: ws.id };
    const byName = { workspace: ws.name };
    tally.recordModelCall(byId, { task: 'deriver', model: 'gpt-priced', inputTokens: 1_000, outputTokens: 100, ok: true });
    tally.recordModelCall(byName, { task: 'deriver', model: 'gpt-priced', inputTokens: 500, outputTokens: 50, ok: true });
    tally.recordModelCall(byId, { task: 'dialectic', model: 'unpriced-model', inputTokens: 70, outputTokens: 7, ok: true });
    tally.recordModelCall(byId, { task: 'dialectic', model: 'unpriced-model', inputTokens: 0, outputTokens: 0, ok: false });
    tally.recordModelCall(undefined, { task: 'summary', model: 'gpt-priced', inputTokens: 9, outputTokens: 9, ok: true });
    await flushUsage(getDb(), tally.drain());
    expect(tally.empty).toBe(true);
    // A second flush for the same day adds to the rows; the next minute is the next UTC day.
    tally.recordModelCall(byId, { task: 'deriver', model: 'gpt-priced', inputTokens: 1_000, outputTokens: 0, ok: true });
    now = new Date('2026-03-02T00:01:00Z');
    tally.recordModelCall(byId, { task: 'deriver', model: 'gpt-priced', inputTokens: 10, outputTokens: 0, ok: true });
    await flushUsage(getDb(), tally.drain());

    const rows = await getDb().usageModelDaily.findMany({ where: { workspaceId: ws.id }, orderBy: [{ day: 'asc' }, { task: 'asc' }] });
    expect(rows.map((r) => [r.day.toISOString().slice(0, 10), r.task, r.model, r.calls, r.errors, Number(r.inputTokens), Number(r.outputTokens)])).toEqual([
      ['2026-03-01', 'deriver', 'gpt-priced', 3, 0, 2_500, 150],
      ['2026-03-01', 'dialectic', 'unpriced-model', 2, 1, 70, 7],
      ['2026-03-02', 'deriver', 'gpt-priced', 1, 0, 10, 0],
    ]);
    expect(rows[0]!.costUsd).toBeCloseTo((2_500 * 2 + 150 * 8) / 1e6, 9);
    expect(rows[1]!.costUsd).toBeNull();
    // The call outside any workspace was not attributed anywhere.
    expect(await getDb().usageModelDaily.count({ where: { task: 'summary', day: new Date('2026-03-01') } })).toBe(0);
  });

  it('adds requests per key with latency buckets, and drops rows of workspaces that do not exist', async () => {
    const ws = await newWorkspace('usage-requests');
    const now = new Date('2026-03-05T12:00:00Z');
    const tally = new UsageTally({ prices, requestLog: true, maxBufferedLogRows: 100 }, () => now);
    const base = { method: 'GET', endpoint: '/v3/workspaces/{workspace_id}/peers', requestId: 'r' };
    for (const latencyMs of [4, 4, 4, 400]) tally.recordRequest({ ...base, workspace: ws.name, keyId: 'key:k1', status: 200, latencyMs });
    tally.recordRequest({ ...base, workspace: ws.name, keyId: 'key:k1', status: 404, latencyMs: 2 });
    tally.recordRequest({ ...base, workspace: ws.name, status: 401, latencyMs: 1 });
    tally.recordRequest({ ...base, workspace: 'no-such-workspace-anywhere', keyId: 'key:k1', status: 404, latencyMs: 1 });
    tally.recordRequest({ ...base, status: 200, latencyMs: 1 });
    const snapshot = tally.drain();
    expect(snapshot.log).toHaveLength(7);
    await flushUsage(getDb(), snapshot);
    await flushUsage(getDb(), snapshot); // the same tallies again: every count doubles
    const rows = await getDb().usageRequestDaily.findMany({ where: { workspaceId: ws.id }, orderBy: { keyId: 'asc' } });
    expect(rows.map((r) => [r.keyId, r.requests, r.errors])).toEqual([
      ['key:k1', 10, 2],
      ['none', 2, 2],
    ]);
    expect(rows[0]!.latencyBuckets[latencyBucket(4)]).toBe(6);
    expect(rows[0]!.latencyBuckets[latencyBucket(400)]).toBe(2);
    expect(rows[0]!.latencyMsTotal).toBeCloseTo(2 * (12 + 400 + 2));
    expect(await getDb().requestLogEntry.count({ where: { workspaceId: ws.id } })).toBe(12);
  });

  it('records nothing when recording is turned off', () => {
    expect(readUsageConfig({ USAGE_RECORDING: 'off' }).recording).toBe(false);
    expect(readUsageConfig({}).recording).toBe(true);
    const tally = new UsageTally({ prices, requestLog: true, maxBufferedLogRows: 3, enabled: false });
    tally.recordRequest({ method: 'GET', endpoint: '/x', requestId: 'r', workspace: 'w', status: 200, latencyMs: 1 });
    tally.recordModelCall({ workspaceId: 'w' }, { task: 'dream', model: 'm', inputTokens: 1, outputTokens: 1, ok: true });
    expect(tally.empty).toBe(true);
  });

  it('bounds the request-log buffer between flushes, dropping the oldest rows', () => {
    const tally = new UsageTally({ prices, requestLog: true, maxBufferedLogRows: 3 });
    for (let i = 0; i < 5; i++) tally.recordRequest({ method: 'GET', endpoint: '/x', requestId: `r${i}`, workspace: 'w', status: 200, latencyMs: 1 });
    const snapshot = tally.drain();
    expect(snapshot.log.map((r) => r.requestId)).toEqual(['r2', 'r3', 'r4']);
    expect(snapshot.droppedLogRows).toBe(2);
    expect(snapshot.requests[0]!.requests).toBe(5);
  });
});

describe('recording points', () => {
  it('records an API request of a workspace, and a model call inside a usage scope, through the process recorder', async () => {
    const ws = await newWorkspace('usage-live');
    await flushRecordedUsage();
    expect((await call('GET', `/v3/workspaces/${ws.name}/peers/nobody/card`)).status).toBe(404);
    const usage = { inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } };
    const model = new MockLanguageModelV3({
      modelId: 'mock-usage-model',
      doGenerate: async () => ({ content: [{ type: 'text', text: 'ok' }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    });
    await withUsageScope({ workspaceId: ws.id }, () => generateText({ model: observedLanguageModel(model, 'dream'), prompt: 'hello' }));
    await flushRecordedUsage();

    const models = await getDb().usageModelDaily.findMany({ where: { workspaceId: ws.id } });
    expect(models.map((r) => [r.task, r.model, r.calls, Number(r.inputTokens), Number(r.outputTokens)])).toEqual([['dream', 'mock-usage-model', 1, 120, 30]]);
    const requests = await getDb().usageRequestDaily.findMany({ where: { workspaceId: ws.id } });
    expect(requests.map((r) => [r.requests, r.errors])).toEqual([[1, 1]]);
    const log = await getDb().requestLogEntry.findMany({ where: { workspaceId: ws.id } });
    expect(log).toMatchObject([{ method: 'GET', route: '/v3/workspaces/{workspace_id}/peers/{peer_id}/card', status: 404 }]);
    expect(log[0]!.requestId).toMatch(/\S/);
  });
});

describe('retention', () => {
  it('purges roll-ups older than the retention and request-log rows by age and per-workspace count, in batches', async () => {
    const ws = await newWorkspace('usage-retention');
    const other = await newWorkspace('usage-retention-other');
    const now = new Date('2026-06-30T10:00:00Z');
    const db = getDb();
    const days = ['2026-03-31', '2026-04-01', '2026-04-02', '2026-06-30'];
    await db.usageModelDaily.createMany({ data: days.map((d) => ({ day: new Date(d), workspaceId: ws.id, task: 'deriver', model: 'm', calls: 1 })) });
    await db.usageRequestDaily.createMany({ data: days.map((d) => ({ day: new Date(d), workspaceId: ws.id, keyId: 'none', requests: 1, latencyBuckets: [] })) });
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    const row = (workspaceId: string, hoursAgo: number, i: number) => ({
      workspaceId, at: at(hoursAgo), method: 'GET', route: '/r', status: 200, latencyMs: 1, requestId: `q${i}`,
    });
    // ws: 2 rows past 7 days, 6 recent; other: 3 recent.
    await db.requestLogEntry.createMany({ data: [row(ws.id, 200, 0), row(ws.id, 169, 1), ...[1, 2, 3, 4, 5, 6].map((h) => row(ws.id, 10 - h, h + 1))] });
    await db.requestLogEntry.createMany({ data: [1, 2, 3].map((h) => row(other.id, h, 100 + h)) });

    // 90 days before 2026-06-30 is 2026-04-01: that day stays, the one before goes.
    // Other tests of this file wrote rows too (all older than these): the counts are at least this workspace's.
    const purged = await purgeUsage(db, now, { retentionDays: 90, requestLogMaxAgeDays: 7, requestLogMaxRows: 4 }, 1);
    expect(purged.rollups).toBeGreaterThanOrEqual(2);
    expect(purged.requestLog).toBeGreaterThanOrEqual(4);
    const kept = await db.usageModelDaily.findMany({ where: { workspaceId: ws.id }, orderBy: { day: 'asc' } });
    expect(kept.map((r) => r.day.toISOString().slice(0, 10))).toEqual(['2026-04-01', '2026-04-02', '2026-06-30']);
    expect(await db.usageRequestDaily.count({ where: { workspaceId: ws.id } })).toBe(3);
    const log = await db.requestLogEntry.findMany({ where: { workspaceId: ws.id }, orderBy: { id: 'asc' } });
    expect(log.map((r) => r.requestId)).toEqual(['q4', 'q5', 'q6', 'q7']);
    expect(await db.requestLogEntry.count({ where: { workspaceId: other.id } })).toBe(3);
    // Nothing left to purge: a second sweep is a no-op.
    expect(await purgeUsage(db, now, { retentionDays: 90, requestLogMaxAgeDays: 7, requestLogMaxRows: 4 }, 1)).toEqual({ rollups: 0, requestLog: 0 });
  });

  it('runs on the worker sweep', () => {
    expect(DEFAULT_SWEEP_TASKS.map((t) => t.name)).toContain('usage retention');
  });
});
