// Deletes of any size (docs/scaling.md): a session or peer with 40,000 messages is deleted through the API on both database
// lanes. Before the fix each `IN (…)` list bound 2n+1 parameters and PostgreSQL refused anything past 32,767. Rows
// are inserted with generate_series, not through the API, so the setup is fast; the delete itself is timed and
// printed. Also: a purge interrupted after the mark (a crash) is finished by the sweeper.
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { resumePurges, PURGE_GRACE_MS } from '@/server/jobs/resume-purges';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { call } from '../support/app-fetch';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';

const database = provideTestDatabase();
const BIG = 40_000;
// Setup plus delete take ~30 s on the embedded database on an idle machine; leave room for a loaded one.
const SLOW = 240_000;

type Fixture = { ws: string; wsId: string; peers: Record<string, string>; sessions: Record<string, string> };

async function seed(peers: string[], sessions: string[]): Promise<Fixture> {
  const ws = uniqueId('big');
  expect((await call('POST', '/v3/workspaces', { id: ws })).status).toBe(201);
  const wsId = (await getDb().workspace.findUniqueOrThrow({ where: { name: ws } })).id;
  const out: Fixture = { ws, wsId, peers: {}, sessions: {} };
  for (const name of peers) out.peers[name] = (await getDb().peer.create({ data: { id: newInternalId(), workspaceId: wsId, name } })).id;
  for (const name of sessions) out.sessions[name] = (await getDb().session.create({ data: { id: newInternalId(), workspaceId: wsId, name } })).id;
  return out;
}

/**
 * `count` messages by `peer` in `session` (seq continuing the session); every 20th has an embedding chunk (every one
 * would spend minutes building the embedded database's HNSW index, and 2,000 per 40,000 cover several batches).
 */
async function bulkMessages(f: Fixture, session: string, peer: string, count: number, tag: string): Promise<void> {
  const db = getDb();
  const sessionId = f.sessions[session]!;
  const vector = database.current.prepared?.vector.mode === 'pgvector'
    ? Prisma.raw(`array_fill(0.1::real, ARRAY[${TEST_EMBEDDING_DIMENSIONS}])::vector`)
    : Prisma.raw(`array_fill(0.1::real, ARRAY[${TEST_EMBEDDING_DIMENSIONS}])`);
  await db.$executeRaw`
    INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, created_at)
    SELECT ${tag} || '-' || g, ${f.wsId}, ${sessionId}, ${f.peers[peer]}, s.last_seq + g, 'message ' || g, 2, now()
    FROM generate_series(1, ${count}::int) g, sessions s WHERE s.id = ${sessionId}`;
  await db.$executeRaw`UPDATE sessions SET last_seq = last_seq + ${count}::int WHERE id = ${sessionId}`;
  await db.$executeRaw`
    INSERT INTO message_embeddings (id, workspace_id, message_id, chunk_index, char_start, char_end, model, embedding)
    SELECT 'emb-' || m.id, m.workspace_id, m.id, 0, 0, 5, 'test', ${vector}
    FROM messages m WHERE m.id LIKE ${tag + '-%'} AND m.seq % 20 = 1`;
}

/** A conclusion derived from the given messages (or premises), observer → observed. */
async function conclusion(f: Fixture, observer: string, observed: string, from: { messages?: string[]; premises?: string[] }) {
  const id = newPublicId();
  await getDb().conclusion.create({
    data: {
      id, workspaceId: f.wsId, observerId: f.peers[observer]!, observedId: f.peers[observed]!, level: from.premises ? 'deductive' : 'explicit',
      origin: 'deriver', content: `fact ${id}`, tokenCount: 2, sourceIds: from.premises ?? [],
    },
  });
  for (const messageId of from.messages ?? []) {
    await getDb().conclusionMessage.create({ data: { workspaceId: f.wsId, conclusionId: id, messageId } });
  }
  return id;
}

async function summary(f: Fixture, session: string, lastSeq: number) {
  await getDb().sessionSummary.create({
    data: { id: newPublicId(), workspaceId: f.wsId, sessionId: f.sessions[session]!, kind: 'short', content: 'sum', tokenCount: 1, lastMessageId: 'x', lastSeq },
  });
}

