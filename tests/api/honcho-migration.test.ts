// Migration from a Honcho-compatible server (docs/portability.md): the command line's reader pulls a workspace through
// the public v3 routes of a Rapport acting as the source (real route handlers, real database), and its lines are then
// imported into a second database. Peers, sessions, members with their observation settings, messages with ids and
// timestamps, conclusions with their levels and premises, cards and summaries arrive; an interrupted import resumes.
// (tests-server/honcho-migration.server.test.ts does the same between two running production servers.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '@/cli/api-client';
import { asText, honchoWorkspaceLines } from '@/cli/honcho-source';
import { fileLines, importLines } from '@/cli/import-lines';
import { closeDb } from '@/server/db/client';
import { setModelEnginesForTesting } from '@/server/models';
import { APP_BASE_URL, appFetch, call } from '../support/app-fetch';
import { inCreationOrder } from '../support/creation-order';
import { createTestDatabase, provideTestDatabase } from '../support/test-database';
import { createSession, expectOk, runWorker, say, unique, type Json } from '../reasoning/reasoning-fixtures';

process.env.AUTH_DISABLED = 'true';
const database = provideTestDatabase();
const client = apiClient({ baseUrl: APP_BASE_URL, fetch: appFetch as typeof fetch });
let tmp = '';
beforeAll(() => {
  setModelEnginesForTesting(null);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-honcho-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What a Honcho client can see of a workspace, through the same routes, for comparing source and destination. */
async function wireView(ws: string) {
  const list = async (route: string, query = '') =>
    ((await expectOk(await call('POST', `/v3/workspaces/${ws}/${route}?size=100${query}`, {}), 200)).items as Json[]).map((item) => {
      const { workspace_id: _ws, ...rest } = item;
      return rest;
    });
  const peers = inCreationOrder(await list('peers/list'));
  const sessions = inCreationOrder(await list('sessions/list'));
  const messages: Record<string, Json[]> = {};
  const summaries: Record<string, Json> = {};
  const members: Record<string, Json[]> = {};
  for (const s of sessions) {
    messages[s.id as string] = await list(`sessions/${s.id}/messages/list`);
    summaries[s.id as string] = await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/${s.id}/summaries`), 200);
    const page = await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/${s.id}/peers`), 200);
    members[s.id as string] = [];
    for (const p of page.items as Json[]) {
      const config = await expectOk(await call('GET', `/v3/workspaces/${ws}/sessions/${s.id}/peers/${p.id}/config`), 200);
      members[s.id as string]!.push({ peer: p.id, ...config });
    }
  }
  const conclusions = inCreationOrder(await list('conclusions/list'));
  const card = await expectOk(await call('GET', `/v3/workspaces/${ws}/peers/alice/card`), 200);
  const bobAboutAlice = await expectOk(await call('GET', `/v3/workspaces/${ws}/peers/bob/card?target=alice`), 200);
  return { peers, sessions, messages, summaries, members, conclusions, cards: [card, bobAboutAlice] };
}

describe('migration from a Honcho-compatible server', () => {
  const source = unique('honcho-src');
  let lines = '';
  let view: Awaited<ReturnType<typeof wireView>>;

  beforeAll(async () => {
    await createSession(source, 'chat', { alice: {}, bob: { observe_me: false } });
    await say(source, 'chat', [
      { peer_id: 'alice', content: 'I live in Porto with my sister.', created_at: '2025-11-02T09:30:00.250Z' },
      { peer_id: 'bob', content: 'That sounds lovely.' },
      { peer_id: 'alice', content: 'I work as a nurse at the city hospital.' },
      { peer_id: 'alice', content: 'I moved to Lisbon last week for a new job.' },
      ...Array.from({ length: 17 }, (_, i) => ({ peer_id: i % 2 ? 'bob' : 'alice', content: `Small talk number ${i}.` })),
    ]);
    await runWorker();
    await expectOk(await call('POST', `/v3/workspaces/${source}/schedule_dream`, { observer: 'alice', dream_type: 'omni' }), 204);
    await runWorker();
    await expectOk(await call('PUT', `/v3/workspaces/${source}/peers/bob/card?target=alice`, { peer_card: ['Alice is a nurse'] }), 200);
    view = await wireView(source);
    // The source is read through its public routes only, into a file, as the command line would stream it.
    lines = path.join(tmp, 'from-honcho.ndjson');
    const out: string[] = [];
    for await (const line of asText(honchoWorkspaceLines(client, source))) out.push(line);
    fs.writeFileSync(lines, `${out.join('\n')}\n`);
  }, 120_000);

  it('reads every kind the v3 wire carries', () => {
    const types = fs.readFileSync(lines, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('header');
    expect(types.at(-1)).toBe('end');
    expect(types.filter((t) => t === 'message')).toHaveLength(21);
    expect(view.conclusions.length).toBeGreaterThan(0);
    expect(types.filter((t) => t === 'conclusion')).toHaveLength(view.conclusions.length);
    expect(types).toContain('card');
    expect(types).toContain('summary');
  });

  describe('into a second database', () => {
    let second: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    beforeAll(async () => {
      second = await createTestDatabase();
      await closeDb();
      process.env.DATABASE_URL = second.url;
    }, 60_000);
    afterAll(async () => {
      await closeDb();
      process.env.DATABASE_URL = database.current.url;
      await second?.close();
    });

    it('moves the workspace: what a Honcho client reads is the same on both sides, and a rerun resumes', async () => {
      const stop = new AbortController();
      let batches = 0;
      const cut = await importLines(client, source, fileLines(lines), {
        batchLines: 4,
        signal: stop.signal,
        onBatch: () => {
          if ((batches += 1) === 3) stop.abort(new Error('network down'));
        },
      }).catch((e: unknown) => e as Error);
      expect((cut as Error).message).toBe('network down');

      const result = await importLines(client, source, fileLines(lines), { batchLines: 4 });
      expect(result.resumedAfter).toBe(9);
      expect(result.completed).toBe(true);

      const moved = await wireView(source);
      expect(moved.peers).toEqual(view.peers);
      expect(moved.sessions).toEqual(view.sessions);
      expect(moved.messages).toEqual(view.messages);
      expect(moved.messages.chat![0]!.created_at).toBe('2025-11-02T09:30:00.250Z');
      expect(moved.members).toEqual(view.members);
      expect(moved.conclusions).toEqual(view.conclusions);
      expect(moved.conclusions.some((c) => (c.source_ids as string[]).length > 0)).toBe(true);
      expect(moved.cards).toEqual(view.cards);
      expect(moved.summaries).toEqual(view.summaries);
      expect(moved.summaries.chat!.short_summary).not.toBeNull();
    }, 120_000);
  });
});
