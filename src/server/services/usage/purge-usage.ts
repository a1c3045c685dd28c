import 'server-only';
// Retention of usage data, run on the worker's sweep: daily roll-ups past USAGE_RETENTION_DAYS, request-log rows past
// REQUEST_LOG_MAX_AGE_DAYS or beyond the newest REQUEST_LOG_MAX_ROWS of their workspace.
import { readUsageConfig, type UsageConfig } from '@/server/config/usage-config';
import type { DbClient } from '@/server/db/client';
import { purgeRequestLog, purgeUsageRollups } from '@/server/db/usage-rollups';

export async function purgeUsage(
  db: DbClient,
  now: Date,
  config: Pick<UsageConfig, 'retentionDays' | 'requestLogMaxAgeDays' | 'requestLogMaxRows'> = readUsageConfig(),
  batch?: number,
): Promise<{ rollups: number; requestLog: number }> {
  const rollups = await purgeUsageRollups(db, { now, retentionDays: config.retentionDays, batch });
  const requestLog = await purgeRequestLog(db, { now, maxAgeDays: config.requestLogMaxAgeDays, maxRows: config.requestLogMaxRows, batch });
  return { rollups, requestLog };
}
