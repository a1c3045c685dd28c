// Whole-workspace export and import (docs/portability.md), in-process against the real route handlers and real
// databases, with the command line's own client code: a workspace with derived and dreamt conclusions, cards,
// summaries, a scope and a webhook is exported, imported into a second database (ids, timestamps, provenance,
// premises and embeddings reproduced exactly, nothing derived again), imported again (a no-op), imported after an
// interruption (resumed where it stopped), and refused where it must be: a non-empty workspace, ids owned by another
// workspace, a different export, gaps, malformed lines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '@/cli/api-client';
import { exportToFile } from '@/cli/export-to-file';
import { fileLines, importLines } from '@/cli/import-lines';
import { closeDb, getDb } from '@/server/db/client';
import { setModelEnginesForTesting } from '@/server/models';
import { exportStream, openWorkspaceExport } from '@/server/services/portability/export-workspace';
import { APP_BASE_URL, appFetch, call } from '../support/app-fetch';
import { createTestDatabase, provideTestDatabase } from '../support/test-database';
import { createSession, expectOk, runWorker, say, unique } from '../reasoning/reasoning-fixtures';

process.env.AUTH_DISABLED = 'true';
process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'false';
const database = provideTestDatabase();
const client: ApiClient = apiClient({ baseUrl: APP_BASE_URL, fetch: appFetch as typeof fetch });
let tmp = '';

beforeAll(() => {
  setModelEnginesForTesting(null);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-portability-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Line = Record<string, unknown> & { type: string };
const readLines = (file: string): Line[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

/** A workspace with everything an export carries, built through the API and the real worker. */
async function seedWorkspace(ws: string): Promise<void> {
  await expectOk(await call('POST', '/v3/workspaces', { id: ws, metadata: { plan: 'pro' }, configuration: { reasoning: { enabled: true } } }), 201);
  await expectOk(await call('POST', `/v3/workspaces/${ws}/peers`, { id: 'alice', metadata: { name: 'Alice' }, configuration: { observe_me: true } }), 201);
  await createSession(ws, 's1', { alice: {}, bob: { observe_others: true } });
  await expectOk(await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's2', peers: { alice: {} }, scopes: ['therapy'] }), 201);
  const lines = [
    'I live in Porto with my sister.',
    'I work as a nurse at the city hospital.',
    'I really like hiking in the mountains.',
    'I moved to Lisbon last week for a new job.',
  ];
  const chatter = Array.from({ length: 18 }, (_, i) => ({ peer_id: i % 2 ? 'bob' : 'alice', content: `Message number ${i} about the weekend plans.` }));
  await say(ws, 's1', [
    ...lines.slice(0, 2).map((content) => ({ peer_id: 'alice', content, created_at: '2026-01-05T10:00:00.123Z' })),
    ...chatter,
  ]);
  await say(ws, 's2', lines.slice(2).map((content) => ({ peer_id: 'alice', content })));
  await runWorker();
  await expectOk(await call('POST', `/v3/workspaces/${ws}/schedule_dream`, { observer: 'alice', dream_type: 'omni' }), 204);
  await runWorker();
  await expectOk(await call('PUT', `/v3/workspaces/${ws}/peers/bob/card?target=alice`, { peer_card: ['Alice is a nurse'] }), 200);
  await expectOk(await call('POST', `/v3/workspaces/${ws}/webhooks`, { url: 'https://example.com/hooks/rapport' }), 201);
  await expectOk(await call('DELETE', `/v3/workspaces/${ws}/sessions/s1/peers`, ['bob']), 200);
}

function byType(lines: Line[]): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  for (const line of lines) out.set(line.type, [...(out.get(line.type) ?? []), line]);
  return out;
}

/** Lines comparable across workspaces: the header's time and workspace id differ, and non-message kinds are keyset-ordered by internal ids. */
function comparable(lines: Line[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [type, group] of byType(lines)) {
    if (type === 'header') continue;
    const texts = group.map((l) => JSON.stringify(type === 'workspace' ? { ...l, id: '-' } : l));
    out[type] = type === 'message' ? texts : texts.sort();
  }
  return out;
}

const source = unique('port-src');
let exported = '';
let exportedWithEmbeddings = '';

