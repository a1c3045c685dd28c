// The one-statement append (docs/ingest.md) plans a write from what resolving its target read, and writes only if
// none of that changed since: otherwise it inserts nothing, consumes no sequence number, and the write takes the
// locking path, which plans from the state under the lock.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { newPublicId } from '@/server/services/ids';
import { appendIfUnchanged } from '@/server/services/messages/append-if-unchanged';
import { createMessages } from '@/server/services/messages/create-messages';
import { resolveWriteTarget } from '@/server/services/messages/resolve-write-target';
import { setSessionPeerConfig } from '@/server/services/sessions/set-session-peer-config';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';

provideTestDatabase();

async function readTarget(ws: string) {
  const target = await resolveWriteTarget(getDb(), ws, 's', ['alice']);
  expect(target.state).toBeDefined();
  return { ...target, state: target.state! };
}

function draft(target: Awaited<ReturnType<typeof readTarget>>) {
  return { id: newPublicId(), peerId: target.peerIds.get('alice')!, content: 'hello', tokenCount: 1, metadata: {}, configuration: {}, createdAt: null };
}

const lastSeq = async (ws: string) =>
  (await getDb().session.findFirstOrThrow({ where: { name: 's', workspace: { name: ws } } })).lastSeq;

describe('the guarded one-statement append', () => {
  it('writes when nothing changed since the read', async () => {
    const ws = uniqueId('guard');
    await createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'alice', content: 'hi' }, { peer_id: 'bob', content: 'yo' }]);
    const target = await readTarget(ws);
    const appended = await appendIfUnchanged(getDb(), target, ['alice'], [draft(target), draft(target)]);
    expect(appended?.firstSeq).toBe(3);
    expect(appended?.rows).toHaveLength(2);
    expect(await lastSeq(ws)).toBe(4);
  });

  it('writes nothing when membership, another write or the workspace changed after the read', async () => {
    const ws = uniqueId('guard');
    const db = getDb();
    await createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'alice', content: 'hi' }, { peer_id: 'bob', content: 'yo' }]);

    // bob starts observing others after alice's write was planned.
    let target = await readTarget(ws);
    await setSessionPeerConfig(ws, 's', 'bob', { observe_others: true });
    expect(await appendIfUnchanged(db, target, ['alice'], [draft(target)])).toBeNull();
    expect(await lastSeq(ws)).toBe(2);
    // The write itself falls back to the locking path, which sees bob as an observer.
    const [written] = await createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'alice', content: 'again' }]);
    const item = await db.workItem.findFirstOrThrow({ where: { messageId: written!.id, kind: 'derivation' } });
    expect(item.observerIds).toEqual([target.peerIds.get('alice'), (await db.peer.findFirstOrThrow({ where: { name: 'bob', workspaceId: target.workspaceId } })).id]);
    expect(await lastSeq(ws)).toBe(3);

    // Another write landed in between: its sequence numbers are taken.
    target = await readTarget(ws);
    await createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'bob', content: 'me first' }]);
    expect(await appendIfUnchanged(db, target, ['alice'], [draft(target)])).toBeNull();
    expect(await lastSeq(ws)).toBe(4);

    // The workspace configuration changed (reasoning switched off).
    target = await readTarget(ws);
    await db.workspace.update({ where: { id: target.workspaceId }, data: { configuration: { reasoning: { enabled: false } } } });
    expect(await appendIfUnchanged(db, target, ['alice'], [draft(target)])).toBeNull();
    expect(await lastSeq(ws)).toBe(4);
    expect(await db.message.count({ where: { sessionId: target.sessionId } })).toBe(4);
  });

  it('starts a repeated write from what the previous one left, and reads again when another writer got there first', async () => {
    const ws = uniqueId('guard');
    const db = getDb();
    const write = (content: string) => createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'alice', content }]);
    await write('one');
    await write('two'); // from the state the first write left behind
    // Another process (this append does not update this process's cache) writes in between.
    const target = await readTarget(ws);
    expect(await appendIfUnchanged(db, target, ['alice'], [draft(target)])).not.toBeNull();
    // The cached state is stale now: the guard refuses it and the write reads again.
    await bob(ws, true);
    const [last] = await write('four');
    const rows = await db.message.findMany({ where: { sessionId: target.sessionId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.content])).toEqual([[1, 'one'], [2, 'two'], [3, 'hello'], [4, 'bob'], [5, 'four']]);
    expect(await lastSeq(ws)).toBe(5);
    // bob joined and observes others, so alice's newest message lists him as an observer.
    const item = await db.workItem.findFirstOrThrow({ where: { messageId: last!.id, kind: 'derivation' } });
    expect(item.observerIds).toHaveLength(2);
  });
});

/** bob writes once, then (optionally) starts observing others. */
async function bob(ws: string, observeOthers: boolean): Promise<void> {
  await createMessages({ workspace: ws, session: 's' }, [{ peer_id: 'bob', content: 'bob' }]);
  if (observeOthers) await setSessionPeerConfig(ws, 's', 'bob', { observe_others: true });
}
