// Concurrent appends into one session (docs/api.md#s3-6): sequence numbers stay exactly 1..N with no gaps or
// duplicates, and get-or-create of the workspace, session and authors survives the race. On the embedded database the
// writers' transactions queue behind each other; on TEST_DATABASE_URL's server they truly race on the session row lock.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';

const database = provideTestDatabase();
process.env.AUTH_DISABLED = 'true';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const WRITERS = 10;
const PER_WRITER = 200;
// Uneven batch sizes (1..19) so writers' transactions interleave at different points.
const batchSizes = (writer: number): number[] => {
  const sizes: number[] = [];
  let left = PER_WRITER;
  for (let i = 0; left > 0; i += 1) {
    const size = Math.min(left, 1 + ((writer * 7 + i * 5) % 19));
    sizes.push(size);
    left -= size;
  }
  return sizes;
};

describe(`concurrent writers (${WRITERS} × ${PER_WRITER} messages into one session)`, () => {
  it('allocates sequence numbers exactly 1..N with no duplicates', { timeout: 300_000 }, async () => {
    const ws = `conc-${process.pid}-${Date.now().toString(36)}`;
    const url = `/v3/workspaces/${ws}/sessions/shared/messages`;
    const writer = async (w: number): Promise<Json[]> => {
      const out: Json[] = [];
      let n = 0;
      for (const size of batchSizes(w)) {
        const messages = Array.from({ length: size }, () => ({ peer_id: `writer-${w}`, content: `w${w} m${(n += 1)}` }));
        const response = await call('POST', url, { messages });
        expect(response.status, await response.clone().text()).toBe(201);
        const body = (await response.json()) as Json[];
        expect(body.map((m) => m.content)).toEqual(messages.map((m) => m.content));
        out.push(...body);
      }
      return out;
    };
    // Every writer starts before the workspace and session exist.
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    const db = getDb();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
    const session = await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: 'shared' } } });
    const rows = await db.message.findMany({ where: { sessionId: session.id }, orderBy: { seq: 'asc' } });
    const total = WRITERS * PER_WRITER;
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(session.lastSeq).toBe(total);

    // Each writer's messages keep its own order, and insertion order agrees with seq.
    const seqById = new Map(rows.map((r) => [r.id, r.seq]));
    for (const written of results) {
      const seqs = written.map((m) => seqById.get(m.id)!);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const byInsertion = [...rows].sort((a, b) => (a.insertedOrder < b.insertedOrder ? -1 : 1)).map((r) => r.seq);
    expect(byInsertion).toEqual(rows.map((r) => r.seq));

    // Background work is recorded once per message, and summaries fire exactly at every 20th / 60th position.
    const counts = await db.workItem.groupBy({ by: ['kind'], where: { sessionId: session.id }, _count: { _all: true } });
    const count = (kind: string) => counts.find((c) => c.kind === kind)?._count._all ?? 0;
    // One embedding item per write, which names its messages: every message exactly once.
    const embedded = (await db.workItem.findMany({ where: { sessionId: session.id, kind: 'embedding' } })).flatMap(
      (item) => (item.payload as { message_ids: string[] }).message_ids,
    );
    expect(embedded.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(count('derivation')).toBe(total);
    expect(count('summary')).toBe(Math.floor(total / 20) + Math.floor(total / 60));
    expect(await db.sessionPeer.count({ where: { sessionId: session.id } })).toBe(WRITERS);
    expect(await db.sessionMembershipPeriod.count({ where: { sessionId: session.id } })).toBe(WRITERS);
    console.log(`[message-concurrency] ${database.current.kind} database: ${total} messages, seq 1..${total}`);
  });
});
