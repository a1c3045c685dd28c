// The official @honcho-ai/sdk 2.5.0 with API auth on: its `apiKey` option (sent as `Authorization: Bearer`) works
// with a stored workspace key, a key of another app is refused with the SDK's 401 error type, and a revoked key is
// refused on the very next call.
import { AuthenticationError, Honcho } from '@honcho-ai/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, installAppFetch } from '../support/app-fetch';
import { enableApiAuth, insertApiKey, seedTenant } from '../support/auth-fixtures';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();
beforeAll(async () => {
  installAppFetch();
  await seedTenant({ workspace: 'sdk-app-a', peers: ['alice'] });
  await seedTenant({ workspace: 'sdk-app-b', peers: ['mallory'] });
});

const client = (workspaceId: string, apiKey?: string) => new Honcho({ baseURL: APP_BASE_URL, workspaceId, apiKey, maxRetries: 0 });

describe('SDK with API keys', () => {
  it('works with a stored workspace key', async () => {
    const { key } = await insertApiKey({ workspace: 'sdk-app-a' });
    const honcho = client('sdk-app-a', key);
    await honcho.setMetadata({ plan: 'pro' });
    expect(await honcho.getMetadata()).toEqual({ plan: 'pro' });
    const bob = await honcho.peer('bob', { metadata: { role: 'user' } });
    const session = await honcho.session('chat-1');
    await session.addPeers([bob]);
    expect((await session.peers()).map((p) => p.id)).toEqual(['bob']);
    const peers = await honcho.peers();
    expect(peers.items.map((p) => p.id).sort()).toEqual(['alice', 'bob']);
  });

  it('cannot reach another app with its key, nor without one', async () => {
    const { key: keyOfB } = await insertApiKey({ workspace: 'sdk-app-b' });
    await expect(client('sdk-app-a', keyOfB).getMetadata()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client('sdk-app-a', keyOfB).peers()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client('sdk-app-a').getMetadata()).rejects.toThrow('No access token provided');
    // Its own app still works with the same key.
    expect((await client('sdk-app-b', keyOfB).peers()).items.map((p) => p.id)).toEqual(['mallory']);
  });

  it('is refused on the next call after the key is revoked', async () => {
    const { key, id } = await insertApiKey({ workspace: 'sdk-app-a' });
    const honcho = client('sdk-app-a', key);
    expect((await honcho.peers()).items.length).toBeGreaterThan(0);
    await getDb().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const error = await honcho.peers().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toContain('API key revoked');
  });

  it('a peer key bootstraps the workspace and its own peer, but cannot list the workspace', async () => {
    const { key } = await insertApiKey({ workspace: 'sdk-app-a', scope: 'peer', peer: 'alice' });
    const honcho = client('sdk-app-a', key);
    const alice = await honcho.peer('alice');
    expect(alice.id).toBe('alice');
    await expect(honcho.peer('bob')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(honcho.peers()).rejects.toBeInstanceOf(AuthenticationError);
  });
});
