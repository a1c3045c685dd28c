// When conclusion search ranks within its scope from the start (search-conclusion-rows.ts): a session list always, a
// peer's view only while it holds at most SMALL_SCOPE_ROWS live conclusions, the whole workspace never.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { conclusionScope, isSmallConclusionScope, SMALL_SCOPE_ROWS, type ConclusionSearchScope } from '@/server/services/search/search-conclusion-rows';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';
import { addMessages, internalIds } from './retrieval-fixtures';

provideTestDatabase();

describe('narrow conclusion scopes', () => {
  let workspaceId = '';
  let peers: Record<string, string> = {};
  let sessions: Record<string, string> = {};

  beforeAll(async () => {
    const ws = uniqueId('conclusion-scope');
    await addMessages(ws, 's1', [{ peer_id: 'alice', content: 'I like tea' }, { peer_id: 'bob', content: 'So do I' }]);
    ({ workspaceId, peerIds: peers, sessionIds: sessions } = await internalIds(ws, ['alice', 'bob'], ['s1']));
    const add = async (peer: string, n: number, superseded = false) => getDb().$executeRaw`
      INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, level, origin, content, token_count, superseded_at)
      SELECT ${`${peer}-`} || g || ${superseded ? '-old' : ''}, ${workspaceId}, ${peers[peer]!}, ${peers[peer]!},
             'explicit'::conclusion_level, 'deriver'::conclusion_origin, 'likes tea ' || g, 3, ${superseded ? new Date() : null}::timestamptz
      FROM generate_series(1, ${n}) g`;
    await add('alice', 3);
    // Superseded conclusions are not in the scope: alice's view stays small with many of them.
    await add('alice', SMALL_SCOPE_ROWS + 5, true);
    await add('bob', SMALL_SCOPE_ROWS + 1);
  });

  const small = (scope: Omit<ConclusionSearchScope, 'workspaceId'>) => {
    const full = { workspaceId, ...scope };
    return isSmallConclusionScope(getDb(), full, conclusionScope(full));
  };

  it('ranks a small view within itself and a view past the bound by the workspace first', async () => {
    expect(await small({ observerId: peers.alice, observedId: peers.alice })).toBe(true);
    expect(await small({ observerId: peers.bob, observedId: peers.bob })).toBe(false);
    expect(await small({ observedId: peers.bob, levels: ['explicit'] })).toBe(false);
    expect(await small({ observedId: peers.bob, levels: ['deductive'] })).toBe(true);
  });

  it('always ranks a session list within itself, and never the whole workspace', async () => {
    expect(await small({ sessionIds: [sessions.s1!] })).toBe(true);
    expect(await small({})).toBe(false);
  });
});
