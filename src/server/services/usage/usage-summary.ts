import 'server-only';
// The Usage page of an app: per UTC day tokens, cost and requests (every day of the window present, zero when
// quiet), and tables per credential (requests, errors, p50/p95 from the summed latency buckets) and per task and
// model (calls, tokens, cost). Cost is a sum of priced calls only; `unpriced` says when some calls had no price.
import type { DbClient } from '@/server/db/client';
import { apiKeyNames, readUsageRollups } from '@/server/db/usage-rollups';
import { credentialLabel, storedKeyIds } from './credential-label';
import { addBuckets, latencyPercentile } from './latency-buckets';
import type { z } from 'zod';
import type { usageByKeyOutput, usageByModelOutput, usageDayOutput, usageSummaryOutput } from '@/contracts/console-memory-outputs';

export type UsageDay = z.output<typeof usageDayOutput>;
export type UsageByKey = z.output<typeof usageByKeyOutput>;
export type UsageByModel = z.output<typeof usageByModelOutput>;
export type UsageSummary = z.output<typeof usageSummaryOutput>;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

export async function usageSummary(db: DbClient, workspaceId: string, options: { days: number; now?: Date }): Promise<UsageSummary> {
  const now = options.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (options.days - 1)));
  const { models, requests } = await readUsageRollups(db, workspaceId, since);

  const days = new Map<string, UsageDay>();
  for (let i = 0; i < options.days; i++) {
    const day = dayKey(new Date(since.getTime() + i * 86_400_000));
    days.set(day, { day, inputTokens: 0, outputTokens: 0, costUsd: 0, requests: 0, errors: 0 });
  }
  const byModel = new Map<string, UsageByModel>();
  let unpriced = false;
  for (const row of models) {
    const input = Number(row.inputTokens);
    const output = Number(row.outputTokens);
    const day = days.get(dayKey(row.day));
    if (day) {
      day.inputTokens += input;
      day.outputTokens += output;
      day.costUsd += row.costUsd ?? 0;
    }
    if (row.costUsd === null) unpriced = true;
    const key = `${row.task}\u0000${row.model}`;
    const entry = byModel.get(key) ?? { task: row.task, model: row.model, calls: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: null };
    entry.calls += row.calls;
    entry.errors += row.errors;
    entry.inputTokens += input;
    entry.outputTokens += output;
    if (row.costUsd !== null) entry.costUsd = (entry.costUsd ?? 0) + row.costUsd;
    byModel.set(key, entry);
  }

  const perKey = new Map<string, { requests: number; errors: number; latencyMsTotal: number; buckets: number[] }>();
  let allBuckets: number[] = [];
  for (const row of requests) {
    const day = days.get(dayKey(row.day));
    if (day) {
      day.requests += row.requests;
      day.errors += row.errors;
    }
    const entry = perKey.get(row.keyId) ?? { requests: 0, errors: 0, latencyMsTotal: 0, buckets: [] };
    entry.requests += row.requests;
    entry.errors += row.errors;
    entry.latencyMsTotal += row.latencyMsTotal;
    entry.buckets = addBuckets(entry.buckets, row.latencyBuckets);
    allBuckets = addBuckets(allBuckets, row.latencyBuckets);
    perKey.set(row.keyId, entry);
  }
  const names = await apiKeyNames(db, workspaceId, storedKeyIds([...perKey.keys()]));
  const byKey = [...perKey.entries()]
    .map(([id, e]) => ({
      ...credentialLabel(id, names),
      requests: e.requests,
      errors: e.errors,
      p50Ms: latencyPercentile(e.buckets, 0.5),
      p95Ms: latencyPercentile(e.buckets, 0.95),
      meanMs: e.requests ? e.latencyMsTotal / e.requests : null,
    }))
    .sort((a, b) => b.requests - a.requests);

  const dayList = [...days.values()];
  const sum = (pick: (d: UsageDay) => number) => dayList.reduce((a, d) => a + pick(d), 0);
  return {
    days: dayList,
    totals: {
      inputTokens: sum((d) => d.inputTokens),
      outputTokens: sum((d) => d.outputTokens),
      costUsd: sum((d) => d.costUsd),
      unpriced,
      requests: sum((d) => d.requests),
      errors: sum((d) => d.errors),
      p50Ms: latencyPercentile(allBuckets, 0.5),
      p95Ms: latencyPercentile(allBuckets, 0.95),
    },
    byKey,
    byModel: [...byModel.values()].sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens)),
  };
}