describe('workspace export', () => {
  beforeAll(async () => {
    await seedWorkspace(source);
    exported = path.join(tmp, 'plain.ndjson');
    exportedWithEmbeddings = path.join(tmp, 'embeddings.ndjson');
    await exportToFile(client, source, exported);
    await exportToFile(client, source, exportedWithEmbeddings, { embeddings: true });
  }, 120_000);

  it('starts with a header whose counts match the lines, and ends with the line count', () => {
    const lines = readLines(exported);
    const header = lines[0]!;
    expect(header).toMatchObject({ type: 'header', format: 'rapport.workspace-export/1', workspace_id: source, embeddings: false });
    const groups = byType(lines);
    const counts = header.counts as Record<string, number>;
    expect(groups.get('message')?.length).toBe(counts.messages);
    expect(counts.messages).toBe(22);
    expect(groups.get('conclusion')?.length).toBe(counts.conclusions);
    expect(groups.get('peer')?.length).toBe(counts.peers);
    expect(groups.get('membership')?.length).toBe(counts.memberships);
    expect(groups.get('summary')?.length).toBe(counts.summaries);
    expect(groups.get('card')?.length).toBe(counts.cards);
    expect(groups.get('webhook')?.length).toBe(1);
    expect(lines.at(-1)).toEqual({ type: 'end', lines: lines.length - 1 });
    expect(lines[1]).toMatchObject({ type: 'workspace', id: source, metadata: { plan: 'pro' }, configuration: { reasoning: { enabled: true } } });
  });

  it('carries what the workspace knows: scopes, memberships that ended, premises, message links, cards, summaries', () => {
    const groups = byType(readLines(exported));
    expect(groups.get('peer')!.map((p) => `${p.id}:${p.kind}`).sort()).toEqual(['alice:peer', 'bob:peer', 'scope.therapy:scope']);
    const bob = groups.get('membership')!.find((m) => m.peer_id === 'bob')!;
    expect(bob.left_at).not.toBeNull();
    expect(bob.observe_others).toBe(true);
    expect(groups.get('membership')!.some((m) => m.peer_id === 'scope.therapy' && m.session_id === 's2')).toBe(true);
    expect(groups.get('scope_backfill')!.map((b) => `${b.scope_peer_id}/${b.session_id}`)).toEqual(['scope.therapy/s2']);
    const conclusions = groups.get('conclusion')!;
    const derived = conclusions.filter((c) => c.origin === 'deriver');
    expect(derived.length).toBeGreaterThan(0);
    expect(derived.every((c) => (c.message_ids as string[]).length > 0)).toBe(true);
    const premised = conclusions.filter((c) => (c.source_ids as string[]).length > 0);
    expect(premised.length).toBeGreaterThan(0);
    expect(premised[0]!.level).not.toBe('explicit');
    expect(groups.get('card')!.some((c) => c.observer_id === 'bob' && c.observed_id === 'alice')).toBe(true);
    expect(groups.get('summary')!.map((s) => s.kind)).toContain('short');
    // Microseconds survive: the client-supplied time comes back exactly, with six digits.
    const first = groups.get('message')![0]!;
    expect(first.created_at).toBe('2026-01-05T10:00:00.123000Z');
    expect(groups.get('webhook')![0]).not.toHaveProperty('secret');
  });

  it('includes embeddings only when asked', () => {
    const plain = byType(readLines(exported)).get('message')!;
    expect(plain.every((m) => !('embeddings' in m))).toBe(true);
    const rich = byType(readLines(exportedWithEmbeddings));
    expect(rich.get('message')!.every((m) => (m.embeddings as unknown[]).length > 0)).toBe(true);
    expect(rich.get('conclusion')!.every((c) => (c.embedding as { values: number[] }).values.length === 8)).toBe(true);
  });

  it('stops reading pages once the request is aborted', async () => {
    const abort = new AbortController();
    const lines = (await openWorkspaceExport(source, { embeddings: false, pageSize: 1, signal: abort.signal }))[Symbol.asyncIterator]();
    expect((await lines.next()).value).toMatchObject({ type: 'header' });
    expect((await lines.next()).value).toMatchObject({ type: 'workspace' });
    expect((await lines.next()).value).toMatchObject({ type: 'peer' });
    abort.abort(new Error('client went away'));
    await expect(lines.next()).rejects.toThrow('client went away');

    // The byte stream of an aborted request errors instead of closing as if the export were complete.
    const gone = new AbortController();
    const reader = exportStream(await openWorkspaceExport(source, { embeddings: false, signal: gone.signal }), gone.signal).getReader();
    gone.abort(new Error('client went away'));
    await expect(reader.read()).rejects.toThrow('client went away');
  });

  it('answers 404 for an unknown workspace', async () => {
    const response = await call('GET', `/v3/workspaces/${unique('nope')}/export`);
    expect(response.status).toBe(404);
    expect((await response.json()).detail).toMatch(/not found/);
  });
});

