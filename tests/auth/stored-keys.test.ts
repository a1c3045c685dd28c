// Stored API keys (docs/honcho-differences.md#credentials): accepted by hash, revocation effective on the very next request, expiry, last-used
// bookkeeping without a write per request, no plaintext anywhere in the database, and failed-auth bursts in the audit log.
import { describe, expect, it } from 'vitest';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from '@/server/http/peer-address';
import { getDb } from '@/server/db/client';
import { LAST_USED_RESOLUTION_MS } from '@/server/services/auth/stored-key';
import { AUTH_FAILURE_BURST_THRESHOLD } from '@/server/services/auth/auth-failure-monitor';
import { call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, seedTenant } from '../support/auth-fixtures';
import { provideTestDatabase, withClient } from '../support/test-database';

enableApiAuth();
const database = provideTestDatabase();

const listPeers = (workspace: string, headers: Record<string, string>) => call('POST', `/v3/workspaces/${workspace}/peers/list`, {}, headers);

describe('stored API keys', () => {
  it('works until revoked, and is refused on the very next request after revocation', async () => {
    await seedTenant({ workspace: 'sk-revoke', peers: ['alice'] });
    const { key, id } = await insertApiKey({ workspace: 'sk-revoke' });
    expect((await listPeers('sk-revoke', bearer(key))).status).toBe(200);
    await getDb().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const refused = await listPeers('sk-revoke', bearer(key));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ detail: 'API key revoked' });
  });

  it('refuses unknown, malformed, expired keys and keys of a deleted workspace', async () => {
    await seedTenant({ workspace: 'sk-misc' });
    const { key: expired } = await insertApiKey({ workspace: 'sk-misc', expiresAt: new Date(Date.now() - 1000) });
    const { key: later } = await insertApiKey({ workspace: 'sk-misc', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await listPeers('sk-misc', bearer(later))).status).toBe(200);
    expect(await (await listPeers('sk-misc', bearer(expired))).json()).toEqual({ detail: 'API key expired' });
    const unknown = `rpk_${'A'.repeat(32)}`;
    for (const value of [unknown, 'rpk_short', 'not-a-key', later.slice(0, -1)]) {
      const response = await listPeers('sk-misc', bearer(value));
      expect(response.status, value).toBe(401);
      expect(await response.json(), value).toEqual({ detail: 'Invalid API key' });
    }
    await getDb().workspace.delete({ where: { name: 'sk-misc' } });
    expect((await listPeers('sk-misc', bearer(later))).status).toBe(401);
  });

  it('maps peer and session keys onto the same rules as JWT claims', async () => {
    await seedTenant({ workspace: 'sk-scope', peers: ['alice', 'bob'], sessions: { s1: { active: ['alice'] } } });
    const peer = await insertApiKey({ workspace: 'sk-scope', scope: 'peer', peer: 'alice' });
    const session = await insertApiKey({ workspace: 'sk-scope', scope: 'session', session: 's1' });
    expect((await call('POST', '/v3/workspaces/sk-scope/peers/alice/sessions', {}, bearer(peer.key))).status).toBe(200);
    expect((await call('POST', '/v3/workspaces/sk-scope/peers/bob/sessions', {}, bearer(peer.key))).status).toBe(401);
    expect((await call('GET', '/v3/workspaces/sk-scope/sessions/s1/peers', undefined, bearer(peer.key))).status).toBe(200);
    expect((await listPeers('sk-scope', bearer(peer.key))).status).toBe(401);
    expect((await call('GET', '/v3/workspaces/sk-scope/sessions/s1/peers', undefined, bearer(session.key))).status).toBe(200);
    expect((await call('POST', '/v3/workspaces/sk-scope/peers/alice/sessions', {}, bearer(session.key))).status).toBe(401);
    // A peer-scoped row missing its peer is refused rather than widened to the workspace.
    const broken = await insertApiKey({ workspace: 'sk-scope', scope: 'peer' });
    expect((await listPeers('sk-scope', bearer(broken.key))).status).toBe(401);
  });

  it('records last_used_at, at most once per interval', async () => {
    await seedTenant({ workspace: 'sk-used' });
    const { key, id } = await insertApiKey({ workspace: 'sk-used' });
    const db = getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await listPeers('sk-used', bearer(key));
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await listPeers('sk-used', bearer(key));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
    // Once the interval has passed, the next use moves it.
    const stale = new Date(Date.now() - LAST_USED_RESOLUTION_MS - 1000);
    await db.apiKey.update({ where: { id }, data: { lastUsedAt: stale } });
    await listPeers('sk-used', bearer(key));
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(stale.getTime());
  });

  it('never stores a key in plaintext: no row of any table contains it', async () => {
    await seedTenant({ workspace: 'sk-plain' });
    const keys = [await insertApiKey({ workspace: 'sk-plain' }), await insertApiKey({ workspace: 'sk-plain', revoked: true })];
    // Use them, fail with them, so every table they can reach (buckets, audit) has had its chance.
    for (const { key } of keys) {
      for (let i = 0; i < 3; i += 1) await listPeers('sk-plain', bearer(key));
      await listPeers('other-workspace', bearer(key));
    }
    await withClient(database.current.url, async (client) => {
      const tables = await client.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'`,
      );
      for (const { name } of tables.rows) {
        const rows = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${name} t`);
        for (const { row } of rows.rows) {
          for (const { key } of keys) {
            expect(row.includes(key), `${name} holds a key in plaintext`).toBe(false);
            expect(row.includes(key.slice(4)), `${name} holds a key's secret part`).toBe(false);
          }
        }
      }
      const stored = await client.query<{ hash: string; prefix: string }>(`SELECT hash, prefix FROM api_keys`);
      expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash) && r.prefix.length <= 12)).toBe(true);
    });
  });

  it('records a burst of failed authentications once per window in the audit log', async () => {
    await seedTenant({ workspace: 'sk-burst' });
    const { key, id } = await insertApiKey({ workspace: 'sk-burst', revoked: true });
    const ip = '203.0.113.77';
    installPeerAddressHeader();
    for (let i = 0; i < AUTH_FAILURE_BURST_THRESHOLD + 5; i += 1) {
      expect((await listPeers('sk-burst', { ...bearer(key), [PEER_ADDRESS_HEADER]: ip })).status).toBe(401);
    }
    const events = await getDb().auditEvent.findMany({ where: { action: 'auth.failure_burst', ip }, orderBy: { createdAt: 'asc' } });
    // One for the address, one for the key; each written once however long the burst lasts.
    expect(events.map((e) => (e.details as { scope: string }).scope).sort()).toEqual(['credential', 'ip']);
    const byKey = events.find((e) => (e.details as { scope: string }).scope === 'credential')!;
    expect(byKey.actorKeyId).toBe(id);
    expect(byKey.workspaceId).toBe((await getDb().workspace.findUniqueOrThrow({ where: { name: 'sk-burst' } })).id);
    expect(byKey.details).toMatchObject({ failures: AUTH_FAILURE_BURST_THRESHOLD, last_detail: 'API key revoked' });
    expect(JSON.stringify(events)).not.toContain(key);
  });
});
