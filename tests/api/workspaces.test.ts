// Workspaces over raw HTTP (docs/api.md#s3-2, #s1-5 to #s1-7): get-or-create, list, upsert, delete, and every way a request
// can be refused. Requests go through the real route.ts files in-process, against a real database.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { ensurePeer } from '@/server/services/peers/ensure-peer';
import { ensureSession } from '@/server/services/sessions/ensure-session';
import { ensureWorkspace } from '@/server/services/workspaces/ensure-workspace';
import { call } from '../support/app-fetch';
import { provideTestDatabase } from '../support/test-database';
import { invalid, json, uniqueId } from '../support/http-assertions';

provideTestDatabase();

async function createWorkspace(body: Record<string, unknown>) {
  const response = await call('POST', '/v3/workspaces', body);
  expect([200, 201]).toContain(response.status);
  return json(response);
}

describe('POST /v3/workspaces (get-or-create)', () => {
  it('creates with 201, then returns the stored workspace unchanged with 200', async () => {
    const id = uniqueId('ws');
    const created = await call('POST', '/v3/workspaces', { id, metadata: { plan: 'pro' }, configuration: { reasoning: { enabled: false } } });
    expect(created.status).toBe(201);
    const first = await json(created);
    expect(first).toEqual({
      id,
      metadata: { plan: 'pro' },
      configuration: { reasoning: { enabled: false } },
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
    });

    const again = await call('POST', '/v3/workspaces', { id, metadata: { plan: 'free' }, configuration: { dream: { enabled: false } } });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(first);
  });

  it('accepts `name` as an alias of `id`, and ignores unknown fields', async () => {
    const id = uniqueId('alias');
    const response = await call('POST', '/v3/workspaces', { name: id, whatever: true });
    expect(response.status).toBe(201);
    expect((await json(response)).id).toBe(id);
  });

  it('10 concurrent get-or-creates of one id: exactly one 201 and nine 200, never a 5xx', async () => {
    const id = uniqueId('race');
    const responses = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/v3/workspaces', { id })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => b.created_at)).size).toBe(1);
  });

  it('refuses malformed JSON (400), other media types (415) and a missing body (422)', async () => {
    const malformed = await call('POST', '/v3/workspaces', '{"id": ');
    expect(malformed.status).toBe(400);
    expect(await json(malformed)).toEqual({ detail: 'Malformed JSON body' });

    const text = await call('POST', '/v3/workspaces', JSON.stringify({ id: 'x' }), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(typeof (await json(text)).detail).toBe('string');

    expect(await invalid(await call('POST', '/v3/workspaces'))).toEqual(['body']);
    expect(await invalid(await call('POST', '/v3/workspaces', 'null'))).toEqual(['body']);
  });

  it('validates the id: required, pattern, length, type', async () => {
    expect(await invalid(await call('POST', '/v3/workspaces', {}))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: 'has space' }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: 'a.b' }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: '' }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: 'x'.repeat(513) }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: 42 }))).toEqual(['body.id']);
    expect(await invalid(await call('POST', '/v3/workspaces', { name: 'bad/name' }))).toEqual(['body.name']);
    expect((await createWorkspace({ id: 'x'.repeat(512) })).id).toHaveLength(512);
  });

  it('validates metadata: object, ≤100 keys, depth ≤5; strips NUL characters', async () => {
    expect(await invalid(await call('POST', '/v3/workspaces', { id: uniqueId('m'), metadata: 'text' }))).toEqual(['body.metadata']);
    expect(await invalid(await call('POST', '/v3/workspaces', { id: uniqueId('m'), metadata: [1] }))).toEqual(['body.metadata']);
    const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expect(await invalid(await call('POST', '/v3/workspaces', { id: uniqueId('m'), metadata: tooMany }))).toEqual(['body.metadata']);
    const tooDeep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    expect(await invalid(await call('POST', '/v3/workspaces', { id: uniqueId('m'), metadata: tooDeep }))).toEqual(['body.metadata']);

    const ok = await createWorkspace({
      id: uniqueId('m'),
      metadata: { ...Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])), k0: { b: { c: { d: 'x\u0000y' } } } },
    });
    expect(ok.metadata.k0).toEqual({ b: { c: { d: 'xy' } } });
    expect(Object.keys(ok.metadata)).toHaveLength(100);
  });
});

