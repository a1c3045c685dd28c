import 'server-only';
// Instant wake-up on a real PostgreSQL server: the triggers on work_items run `pg_notify('rapport_work', '')` in the
// transaction that enqueues (or re-queues) work, so the notification is delivered at commit, never before the rows
// are visible. LISTEN needs a connection of its own that stays open (a pooled Prisma connection may be handed to
// anyone), so this is a dedicated `pg` client.
//
// The embedded database (pglite-socket) accepts LISTEN but never delivers a notification across connections, and
// serverless platforms have no long-lived connection at all. Rather than guess from the URL, the listener proves
// itself: it sends a probe NOTIFY through the normal client and keeps listening only if the probe arrives. Otherwise
// the worker relies on polling with idle backoff (idle-delay.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { WorkerDb, WorkerLog } from './engine-options';

export const WORK_CHANNEL = 'rapport_work';

export type WorkListener = { close(): Promise<void>; readonly alive: boolean };

export async function listenForWork(
  url: string,
  db: WorkerDb,
  options: { onWork: () => void; log: WorkerLog; probeTimeoutMs?: number },
): Promise<WorkListener | null> {
  const client = new pg.Client({ connectionString: url, application_name: 'rapport-worker-listen' });
  let alive = true;
  const probe = randomBytes(8).toString('hex');
  let probed!: () => void;
  const probeArrived = new Promise<void>((resolve) => (probed = resolve));
  client.on('notification', (message) => {
    if (message.channel !== WORK_CHANNEL) return;
    if (message.payload === probe) probed();
    else options.onWork();
  });
  client.on('error', (error) => {
    // The server went away: polling carries on and the worker tries to listen again on its next sweep.
    alive = false;
    options.log('work listener lost', { error: error.message });
    void client.end().catch(() => {});
  });
  const close = async () => {
    alive = false;
    await client.end().catch(() => {});
  };
  try {
    await client.connect();
    await client.query(`LISTEN ${WORK_CHANNEL}`);
    await db.$executeRaw`SELECT pg_notify(${WORK_CHANNEL}, ${probe})`;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.probeTimeoutMs ?? 2_000)));
    const outcome = await Promise.race([probeArrived.then(() => 'ok' as const), timedOut]);
    clearTimeout(timer);
    if (outcome !== 'ok') {
      await close();
      return null;
    }
  } catch (error) {
    options.log('work listener unavailable, polling', { error: error instanceof Error ? error.message : String(error) });
    await close();
    return null;
  }
  return {
    close,
    get alive() {
      return alive;
    },
  };
}
