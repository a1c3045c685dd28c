// Automatic dreams (docs/api.md#s5-6): scheduleDueDreams, as the worker's sweeper calls it, enqueues an omni dream
// for a view with enough new explicit conclusions, a long enough gap since its last dream and a quiet observed peer;
// never twice for one view, never where dreams are switched off. Thresholds come from the environment.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import type { ModelEngines } from '@/server/models/engine-types';
import { scheduleDueDreams } from '@/server/services/dreams/schedule-due-dreams';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { provideTestDatabase } from '../support/test-database';
import { uniqueId } from '../support/http-assertions';

provideTestDatabase();
afterEach(() => {
  for (const key of ['DREAMS_ENABLED', 'DREAM_MIN_EXPLICIT_CONCLUSIONS', 'DREAM_MIN_HOURS_BETWEEN', 'DREAM_IDLE_MINUTES']) delete process.env[key];
});

const HOUR = 3_600_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

type View = { explicit: number; lastDream?: Date | null; activity?: Date | null };

/** A workspace with one view per entry (observer = observed = a fresh peer); returns names and internal ids. */
async function seedViews(views: Record<string, View>, configuration: object = {}) {
  const db = getDb();
  const workspace = await db.workspace.create({ data: { id: newInternalId(), name: uniqueId('auto'), configuration } });
  const peers: Record<string, string> = {};
  for (const [name, view] of Object.entries(views)) {
    const peer = await db.peer.create({ data: { id: newInternalId(), workspaceId: workspace.id, name } });
    peers[name] = peer.id;
    await db.peerView.create({
      data: {
        workspaceId: workspace.id, observerId: peer.id, observedId: peer.id, explicitSinceDream: view.explicit,
        lastDreamAt: view.lastDream ?? null, lastObservedActivity: view.activity ?? null,
      },
    });
  }
  return { workspace, peers };
}

async function dreamsOf(workspaceId: string) {
  return getDb().workItem.findMany({ where: { workspaceId, kind: 'dream' }, orderBy: { id: 'asc' } });
}

describe('scheduleDueDreams', () => {
  it('enqueues exactly the views that meet all three thresholds', async () => {
    const { workspace, peers } = await seedViews({
      due: { explicit: 50, lastDream: ago(9 * HOUR), activity: ago(2 * HOUR) },
      neverDreamed: { explicit: 80, lastDream: null, activity: null },
      tooFew: { explicit: 49, lastDream: ago(9 * HOUR), activity: ago(2 * HOUR) },
      tooRecent: { explicit: 60, lastDream: ago(7 * HOUR), activity: ago(2 * HOUR) },
      stillTalking: { explicit: 60, lastDream: ago(9 * HOUR), activity: ago(30 * 60_000) },
    });
    await scheduleDueDreams(getDb(), NOW);
    const items = await dreamsOf(workspace.id);
    expect(items.map((i) => i.unitKey).sort()).toEqual(
      [`dream:${peers.due}:${peers.due}`, `dream:${peers.neverDreamed}:${peers.neverDreamed}`].sort(),
    );
    for (const item of items) {
      expect(item).toMatchObject({ status: 'pending', sessionId: null });
      expect(item.payload).toMatchObject({ dream_type: 'omni', automatic: true, rebuild: false, session_id: null });
    }

    // Not twice while pending, even from a second sweeper.
    await Promise.all([scheduleDueDreams(getDb(), NOW), scheduleDueDreams(getDb(), NOW)]);
    expect(await dreamsOf(workspace.id)).toHaveLength(2);
  });

  it('treats a new message from the observed peer as activity that postpones the dream', async () => {
    const { workspace, peers } = await seedViews({ chatty: { explicit: 70, lastDream: null, activity: ago(3 * HOUR) } });
    const session = await getDb().session.create({ data: { id: newInternalId(), workspaceId: workspace.id, name: 's1' } });
    await getDb().message.create({
      data: {
        id: newPublicId(), workspaceId: workspace.id, sessionId: session.id, peerId: peers.chatty!, seq: 1, content: 'hi',
        tokenCount: 1, createdAt: ago(48 * HOUR), insertedAt: ago(10 * 60_000),
      },
    });
    // Other tests' views share the database, so count this workspace's items rather than the return value.
    await scheduleDueDreams(getDb(), NOW);
    expect(await dreamsOf(workspace.id)).toHaveLength(0);
    // An hour later the peer has been quiet long enough (its backdated created_at never mattered).
    expect(await scheduleDueDreams(getDb(), new Date(NOW.getTime() + HOUR))).toBeGreaterThanOrEqual(1);
    expect(await dreamsOf(workspace.id)).toHaveLength(1);
  });

  it('yields to any dream of the view already waiting, and skips workspaces with dream.enabled false', async () => {
    const { workspace, peers } = await seedViews({ busy: { explicit: 90 } });
    await getDb().workItem.create({
      data: {
        workspaceId: workspace.id, kind: 'dream', unitKey: `dream:${peers.busy}:${peers.busy}`, senderId: peers.busy,
        observerIds: [peers.busy!], payload: { dream_type: 'card_refresh', session_id: null, rebuild: true },
      },
    });
    const off = await seedViews({ sleeper: { explicit: 90 } }, { dream: { enabled: false } });
    await scheduleDueDreams(getDb(), NOW);
    expect(await dreamsOf(workspace.id)).toHaveLength(1);
    expect(await dreamsOf(off.workspace.id)).toEqual([]);
  });

  it('follows the thresholds and the global switch from the environment', async () => {
    const { workspace } = await seedViews({ small: { explicit: 5, lastDream: ago(2 * HOUR), activity: ago(11 * 60_000) } });
    await scheduleDueDreams(getDb(), NOW);
    expect(await dreamsOf(workspace.id)).toHaveLength(0);
    process.env.DREAM_MIN_EXPLICIT_CONCLUSIONS = '5';
    process.env.DREAM_MIN_HOURS_BETWEEN = '1';
    process.env.DREAM_IDLE_MINUTES = '10';
    process.env.DREAMS_ENABLED = 'false';
    expect(await scheduleDueDreams(getDb(), NOW)).toBe(0);
    expect(await dreamsOf(workspace.id)).toHaveLength(0);
    delete process.env.DREAMS_ENABLED;
    expect(await scheduleDueDreams(getDb(), NOW)).toBeGreaterThanOrEqual(1);
    expect(await dreamsOf(workspace.id)).toHaveLength(1);
    process.env.DREAM_IDLE_MINUTES = 'soon';
    await expect(scheduleDueDreams(getDb(), NOW)).rejects.toThrow(/DREAM_IDLE_MINUTES/);
  });

  it('runs as a sweeper task of the real worker', async () => {
    const { workspace } = await seedViews({ swept: { explicit: 50 } });
    await runWorkerOnce({
      db: getDb(),
      handlers: {},
      engines: {} as ModelEngines,
      sweepTasks: [{ name: 'dreams', run: (db, now) => scheduleDueDreams(db, now) }],
      log: () => undefined,
    });
    expect(await dreamsOf(workspace.id)).toHaveLength(1);
  });
});