describe('workspace import on the same server', () => {
  it('refuses ids that another workspace owns, naming the line', async () => {
    const target = unique('port-copy');
    const error = await importLines(client, target, fileLines(exported)).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as { status?: number }).status).toBe(409);
    expect((error as Error).message).toMatch(/line \d+: id \S+ already belongs to another workspace/);
  });

  it('refuses a workspace that already has data', async () => {
    const target = unique('port-busy');
    await expectOk(await call('POST', `/v3/workspaces/${target}/peers`, { id: 'carol' }), 201);
    const header = fs.readFileSync(exported, 'utf8').split('\n')[0]!;
    const response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [header] });
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toBe(`Workspace ${target} is not empty; import into a new or empty workspace`);
  });

  it('names the malformed line and applies nothing of its batch', async () => {
    const target = unique('port-bad');
    const text = fs.readFileSync(exported, 'utf8').split('\n');
    const header = text[0]!;
    expectOk(await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [header] }), 200);
    let response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 2, lines: [text[1]!, '{"type":"peer",'] });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toBe('line 3: not valid JSON');
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 2, lines: [text[1]!, '{"type":"planet","id":"x"}'] });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toMatch(/^line 3: type: /);
    response = await call('POST', `/v3/workspaces/${target}/import`, {
      first_line: 2,
      lines: [JSON.stringify({ type: 'membership', session_id: 'ghost', peer_id: 'alice', observe_me: null, observe_others: null, joined_at: '2026-01-01T00:00:00Z', left_at: null, created_at: '2026-01-01T00:00:00Z' })],
    });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toBe('line 2: session ghost is not in the import (its line must come first)');
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 2, lines: [header] });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toBe('line 2: a header may only be line 1');
    // Nothing of the refused batches was written: the workspace line (line 2) is still unapplied.
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: target } });
    expect(workspace.metadata).toEqual({});
    // A batch past the acknowledged line would leave a gap.
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 5, lines: [text[4]!] });
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toBe('Lines 2–4 have not been imported; resume at line 2');
  });

  it('refuses a different export into a workspace that is importing one, and batches before any header', async () => {
    const target = unique('port-other');
    const header = JSON.parse(fs.readFileSync(exported, 'utf8').split('\n')[0]!) as Line;
    let response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 2, lines: ['{"type":"end","lines":1}'] });
    expect(response.status).toBe(404);
    expectOk(await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [JSON.stringify(header)] }), 200);
    const other = { ...header, exported_at: '2020-01-01T00:00:00.000Z' };
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [JSON.stringify(other)] });
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toMatch(/is importing the export of .* not this one/);
    const fresh = unique('port-noheader');
    await expectOk(await call('POST', '/v3/workspaces', { id: fresh }), 201);
    response = await call('POST', `/v3/workspaces/${fresh}/import`, { first_line: 2, lines: ['{"type":"end","lines":1}'] });
    expect(response.status).toBe(409);
    expect((await response.json()).detail).toBe(`Workspace ${fresh} has no import in progress; send the export's header (line 1) first`);
  });

  it('validates the body: at most 1000 lines, first_line ≥ 1', async () => {
    const target = unique('port-body');
    let response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 0, lines: ['{}'] });
    expect(response.status).toBe(422);
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: Array.from({ length: 1001 }, () => '{}') });
    expect(response.status).toBe(422);
    response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [] });
    expect(response.status).toBe(422);
  });
});

