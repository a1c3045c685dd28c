// Apps and stored API keys: a developer reaches only their organization's apps and keys; keys are stored as
// hashes; revocation is immediate; unowned workspaces (created through the API) can be adopted by the operator only.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { createApp } from '@/server/services/apps/create-app';
import { getApp, listApps } from '@/server/services/apps/list-apps';
import { deleteApp } from '@/server/services/apps/delete-app';
import { renameApp } from '@/server/services/apps/rename-app';
import { getOrCreateSession } from '@/server/services/sessions/get-or-create-session';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { authenticateStoredKey } from '@/server/services/auth/stored-key';
import { ConflictError, InvalidInputError, NotFoundError, UnauthorizedError } from '@/server/services/errors';
import { hashApiKey, looksLikeApiKey } from '@/server/services/keys/api-key-format';
import { createApiKey } from '@/server/services/keys/create-api-key';
import { listApiKeys } from '@/server/services/keys/list-api-keys';
import { revokeApiKey } from '@/server/services/keys/revoke-api-key';
import { ensureWorkspace } from '@/server/services/workspaces/ensure-workspace';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();

describe('apps', () => {
  it('are visible to their organization only', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const bob = await newAccount('bob');
    const id = unique('alice-app');
    const { app, adopted } = await createApp(db, alice, { id, displayName: '  Support   bot ' });
    expect(adopted).toBe(false);
    expect(app).toMatchObject({ id, displayName: 'Support bot', organizationId: alice.organizationId, activeKeyCount: 0 });

    expect((await listApps(db, alice)).map((a) => a.id)).toContain(id);
    expect((await listApps(db, bob)).map((a) => a.id)).not.toContain(id);
    await expect(getApp(db, bob, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(renameApp(db, bob, { id, displayName: 'mine now' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listAuditEvents(db, bob, { app: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('have ids that are wire ids, taken at most once', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const bob = await newAccount('bob');
    const id = unique('taken');
    await createApp(db, alice, { id });
    await expect(createApp(db, alice, { id })).rejects.toBeInstanceOf(ConflictError);
    await expect(createApp(db, bob, { id })).rejects.toThrow(/already taken/);
    await expect(createApp(db, alice, { id: 'has a space' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(createApp(db, alice, { id: 'a'.repeat(513) })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('rename changes the console label only', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const id = unique('rename');
    await createApp(db, alice, { id });
    const renamed = await renameApp(db, alice, { id, displayName: 'Production' });
    expect(renamed).toMatchObject({ id, displayName: 'Production' });
    const row = await db.workspace.findUniqueOrThrow({ where: { name: id } });
    expect(row.metadata).toEqual({});
    expect((await renameApp(db, alice, { id, displayName: '   ' })).displayName).toBeNull();
    await expect(renameApp(db, alice, { id, displayName: 'x'.repeat(101) })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('delete removes the app and what it holds, only for its organization and only with the id typed', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const bob = await newAccount('bob');
    const id = unique('doomed');
    await createApp(db, alice, { id });
    // A live session does not block the console's delete (the REST DELETE refuses it).
    await getOrCreateSession(id, { id: 'chat', peers: { alice: {} } });
    const key = await createApiKey(db, alice, { app: id, name: 'ci', scope: 'workspace' });
    await expect(deleteApp(db, bob, { id, confirm: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteApp(db, alice, { id, confirm: 'doomed' })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db.workspace.count({ where: { name: id } })).toBe(1);

    expect(await deleteApp(db, alice, { id, confirm: id })).toEqual({ deleted: id });
    expect(await db.workspace.count({ where: { name: id } })).toBe(0);
    expect(await db.session.count({ where: { name: 'chat', workspace: { name: id } } })).toBe(0);
    await expect(authenticateStoredKey(key.key, db)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(getApp(db, alice, id)).rejects.toBeInstanceOf(NotFoundError);
    const audit = await listAuditEvents(db, alice, {});
    expect(audit.items.find((e) => e.action === 'app.deleted')).toMatchObject({ target: id });
  });

  it('adopts a workspace created through the API only for the operator organization', async () => {
    const db = getDb();
    // The first account created in this database is the operator.
    const operatorOrg = (await db.deploymentSetting.findUnique({ where: { key: 'console.operator_organization' } }))?.value as {
      userId: string;
      organizationId: string;
    };
    const operator = { userId: operatorOrg.userId };
    const stranger = await newAccount('stranger');
    const id = unique('api-made');
    const { workspace } = await ensureWorkspace(db, id, { metadata: { source: 'sdk' } });
    expect(workspace.organizationId).toBeNull();

    await expect(createApp(db, stranger, { id })).rejects.toBeInstanceOf(ConflictError);
    const { app, adopted } = await createApp(db, operator, { id, displayName: 'Adopted' });
    expect(adopted).toBe(true);
    expect(app.organizationId).toBe(operatorOrg.organizationId);
    const row = await db.workspace.findUniqueOrThrow({ where: { name: id } });
    expect(row.id).toBe(workspace.id);
    expect(row.metadata).toEqual({ source: 'sdk' });
    await expect(createApp(db, operator, { id })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('stored API keys', () => {
  it('are returned once in plaintext and stored only as a hash', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const app = unique('keys');
    await createApp(db, alice, { id: app });
    const { key, apiKey } = await createApiKey(db, alice, { app, name: 'server', scope: 'workspace' });
    expect(looksLikeApiKey(key)).toBe(true);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ name: 'server', scope: 'workspace', peer: null, session: null, status: 'active', createdBy: alice.email });

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain(key);
    expect(JSON.stringify(await listApiKeys(db, alice, app))).not.toContain(key);

    // The API side accepts it as a workspace credential.
    await expect(authenticateStoredKey(key, db)).resolves.toMatchObject({ kind: 'workspace', workspace: app });
  });

  it('carry their scope, validated', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const app = unique('scopes');
    await createApp(db, alice, { id: app });
    const peerKey = await createApiKey(db, alice, { app, name: 'alice peer', scope: 'peer', peer: 'user-1' });
    expect(peerKey.apiKey).toMatchObject({ scope: 'peer', peer: 'user-1' });
    await expect(authenticateStoredKey(peerKey.key, db)).resolves.toMatchObject({ kind: 'peer', peer: 'user-1' });
    const sessionKey = await createApiKey(db, alice, { app, name: 'one chat', scope: 'session', session: 'chat-1' });
    expect(sessionKey.apiKey).toMatchObject({ scope: 'session', session: 'chat-1' });

    await expect(createApiKey(db, alice, { app, name: 'x', scope: 'peer' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(createApiKey(db, alice, { app, name: 'x', scope: 'session', session: 'bad id!' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(createApiKey(db, alice, { app, name: 'x', scope: 'workspace', peer: 'p' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(createApiKey(db, alice, { app, name: '   ', scope: 'workspace' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      createApiKey(db, alice, { app, name: 'old', scope: 'workspace', expiresAt: new Date(Date.now() - 1000) }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('report expiry', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const app = unique('expiry');
    await createApp(db, alice, { id: app });
    const { apiKey } = await createApiKey(db, alice, { app, name: 'soon', scope: 'workspace', expiresAt: new Date(Date.now() + 60_000) });
    expect(apiKey.status).toBe('active');
    await db.apiKey.update({ where: { id: apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [listed] = await listApiKeys(db, alice, app);
    expect(listed?.status).toBe('expired');
    expect((await getApp(db, alice, app)).activeKeyCount).toBe(0);
  });

  it('of one organization are out of reach of another', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const mallory = await newAccount('mallory');
    const app = unique('private');
    await createApp(db, alice, { id: app });
    const { key, apiKey } = await createApiKey(db, alice, { app, name: 'prod', scope: 'workspace' });

    await expect(listApiKeys(db, mallory, app)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(db, mallory, { app, keyId: apiKey.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createApiKey(db, mallory, { app, name: 'mine', scope: 'workspace' })).rejects.toBeInstanceOf(NotFoundError);
    // Naming the key through an app Mallory does own does not reach it either.
    const malloryApp = unique('mallory');
    await createApp(db, mallory, { id: malloryApp });
    await expect(revokeApiKey(db, mallory, { app: malloryApp, keyId: apiKey.id })).rejects.toBeInstanceOf(NotFoundError);

    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
    await expect(authenticateStoredKey(key, db)).resolves.toMatchObject({ kind: 'workspace' });
    const malloryAudit = await listAuditEvents(db, mallory, {});
    expect(malloryAudit.items.some((e) => e.app === app)).toBe(false);
  });

  it('are revoked at once, and revoking twice changes nothing', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const app = unique('revoke');
    await createApp(db, alice, { id: app });
    const { key, apiKey } = await createApiKey(db, alice, { app, name: 'ci', scope: 'workspace' });
    const revoked = await revokeApiKey(db, alice, { app, keyId: apiKey.id });
    expect(revoked.status).toBe('revoked');
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateStoredKey(key, db)).rejects.toBeInstanceOf(UnauthorizedError);

    const again = await revokeApiKey(db, alice, { app, keyId: apiKey.id });
    expect(again.revokedAt).toBe(row.revokedAt!.toISOString());
    const workspace = await db.workspace.findUniqueOrThrow({ where: { name: app } });
    expect(await db.auditEvent.count({ where: { action: 'api_key.revoked', workspaceId: workspace.id } })).toBe(1);
    await expect(revokeApiKey(db, alice, { app, keyId: 'no-such-key' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('audit log', () => {
  it('shows the organization its own events, newest first, in pages', async () => {
    const db = getDb();
    const alice = await newAccount('alice');
    const app = unique('audited');
    await createApp(db, alice, { id: app });
    const created = await createApiKey(db, alice, { app, name: 'k1', scope: 'workspace' });
    await revokeApiKey(db, alice, { app, keyId: created.apiKey.id });

    const appEvents = await listAuditEvents(db, alice, { app });
    expect(appEvents.items.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created', 'app.created']);
    expect(appEvents.items[0]).toMatchObject({ app, actorEmail: alice.email, keyPrefix: created.apiKey.prefix });

    const all = await listAuditEvents(db, alice, {});
    expect(all.items.map((e) => e.action)).toContain('user.created');
    const first = await listAuditEvents(db, alice, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents(db, alice, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));
  });
});
