// GET /api/worker/tick — one bounded worker pass (≈50 s) for Vercel Cron; Bearer CRON_SECRET required when set
import { connection } from 'next/server';
import { jsonResponse } from '@/server/http/json-response';
import { resolveRequestId } from '@/server/http/request-id';
import { errorResponse } from '@/server/http/route';
import { runCronTick } from '@/server/jobs/cron-tick';

// The pass stops claiming before WORKER_TICK_BUDGET_MS (50 s) runs out; the function may live a little longer.
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  // Runs background work against the database: never prerendered, always executed per request.
  await connection();
  // A database that is down answers 503 with Retry-After like the API; the next scheduled tick simply tries again.
  let result: Awaited<ReturnType<typeof runCronTick>>;
  try {
    result = await runCronTick(request.headers.get('authorization'));
  } catch (error) {
    return errorResponse(request, resolveRequestId(request), error);
  }
  return jsonResponse(request, result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
}