describe('workspace import into a second database', () => {
  const target = 'restored';
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

  it('reproduces every line (ids, timestamps, provenance, premises, embeddings) and queues no derivation', async () => {
    const total = readLines(exportedWithEmbeddings).length;
    const result = await importLines(client, target, fileLines(exportedWithEmbeddings), { batchLines: 7 });
    expect(result).toMatchObject({ imported_through: total, completed: true, resumedAfter: 1 });

    const again = path.join(tmp, 'again.ndjson');
    await exportToFile(client, target, again, { embeddings: true });
    expect(comparable(readLines(again))).toEqual(comparable(readLines(exportedWithEmbeddings)));
    const [header] = readLines(again);
    expect(header!.counts).toEqual(readLines(exportedWithEmbeddings)[0]!.counts);

    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: target } });
    const work = await getDb().workItem.groupBy({ by: ['kind'], where: { workspaceId: workspace.id }, _count: true });
    expect(work).toEqual([]);
    // Search works at once over the imported vectors, and a new message continues the session's numbering.
    const search = await expectOk(await call('POST', `/v3/workspaces/${target}/search`, { query: 'nurse hospital' }), 200);
    expect((search as unknown as { content: string }[]).some((m) => m.content.includes('nurse'))).toBe(true);
    await say(target, 's2', [{ peer_id: 'alice', content: 'A new message after the import.' }]);
    const seqs = await getDb().message.findMany({ where: { workspaceId: workspace.id, session: { name: 's2' } }, orderBy: { seq: 'asc' }, select: { seq: true } });
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3]);
  }, 120_000);

  it('is a no-op when run again', async () => {
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: target } });
    const before = await getDb().message.count({ where: { workspaceId: workspace.id } });
    const applied: number[] = [];
    const result = await importLines(client, target, fileLines(exportedWithEmbeddings), { onBatch: (_n, p) => applied.push(p.applied) });
    expect(result.completed).toBe(true);
    expect(applied).toEqual([0]);
    expect(await getDb().message.count({ where: { workspaceId: workspace.id } })).toBe(before);
    // Sent again line by line, every batch is acknowledged and writes nothing.
    const lines = fs.readFileSync(exportedWithEmbeddings, 'utf8').split('\n').filter(Boolean);
    const replay = await expectOk(await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: lines.slice(0, 40) }), 200);
    expect(replay.applied).toBe(0);
  });

  it('resumes an interrupted import after the last acknowledged line and queues embeddings that were not exported', async () => {
    // The same ids cannot live in two workspaces of one database: the copy above moves out first.
    await getDb().$executeRaw`DELETE FROM workspaces WHERE name = ${target}`;
    const resumed = 'resumed';
    const stop = new AbortController();
    const firstRun: number[] = [];
    const interrupted = await importLines(client, resumed, fileLines(exported), {
      batchLines: 5,
      signal: stop.signal,
      onBatch: (first) => {
        firstRun.push(first);
        if (firstRun.length === 4) stop.abort(new Error('connection lost'));
      },
    }).catch((e: unknown) => e as Error);
    expect((interrupted as Error).message).toBe('connection lost');
    expect(firstRun).toEqual([1, 2, 7, 12]);

    const secondRun: number[] = [];
    const result = await importLines(client, resumed, fileLines(exported), { batchLines: 5, onBatch: (first) => secondRun.push(first) });
    expect(result.resumedAfter).toBe(16);
    expect(secondRun.slice(0, 2)).toEqual([1, 17]);
    expect(result.completed).toBe(true);

    const again = path.join(tmp, 'resumed.ndjson');
    await exportToFile(client, resumed, again);
    expect(comparable(readLines(again))).toEqual(comparable(readLines(exported)));
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { name: resumed } });
    const kinds = await getDb().workItem.findMany({ where: { workspaceId: workspace.id }, select: { kind: true, payload: true } });
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(['embedding']));
    const messageIds = kinds.flatMap((k) => ((k.payload as { message_ids?: string[] }).message_ids ?? []));
    expect(messageIds.length).toBe(22);
    await runWorker();
    expect(await getDb().messageEmbedding.count({ where: { workspaceId: workspace.id } })).toBeGreaterThanOrEqual(22);
    expect(await getDb().conclusionEmbedding.count({ where: { workspaceId: workspace.id } })).toBe(
      await getDb().conclusion.count({ where: { workspaceId: workspace.id } }),
    );
  }, 120_000);
});