/**
 * What a running deployment's statistics already reflect: the embedded database has no autovacuum, and a worker
 * refreshes them every 10 minutes (refresh-planner-statistics.ts). Right after a bulk load the planner believes the
 * tables empty and the same 40k-message peer delete took ~100 s instead of ~6 s there (still in bounded batches).
 */
async function refreshStatistics(): Promise<void> {
  await getDb().$executeRawUnsafe('ANALYZE');
}

async function count(sql: Prisma.Sql): Promise<number> {
  return (await getDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${sql}) q`)[0]!.n;
}

describe('deleting a session or peer with 40,000 messages', () => {
  it('deletes the session with every derived row, leaving other sessions untouched', async () => {
    const f = await seed(['alice', 'bob'], ['big', 'other']);
    await bulkMessages(f, 'big', 'alice', BIG, 'sb');
    await bulkMessages(f, 'other', 'bob', 50, 'so');
    const onlyBig = await conclusion(f, 'bob', 'alice', { messages: ['sb-1', 'sb-39999'] });
    const mixed = await conclusion(f, 'bob', 'alice', { messages: ['sb-2', 'so-1'] });
    const otherOnly = await conclusion(f, 'alice', 'bob', { messages: ['so-2'] });
    await summary(f, 'other', 50);
    expect(await count(Prisma.sql`SELECT 1 FROM message_embeddings WHERE message_id LIKE 'sb-%'`)).toBe(BIG / 20);

    await refreshStatistics();
    const started = performance.now();
    const response = await call('DELETE', `/v3/workspaces/${f.ws}/sessions/big`);
    const ms = performance.now() - started;
    console.log(`[large-deletes] ${BIG}-message session delete on ${database.current.kind}: ${ms.toFixed(0)} ms`);
    expect(response.status).toBe(202);

    const big = f.sessions.big!;
    expect(await count(Prisma.sql`SELECT 1 FROM sessions WHERE id = ${big}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${big}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM message_embeddings WHERE message_id LIKE 'sb-%'`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM conclusion_messages WHERE message_id LIKE 'sb-%'`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM work_items WHERE session_id = ${big}`)).toBe(0);
    const remaining = (await getDb().conclusion.findMany({ where: { workspaceId: f.wsId }, select: { id: true } })).map((c) => c.id);
    expect(remaining.sort()).toEqual([mixed, otherOnly].sort());
    expect(remaining).not.toContain(onlyBig);

    const other = f.sessions.other!;
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${other}`)).toBe(50);
    expect(await count(Prisma.sql`SELECT 1 FROM message_embeddings WHERE message_id LIKE 'so-%'`)).toBe(3);
    expect(await count(Prisma.sql`SELECT 1 FROM session_summaries WHERE session_id = ${other} AND stale_at IS NULL`)).toBe(1);
    // The id is free again at once.
    expect((await call('POST', `/v3/workspaces/${f.ws}/sessions`, { id: 'big' })).status).toBe(201);
  }, SLOW);

  it('deletes the peer with its messages in every session, its conclusions and orphaned deductions', async () => {
    const f = await seed(['alice', 'bob', 'carol'], ['s1', 's2']);
    await bulkMessages(f, 's1', 'bob', 10, 'pk');
    await bulkMessages(f, 's1', 'alice', BIG / 2, 'pa');
    await bulkMessages(f, 's2', 'alice', BIG / 2, 'pz');
    await summary(f, 's1', 5);
    await summary(f, 's2', 20_000);
    // More held conclusions than one batch, so that step also runs in several transactions.
    await getDb().$executeRaw`
      INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, level, origin, content, token_count)
      SELECT 'held-' || g, ${f.wsId}, ${f.peers.bob}, ${f.peers.alice}, 'explicit', 'api', 'about alice ' || g, 3
      FROM generate_series(1, 4500) g`;
    const fromAlice = await conclusion(f, 'bob', 'carol', { messages: ['pa-7', 'pz-19999'] });
    const deduced = await conclusion(f, 'carol', 'bob', { premises: [fromAlice, 'held-4499'] });
    const deducedTwice = await conclusion(f, 'carol', 'bob', { premises: [deduced] });
    const keepsSource = await conclusion(f, 'bob', 'bob', { messages: ['pa-8', 'pk-1'] });
    const survivor = await conclusion(f, 'carol', 'bob', { premises: [fromAlice, keepsSource] });
    const untouched = await conclusion(f, 'bob', 'carol', { messages: ['pk-2'] });

    await refreshStatistics();
    const started = performance.now();
    const response = await call('DELETE', `/v3/workspaces/${f.ws}/peers/alice`);
    const ms = performance.now() - started;
    console.log(`[large-deletes] ${BIG}-message peer delete on ${database.current.kind}: ${ms.toFixed(0)} ms`);
    expect(response.status).toBe(202);

    const alice = f.peers.alice!;
    expect(await count(Prisma.sql`SELECT 1 FROM peers WHERE id = ${alice}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE peer_id = ${alice}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM message_embeddings WHERE message_id LIKE 'p_-%' AND message_id NOT LIKE 'pk-%'`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM conclusions WHERE observer_id = ${alice} OR observed_id = ${alice}`)).toBe(0);
    const remaining = (await getDb().conclusion.findMany({ where: { workspaceId: f.wsId }, select: { id: true } })).map((c) => c.id);
    expect(remaining.sort()).toEqual([keepsSource, survivor, untouched].sort());
    expect(remaining).not.toContain(deducedTwice);

    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE workspace_id = ${f.wsId}`)).toBe(10);
    expect(await count(Prisma.sql`SELECT 1 FROM message_embeddings WHERE message_id LIKE 'pk-%'`)).toBe(1);
    // s1's summary covers seq ≤ 5, all bob's (seq 1–10), so it stays fresh; s2's covered alice's messages.
    const stale = await getDb().sessionSummary.findMany({ where: { workspaceId: f.wsId }, select: { sessionId: true, staleAt: true } });
    expect(stale.find((s) => s.sessionId === f.sessions.s1)?.staleAt).toBeNull();
    expect(stale.find((s) => s.sessionId === f.sessions.s2)?.staleAt).toBeInstanceOf(Date);
    expect((await call('POST', `/v3/workspaces/${f.ws}/peers`, { id: 'alice' })).status).toBe(201);
  }, SLOW);

  it('finishes a purge interrupted after the mark on a later sweep, and leaves a fresh mark to its request', async () => {
    const f = await seed(['alice', 'bob', 'dave'], ['crashed', 'fresh', 'kept']);
    await bulkMessages(f, 'crashed', 'alice', 3_000, 'cr');
    await bulkMessages(f, 'fresh', 'bob', 10, 'fr');
    await bulkMessages(f, 'kept', 'bob', 10, 'kp');
    await bulkMessages(f, 'kept', 'dave', 2_500, 'dv');
    const now = new Date();
    const longAgo = new Date(now.getTime() - PURGE_GRACE_MS - 1_000);
    // What a process killed right after the mark leaves behind (the mark renames the row out of the wire id's way).
    await getDb().session.update({ where: { id: f.sessions.crashed }, data: { deletedAt: longAgo, name: `crashed.deleted.${f.sessions.crashed}` } });
    await getDb().session.update({ where: { id: f.sessions.fresh }, data: { deletedAt: now, name: `fresh.deleted.${f.sessions.fresh}` } });
    await getDb().peer.update({ where: { id: f.peers.dave }, data: { deletedAt: longAgo, name: `dave.deleted.${f.peers.dave}` } });

    // Invisible at once, although its rows are still there.
    const listed = await call('POST', `/v3/workspaces/${f.ws}/sessions/crashed/messages/list`, {});
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${f.sessions.crashed}`)).toBe(3_000);

    expect(await resumePurges(getDb(), now)).toEqual({ sessions: 1, peers: 1 });
    expect(await count(Prisma.sql`SELECT 1 FROM sessions WHERE id = ${f.sessions.crashed}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${f.sessions.crashed}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM peers WHERE id = ${f.peers.dave}`)).toBe(0);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE peer_id = ${f.peers.dave}`)).toBe(0);
    // The fresh mark is its own request's to finish; the untouched session keeps bob's messages.
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${f.sessions.fresh}`)).toBe(10);
    expect(await count(Prisma.sql`SELECT 1 FROM messages WHERE session_id = ${f.sessions.kept}`)).toBe(10);
    expect(await resumePurges(getDb(), now)).toEqual({ sessions: 0, peers: 0 });
  }, SLOW);
});
