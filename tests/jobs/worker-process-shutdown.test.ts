// Graceful shutdown of the real `npm run worker` process (docs/queue.md, Shutdown), as a deploy delivers it. Two
// webhook deliveries are in flight against a local receiver when SIGTERM arrives: the receiver answers one during the
// grace period (its batch finishes and completes), the other never (its batch is aborted when the grace runs out and
// its claim released: pending again, attempts unchanged, no claim row). The process exits 0 within the grace.
//
// The signal arrives the two ways supervisors send it: to the npm process only (docker stop, most process managers),
// which npm relays to the worker, and to the whole process group (systemd's default, a terminal's Ctrl-C), where the
// worker receives it directly *and* relayed by npm. A relayed copy of the first signal must not count as the
// "second signal" that skips the grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { newPublicId } from '@/server/services/ids';
import { enqueueWebhookEvent } from '@/server/services/webhooks/enqueue-webhook-event';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { seedQueueTenant } from './job-fixtures';

const database = provideTestDatabase();
const GRACE_MS = 4_000;
const SECRET = 'shutdown-test-secret';

/** Receives deliveries and holds every response until the test answers it (or the worker gives up). */
class Receiver {
  private server = http.createServer((request, response) => {
    const name = request.url!.split('/').pop()!;
    request.resume();
    this.held.set(name, response);
    this.onArrival?.();
  });
  readonly held = new Map<string, http.ServerResponse>();
  private onArrival?: () => void;
  base = '';

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once a request for each of `names` is being held. */
  arrived(names: string[], timeoutMs: number, output: () => string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`deliveries did not arrive in ${timeoutMs} ms; worker output:\n${output()}`)), timeoutMs);
      this.onArrival = () => {
        if (names.every((n) => this.held.has(n))) {
          clearTimeout(timer);
          resolve();
        }
      };
      this.onArrival();
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let child: ChildProcess | undefined;
let receiver: Receiver;
beforeAll(() => {
  process.env.WEBHOOK_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.WEBHOOK_SECRET;
});
afterEach(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  child = undefined;
  await receiver?.close();
});

/** A workspace with one endpoint per name and one pending delivery (a `webhook` work item) for each. */
async function deliveriesTo(names: string[]): Promise<Map<string, bigint>> {
  const t = await seedQueueTenant(uniqueId('sigterm'), ['alice'], ['s1']);
  const endpoints = new Map<string, string>();
  for (const name of names) {
    const id = newPublicId();
    await getDb().webhookEndpoint.create({ data: { id, workspaceId: t.workspaceId, url: `${receiver.base}/${name}` } });
    endpoints.set(id, name);
  }
  await getDb().$transaction((tx) => enqueueWebhookEvent(tx, t.workspaceId, { type: 'test.event', data: {} }));
  const deliveries = await getDb().webhookDelivery.findMany({ where: { workspaceId: t.workspaceId } });
  const items = await getDb().workItem.findMany({ where: { workspaceId: t.workspaceId, kind: 'webhook' } });
  const byName = new Map<string, bigint>();
  for (const item of items) {
    const delivery = deliveries.find((d) => d.id === (item.payload as { delivery_id: string }).delivery_id)!;
    byName.set(endpoints.get(delivery.endpointId)!, item.id);
  }
  expect([...byName.keys()].sort()).toEqual([...names].sort());
  return byName;
}

function startWorkerProcess(): { proc: ChildProcess; output: () => string } {
  const root = path.resolve(import.meta.dirname, '../..');
  const proc = spawn('npm', ['run', 'worker'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.current.url,
      WEBHOOK_SECRET: SECRET,
      // The receiver listens on loopback, which deliveries refuse unless private addresses are allowed.
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      QUEUE_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      // The assertions read the worker's lifecycle lines, which it logs at info (the suite runs at warn).
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the group case reaches npm and the worker and nothing else.
    detached: true,
  });
  child = proc;
  let text = '';
  proc.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { proc, output: () => text };
}

async function signalAndWait(proc: ChildProcess, target: 'npm' | 'group'): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const exited = new Promise<[number | null, string | null]>((resolve) => proc.once('exit', (code, signal) => resolve([code, signal])));
  const t = performance.now();
  process.kill(target === 'group' ? -proc.pid! : proc.pid!, 'SIGTERM');
  // The batch that can finish does so during the grace period.
  setTimeout(() => receiver.held.get('finishes')?.writeHead(200).end('ok'), 300);
  const [code, signal] = await exited;
  return { code, signal, ms: performance.now() - t };
}

describe('SIGTERM to `npm run worker` with deliveries in flight', () => {
  for (const target of ['npm', 'group'] as const) {
    it(`sent to ${target === 'npm' ? 'the npm process' : 'the process group'}: finishes what it can, releases the rest, exits 0 within the grace`, { timeout: 150_000 }, async () => {
      receiver = new Receiver();
      await receiver.listen();
      const items = await deliveriesTo(['finishes', 'hangs']);
      const { proc, output } = startWorkerProcess();
      await receiver.arrived(['finishes', 'hangs'], 120_000, output);
      const inFlight = await getDb().workItem.findMany({ where: { id: { in: [...items.values()] } } });
      expect(inFlight.map((i) => [i.status, i.attempts])).toEqual([
        ['in_progress', 1],
        ['in_progress', 1],
      ]);

      const exit = await signalAndWait(proc, target);
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      // The grace period (the hanging delivery holds the drain) plus closing the pool; far below the lease (60 s).
      expect(exit.ms).toBeLessThan(GRACE_MS + 8_000);
      expect(output().match(/SIGTERM: stopping the worker/g)).toHaveLength(1);

      const finished = await getDb().workItem.findUniqueOrThrow({ where: { id: items.get('finishes')! } });
      expect([finished.status, finished.attempts]).toEqual(['completed', 1]);
      const released = await getDb().workItem.findUniqueOrThrow({ where: { id: items.get('hangs')! } });
      expect([released.status, released.attempts]).toEqual(['pending', 0]);
      expect(await getDb().workUnitClaim.count({ where: { unitKey: { in: [finished.unitKey, released.unitKey] } } })).toBe(0);
    });
  }
});