describe('workspace configuration (docs/api.md#s1-5)', () => {
  const create = (configuration: unknown) => call('POST', '/v3/workspaces', { id: uniqueId('cfg'), configuration });

  it('stores known keys, keeps unknown keys, drops null leaves', async () => {
    const ws = await json(
      await create({
        reasoning: { enabled: true, custom_instructions: 'Be brief.' },
        peer_card: { use: false, create: null },
        summary: { enabled: true, messages_per_short_summary: 10, messages_per_long_summary: 20 },
        dream: null,
        custom: { nested: { value: null, kept: [null, 1] } },
        flag: null,
      }),
    );
    expect(ws.configuration).toEqual({
      reasoning: { enabled: true, custom_instructions: 'Be brief.' },
      peer_card: { use: false },
      summary: { enabled: true, messages_per_short_summary: 10, messages_per_long_summary: 20 },
      custom: { nested: { kept: [null, 1] } },
    });
  });

  it('normalises the legacy deriver switches onto reasoning.enabled', async () => {
    expect((await json(await create({ deriver: { enabled: false } }))).configuration).toEqual({ reasoning: { enabled: false } });
    expect((await json(await create({ skip_deriver: true }))).configuration).toEqual({ reasoning: { enabled: false } });
    expect((await json(await create({ skip_deriver: false }))).configuration).toEqual({});
    expect((await json(await create({ deriver: { enabled: false }, reasoning: { enabled: true } }))).configuration).toEqual({
      reasoning: { enabled: true },
    });
    expect((await json(await create({ deriver: { enabled: true, other: 1 } }))).configuration).toEqual({
      deriver: { other: 1 },
      reasoning: { enabled: true },
    });
  });

  it('refuses wrong types and rule violations with 422 and a path into the configuration', async () => {
    expect(await invalid(await create('on'))).toEqual(['body.configuration']);
    expect(await invalid(await create({ reasoning: true }))).toEqual(['body.configuration.reasoning']);
    expect(await invalid(await create({ reasoning: { enabled: 'yes' } }))).toEqual(['body.configuration.reasoning.enabled']);
    expect(await invalid(await create({ reasoning: { custom_instructions: 'x'.repeat(8_001) } }))).toEqual([
      'body.configuration.reasoning.custom_instructions',
    ]);
    expect(await invalid(await create({ peer_card: { use: 1 } }))).toEqual(['body.configuration.peer_card.use']);
    expect(await invalid(await create({ summary: { messages_per_short_summary: 9 } }))).toEqual([
      'body.configuration.summary.messages_per_short_summary',
    ]);
    expect(await invalid(await create({ summary: { messages_per_long_summary: 19 } }))).toEqual([
      'body.configuration.summary.messages_per_long_summary',
    ]);
    expect(await invalid(await create({ summary: { messages_per_short_summary: 10.5 } }))).toEqual([
      'body.configuration.summary.messages_per_short_summary',
    ]);
    expect(await invalid(await create({ summary: { messages_per_short_summary: 30, messages_per_long_summary: 30 } }))).toEqual([
      'body.configuration.summary.messages_per_long_summary',
    ]);
    expect(await invalid(await create({ dream: { enabled: 'no' } }))).toEqual(['body.configuration.dream.enabled']);
    expect(await invalid(await create({ deriver: { enabled: 1 } }))).toEqual(['body.configuration.deriver.enabled']);
    expect(await invalid(await create({ skip_deriver: 'yes' }))).toEqual(['body.configuration.skip_deriver']);
  });

  it('accepts custom instructions up to the estimated-token limit', async () => {
    const ws = await json(await create({ reasoning: { custom_instructions: 'x'.repeat(8_000) } }));
    expect(ws.configuration.reasoning.custom_instructions).toHaveLength(8_000);
  });
});

