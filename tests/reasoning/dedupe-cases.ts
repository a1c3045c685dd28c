// De-duplication cases of docs/api.md#s5-3, shared by the pgvector and the exact-cosine fallback test files so both
// vector storages are held to the same behaviour (docs/honcho-differences.md#database-portability).
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { writeConclusions, type ConclusionDraft } from '@/server/services/conclusions/write-conclusions';
import { createSession, say, unique } from './reasoning-fixtures';

/** A unit-ish vector pointing mostly along axis `axis`, nudged by `tilt` along the next axis. */
export const direction = (axis: number, tilt = 0) =>
  Array.from({ length: TEST_EMBEDDING_DIMENSIONS }, (_, i) => (i === axis ? 1 : i === (axis + 1) % TEST_EMBEDDING_DIMENSIONS ? tilt : 0));

async function seed() {
  const ws = unique('dup');
  await createSession(ws, 's1', { alice: {}, bob: {} });
  await createSession(ws, 's2', { alice: {} });
  const messages = await say(ws, 's1', [
    { peer_id: 'alice', content: 'first' },
    { peer_id: 'alice', content: 'second' },
    { peer_id: 'alice', content: 'third' },
  ]);
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
  const peer = async (name: string) => (await db.peer.findFirstOrThrow({ where: { workspaceId: workspace.id, name } })).id;
  const session = async (name: string) => (await db.session.findFirstOrThrow({ where: { workspaceId: workspace.id, name } })).id;
  const alice = await peer('alice');
  const base = (content: string, vector: number[] | null, extra: Partial<ConclusionDraft> = {}): ConclusionDraft => ({
    observerId: alice,
    observedId: alice,
    sessionId: null,
    level: 'explicit',
    origin: 'deriver',
    content,
    embedding: vector ? { model: 'test', values: vector } : null,
    ...extra,
  });
  const write = (drafts: ConclusionDraft[]) => db.$transaction((tx) => writeConclusions(tx, workspace.id, drafts, { dedupe: true }));
  const rows = () =>
    db.conclusion.findMany({ where: { workspaceId: workspace.id }, include: { messages: true, embedding: true }, orderBy: { createdAt: 'asc' } });
  return { ws, alice, bob: await peer('bob'), s1: await session('s1'), s2: await session('s2'), messages, base, write, rows };
}

export function dedupeCases() {
  describe('de-duplication (docs/api.md#s5-3)', () => {
    it('exact: trimmed, case-insensitive equal text in the same view, level and session reinforces the row', async () => {
      const t = await seed();
      const [first] = await t.write([t.base('alice likes tea', direction(0), { sessionId: t.s1, messageIds: [t.messages[0]!.id] })]);
      const [again] = await t.write([t.base('  Alice LIKES tea \n', direction(3), { sessionId: t.s1, messageIds: [t.messages[1]!.id] })]);
      expect(first!.outcome).toBe('created');
      expect(again).toEqual({ id: first!.id, outcome: 'reinforced' });
      const [row, ...rest] = await t.rows();
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ content: 'alice likes tea', timesDerived: 2 });
      expect(row!.messages.map((m) => m.messageId).sort()).toEqual([t.messages[0]!.id, t.messages[1]!.id].sort());
      expect((row!.provenance as { message_ids: string[] }).message_ids.sort()).toEqual([t.messages[0]!.id, t.messages[1]!.id].sort());
      // Within one batch too.
      const twice = await t.write([t.base('alice likes jazz', null, { sessionId: t.s1 }), t.base('ALICE likes jazz', null, { sessionId: t.s1 })]);
      expect(twice.map((w) => w.outcome)).toEqual(['created', 'reinforced']);
      expect((await t.rows()).map((r) => r.timesDerived)).toEqual([2, 2]);
    });

    it('keeps explicit facts of other sessions, other levels and other views apart', async () => {
      const t = await seed();
      await t.write([t.base('alice likes tea', direction(0), { sessionId: t.s1 })]);
      const outcomes = await t.write([
        t.base('alice likes tea', direction(0), { sessionId: t.s2 }),
        t.base('alice likes tea', direction(0), { sessionId: t.s1, level: 'deductive' }),
        t.base('alice likes tea', direction(0), { sessionId: t.s1, observerId: t.bob }),
      ]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'created']);
      expect((await t.rows()).every((r) => r.timesDerived === 1)).toBe(true);
      // Higher levels de-duplicate across sessions.
      const deductive = await t.write([t.base('alice likes tea', null, { sessionId: t.s2, level: 'deductive' })]);
      expect(deductive[0]!.outcome).toBe('reinforced');
    });

    it('semantic: within cosine distance 0.05 the more informative text survives with the combined count', async () => {
      const t = await seed();
      const short = 'alice is a nurse';
      const rich = 'alice works as a night-shift nurse at a children’s hospital in Lisbon';
      const [kept] = await t.write([t.base(short, direction(0), { sessionId: t.s1, messageIds: [t.messages[0]!.id] })]);
      const [merged] = await t.write([t.base(rich, direction(0, 0.2), { sessionId: t.s1, messageIds: [t.messages[1]!.id] })]);
      expect(merged).toEqual({ id: kept!.id, outcome: 'merged' });
      let [row, ...rest] = await t.rows();
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ id: kept!.id, content: rich, timesDerived: 2 });
      expect(row!.messages).toHaveLength(2);
      // A less informative near-duplicate adds its count but not its wording.
      await t.write([t.base('alice: nurse', direction(0, 0.1), { sessionId: t.s1, messageIds: [t.messages[2]!.id] })]);
      [row, ...rest] = await t.rows();
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ content: rich, timesDerived: 3 });
      expect(row!.messages).toHaveLength(3);
    });

    it('semantic: farther than 0.05, or in another session, is a new conclusion', async () => {
      const t = await seed();
      await t.write([t.base('alice is a nurse', direction(0), { sessionId: t.s1 })]);
      // tilt 0.35 ≈ cosine distance 0.056
      const outcomes = await t.write([
        t.base('alice is a registered nurse', direction(0, 0.35), { sessionId: t.s1 }),
        t.base('alice is a registered nurse in Lisbon', direction(0), { sessionId: t.s2 }),
      ]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'created']);
      expect(await t.rows()).toHaveLength(3);
    });
  });
}
