import 'server-only';
// GET /api/worker/tick: one bounded worker pass for platforms that have no long-running process (Vercel Cron calls
// it every minute). When CRON_SECRET is set the caller must send `Authorization: Bearer <CRON_SECRET>` — exactly what
// Vercel Cron sends — so nobody else can make the server spend model calls on demand. Without a secret the tick is
// open only outside production (`next dev`, tests); under NODE_ENV=production it refuses every caller with a 403 that
// says to set CRON_SECRET, so a deployment cannot be left open by omission (docs/security.md).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readWorkerConfig } from '@/server/config/worker-config';
import { getDb } from '@/server/db/client';
import { runWorkerOnce, type WorkerPassReport } from './run-worker-once';
import type { EngineOptions } from './engine-options';

export type CronTickResult = { status: 200; body: WorkerPassReport } | { status: 401 | 403; body: { detail: string } };

export const CRON_SECRET_REQUIRED =
  'GET /api/worker/tick is disabled: set CRON_SECRET (Vercel Cron sends it as a bearer token); without it the tick is open only outside production';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of the presented bearer token with the configured secret. */
export function cronAuthorized(authorization: string | null, secret: string | null): boolean {
  if (!secret) return true;
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  return match ? timingSafeEqual(digest(match[1]!.trim()), digest(secret)) : false;
}

export async function runCronTick(
  authorization: string | null,
  overrides: Partial<Omit<EngineOptions, 'db'>> & { budgetMs?: number } = {},
): Promise<CronTickResult> {
  const config = readWorkerConfig();
  if (!config.cronSecret && process.env.NODE_ENV === 'production') return { status: 403, body: { detail: CRON_SECRET_REQUIRED } };
  if (!cronAuthorized(authorization, config.cronSecret)) {
    return { status: 401, body: { detail: 'Missing or wrong CRON_SECRET bearer token' } };
  }
  const report = await runWorkerOnce({ db: getDb(), budgetMs: config.tickBudgetMs, ...overrides });
  return { status: 200, body: report };
}