describe('PUT /v3/workspaces/{workspace_id}', () => {
  it('creates a missing workspace (upsert)', async () => {
    const id = uniqueId('put');
    const response = await call('PUT', `/v3/workspaces/${id}`, { metadata: { a: 1 }, configuration: { dream: { enabled: false } } });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ id, metadata: { a: 1 }, configuration: { dream: { enabled: false } } });
    expect((await call('POST', '/v3/workspaces', { id })).status).toBe(200);
  });

  it('replaces metadata, shallow-merges configuration, leaves omitted or null fields unchanged', async () => {
    const id = uniqueId('merge');
    await createWorkspace({
      id,
      metadata: { a: 1, b: 2 },
      configuration: { reasoning: { enabled: false, custom_instructions: 'x' }, dream: { enabled: false }, custom: 1 },
    });

    const merged = await json(await call('PUT', `/v3/workspaces/${id}`, { metadata: { c: 3 }, configuration: { reasoning: { enabled: true }, extra: 'e' } }));
    expect(merged.metadata).toEqual({ c: 3 });
    expect(merged.configuration).toEqual({ reasoning: { enabled: true }, dream: { enabled: false }, custom: 1, extra: 'e' });

    const untouched = await json(await call('PUT', `/v3/workspaces/${id}`, { metadata: null }));
    expect(untouched).toEqual(merged);
    expect(await json(await call('PUT', `/v3/workspaces/${id}`, {}))).toEqual(merged);

    // A null top-level key is a null leaf: not stored, so the stored section stays.
    const nullKey = await json(await call('PUT', `/v3/workspaces/${id}`, { configuration: { dream: null } }));
    expect(nullKey.configuration).toEqual(merged.configuration);

    const emptied = await json(await call('PUT', `/v3/workspaces/${id}`, { metadata: {} }));
    expect(emptied.metadata).toEqual({});
  });

  it('validates the path id (it can create), the body and the configuration', async () => {
    expect(await invalid(await call('PUT', '/v3/workspaces/bad.id', {}))).toEqual(['path.workspace_id']);
    expect(await invalid(await call('PUT', `/v3/workspaces/${'x'.repeat(513)}`, {}))).toEqual(['path.workspace_id']);
    // A percent-escaped `%` is decoded once (by Next) and refused by the id pattern, not decoded again into a 500.
    expect(await invalid(await call('PUT', '/v3/workspaces/50%25off', {}))).toEqual(['path.workspace_id']);
    expect(await invalid(await call('PUT', '/v3/workspaces/%25E0%25A4%25A', {}))).toEqual(['path.workspace_id']);
    const id = uniqueId('putv');
    expect(await invalid(await call('PUT', `/v3/workspaces/${id}`))).toEqual(['body']);
    expect(await invalid(await call('PUT', `/v3/workspaces/${id}`, { metadata: 5 }))).toEqual(['body.metadata']);
    expect(await invalid(await call('PUT', `/v3/workspaces/${id}`, { configuration: { summary: { messages_per_short_summary: 50, messages_per_long_summary: 40 } } }))).toEqual([
      'body.configuration.summary.messages_per_long_summary',
    ]);
    expect((await call('PUT', `/v3/workspaces/${id}`, '{oops')).status).toBe(400);
    expect((await call('PUT', `/v3/workspaces/${id}`, '{}', { 'content-type': 'application/xml' })).status).toBe(415);
    // Nothing was created by the refused requests.
    expect((await call('POST', '/v3/workspaces', { id })).status).toBe(201);
  });

  it('PUT and DELETE /v3/workspaces/list fall through to the workspace named "list"', async () => {
    const put = await call('PUT', '/v3/workspaces/list', { metadata: { named: 'list' } });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ id: 'list', metadata: { named: 'list' } });
    const del = await call('DELETE', '/v3/workspaces/list');
    expect(del.status).toBe(202);
    expect((await call('DELETE', '/v3/workspaces/list')).status).toBe(404);
  });
});

