// Crash safety: a worker process is killed with SIGKILL in the middle of its batches (one of them inside an open
// transaction). Once its leases expire another worker finishes the work, and every item's effect exists exactly
// once: nothing the dead worker committed is redone, nothing it had not committed is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectCounts, effectHandler, quiet, seedQueueTenant, sleep } from './job-fixtures';

const database = provideTestDatabase();
beforeAll(createEffectsTable);

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts the doomed worker and resolves once it has hung mid-batch; returns the ids it reported. */
function startDoomedWorker(url: string): Promise<{ done: bigint[]; hung: bigint[]; output: () => string }> {
  const root = path.resolve(import.meta.dirname, '../..');
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a second process that SIGKILL would not reach.
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/jobs/fixtures/doomed-worker.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const done: bigint[] = [];
  const hung: bigint[] = [];
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`doomed worker never hung:\n${text}`)), 90_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        const [word, id] = line.trim().split(' ');
        if (word === 'DONE' && id) done.push(BigInt(id));
        if (word === 'HANG' && id) {
          hung.push(BigInt(id));
          clearTimeout(timer);
          resolve({ done, hung, output: () => text });
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`doomed worker exited early (${signal ?? code}):\n${text}`));
    });
  });
}

describe('a worker killed mid-batch', () => {
  it('loses nothing and duplicates nothing once another worker takes over', { timeout: 150_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('crash'), ['alice'], ['s1', 's2', 's3']);
    const units = Object.values(t.sessions).map((session) => `summary:${session}`);
    const all: bigint[] = [];
    for (const unitKey of units) all.push(...(await addItems(t.workspaceId, 6, { kind: 'summary', unitKey, maxAttempts: 5 })));

    const doomed = await startDoomedWorker(database.current.url);
    // Let any other batch reach its own hang point, then kill without warning.
    await sleep(300);
    child!.kill('SIGKILL');
    await new Promise((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve(null) : child!.once('exit', resolve)));

    const afterCrash = await getDb().workItem.findMany({ where: { id: { in: all } } });
    const committed = new Set(afterCrash.filter((i) => i.status === 'completed').map((i) => i.id));
    const heldAtCrash = new Set(afterCrash.filter((i) => i.status === 'in_progress').map((i) => i.id));
    // The dead worker really finished some items (everything it reported done is committed) and really left some
    // in progress; the effect of the transaction it hung in was rolled back with its connection.
    expect(doomed.done.length).toBeGreaterThan(0);
    for (const id of doomed.done) expect(committed.has(id)).toBe(true);
    expect(heldAtCrash.size).toBeGreaterThan(0);
    const beforeRecovery = await effectCounts('summary:');
    for (const id of doomed.hung) expect(beforeRecovery.get(id)).toBeUndefined();

    // Once the dead worker's leases (1.5 s) have run out, a new worker sweeps them and finishes the job.
    await sleep(1_700);
    const report = await runWorkerOnce({ db: db(), handlers: { summary: effectHandler('summary', 4) }, log: quiet, leaseMs: 5_000 });
    expect(report.sweep.requeued).toBe(heldAtCrash.size);

    const items = await getDb().workItem.findMany({ where: { id: { in: all } }, orderBy: { id: 'asc' } });
    expect(items.map((i) => i.status)).toEqual(all.map(() => 'completed'));
    const counts = await effectCounts('summary:');
    // Exactly once: every item has one effect row, none has two.
    expect(all.map((id) => counts.get(id) ?? 0)).toEqual(all.map(() => 1));
    // The abandoned attempt counts; items the dead worker never touched or committed were attempted once.
    expect(items.map((i) => i.attempts)).toEqual(items.map((i) => (heldAtCrash.has(i.id) ? 2 : 1)));
    const effects = await getDb().$queryRaw<{ item_id: bigint; owner: string }[]>`SELECT item_id, owner FROM job_test_effects`;
    for (const effect of effects) {
      expect(effect.owner).toBe(committed.has(BigInt(effect.item_id)) ? 'doomed' : report.workerId);
    }
  });
});