describe('POST /v3/workspaces/list', () => {
  const suite = uniqueId('walk');
  const ids: string[] = [];

  async function list(body: unknown, query = '') {
    const response = await call('POST', `/v3/workspaces/list${query}`, body);
    expect(response.status).toBe(200);
    return json(response);
  }

  it('walks every page in creation order, echoes page and size, and answers past the end', async () => {
    for (let i = 0; i < 7; i += 1) ids.push((await createWorkspace({ id: `${suite}-${i}`, metadata: { suite, i } })).id);
    const filters = { metadata: { suite } };

    const seen: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const result = await list({ filters }, `?page=${page}&size=3`);
      expect(result).toMatchObject({ total: 7, page, size: 3, pages: 3 });
      seen.push(...result.items.map((w: { id: string }) => w.id));
    }
    expect(seen).toEqual(ids);

    expect(await list({ filters }, '?page=4&size=3')).toEqual({ items: [], total: 7, page: 4, size: 3, pages: 3 });
    const reversed = await list({ filters }, '?size=100&reverse=true');
    expect(reversed.items.map((w: { id: string }) => w.id)).toEqual([...ids].reverse());
    expect(reversed).toMatchObject({ page: 1, size: 100, pages: 1 });

    const defaults = await list({ filters });
    expect(defaults).toMatchObject({ page: 1, size: 50, total: 7, pages: 1 });
    const empty = await list({ filters: { metadata: { suite: 'nothing-here' } } });
    expect(empty).toEqual({ items: [], total: 0, page: 1, size: 50, pages: 0 });
  });

  it('treats no body, {}, null and {"filters": null} alike', async () => {
    const totals = new Set<number>();
    for (const body of [undefined, {}, null, { filters: null }, { filters: {} }]) {
      const response = await call('POST', '/v3/workspaces/list?size=1', body === null ? 'null' : body);
      expect(response.status).toBe(200);
      totals.add((await response.json()).total);
    }
    expect(totals.size).toBe(1);
  });

  it('filters on id, created_at and metadata', async () => {
    const byId = await list({ filters: { id: { in: [ids[1], ids[4]] } } });
    expect(byId.items.map((w: { id: string }) => w.id)).toEqual([ids[1], ids[4]]);
    const byMeta = await list({ filters: { metadata: { suite, i: { gte: 5 } } } });
    expect(byMeta.items.map((w: { id: string }) => w.id)).toEqual([ids[5], ids[6]]);
    const future = await list({ filters: { metadata: { suite }, created_at: { gt: '2999-01-01' } } });
    expect(future.total).toBe(0);
    const past = await list({ filters: { metadata: { suite }, created_at: { gte: '2000-01-01T00:00:00Z' } } });
    expect(past.total).toBe(7);
    const contains = await list({ filters: { id: { contains: `${suite}-3` } } });
    expect(contains.items.map((w: { id: string }) => w.id)).toEqual([ids[3]]);
  });

  it('refuses bad filters and bad pagination with 422', async () => {
    expect(await invalid(await call('POST', '/v3/workspaces/list', { filters: { peer_id: 'x' } }))).toEqual(['body.filters.peer_id']);
    expect(await invalid(await call('POST', '/v3/workspaces/list', { filters: 'id' }))).toEqual(['body.filters']);
    expect(await invalid(await call('POST', '/v3/workspaces/list', { filters: { AND: {} } }))).toEqual(['body.filters.AND']);
    expect(await invalid(await call('POST', '/v3/workspaces/list', { filters: { created_at: 'yesterday' } }))).toEqual([
      'body.filters.created_at',
    ]);
    expect(await invalid(await call('POST', '/v3/workspaces/list?page=0', {}))).toEqual(['query.page']);
    expect(await invalid(await call('POST', '/v3/workspaces/list?size=0', {}))).toEqual(['query.size']);
    expect(await invalid(await call('POST', '/v3/workspaces/list?size=101', {}))).toEqual(['query.size']);
    expect(await invalid(await call('POST', '/v3/workspaces/list?size=ten', {}))).toEqual(['query.size']);
    expect(await invalid(await call('POST', '/v3/workspaces/list?reverse=maybe', {}))).toEqual(['query.reverse']);
    expect((await call('POST', '/v3/workspaces/list', '{"filters":')).status).toBe(400);
    expect((await call('POST', '/v3/workspaces/list', '{}', { 'content-type': 'text/csv' })).status).toBe(415);
  });
});

describe('DELETE /v3/workspaces/{workspace_id}', () => {
  it('answers 202 with a JSON message, then nothing in the workspace remains', async () => {
    const id = uniqueId('del');
    await createWorkspace({ id, metadata: { doomed: true } });
    const db = getDb();
    const { workspace } = await ensureWorkspace(db, id);
    await ensurePeer(db, workspace.id, 'alice');
    const { session } = await ensureSession(db, workspace.id, 'gone');
    await db.session.update({ where: { id: session.id }, data: { deletedAt: new Date() } });

    const response = await call('DELETE', `/v3/workspaces/${id}`);
    expect(response.status).toBe(202);
    expect(await json(response)).toEqual({ message: 'Workspace deletion accepted' });

    expect(await db.workspace.count({ where: { name: id } })).toBe(0);
    expect(await db.peer.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db.session.count({ where: { workspaceId: workspace.id } })).toBe(0);
    const listed = await json(await call('POST', '/v3/workspaces/list', { filters: { id } }));
    expect(listed.total).toBe(0);

    // Deleting again is a 404; the id is free for a new workspace at once.
    const again = await call('DELETE', `/v3/workspaces/${id}`);
    expect(again.status).toBe(404);
    expect(await json(again)).toEqual({ detail: `Workspace ${id} not found` });
    const recreated = await call('POST', '/v3/workspaces', { id });
    expect(recreated.status).toBe(201);
    expect((await json(recreated)).metadata).toEqual({});
  });

  it('is 409 while a live session exists', async () => {
    const id = uniqueId('busy');
    await createWorkspace({ id });
    const db = getDb();
    const { workspace } = await ensureWorkspace(db, id);
    await ensureSession(db, workspace.id, 'live');

    const response = await call('DELETE', `/v3/workspaces/${id}`);
    expect(response.status).toBe(409);
    expect(await json(response)).toEqual({ detail: 'Cannot delete workspace with active sessions. Delete all sessions first.' });
    expect((await call('POST', '/v3/workspaces', { id })).status).toBe(200);
  });

  it('is 404 JSON for unknown and invalid ids, and ignores a body', async () => {
    const missing = await call('DELETE', '/v3/workspaces/never-existed', { ignored: true });
    expect(missing.status).toBe(404);
    expect(typeof (await json(missing)).detail).toBe('string');
    expect((await call('DELETE', '/v3/workspaces/not.valid')).status).toBe(404);
  });
});
