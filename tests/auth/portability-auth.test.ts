// Who may export and import a whole workspace (docs/portability.md): an admin or a credential of that workspace.
// Peer and session credentials, another workspace's credential, a revoked key and no credential get 401 with the
// usual words, on both routes; the command line's client surfaces the server's `detail`.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiClient } from '@/cli/api-client';
import { exportToFile } from '@/cli/export-to-file';
import { getDb } from '@/server/db/client';
import { APP_BASE_URL, appFetch, call } from '../support/app-fetch';
import { bearer, enableApiAuth, insertApiKey, jwt, seedTenant } from '../support/auth-fixtures';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

enableApiAuth();
provideTestDatabase();

const w1 = uniqueId('port-auth');
const w2 = uniqueId('port-other');
let header = '';
const credentials: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  await seedTenant({ workspace: w1, sessions: { s1: { active: ['alice'] } } });
  await seedTenant({ workspace: w2 });
  credentials.admin = bearer(await jwt({ ad: true }));
  credentials.workspaceKey = bearer((await insertApiKey({ workspace: w1 })).key);
  credentials.workspaceJwt = bearer(await jwt({ w: w1 }));
  credentials.peerKey = bearer((await insertApiKey({ workspace: w1, scope: 'peer', peer: 'alice' })).key);
  credentials.sessionJwt = bearer(await jwt({ w: w1, s: 's1' }));
  credentials.otherWorkspace = bearer(await jwt({ w: w2 }));
  credentials.revoked = bearer((await insertApiKey({ workspace: w1, revoked: true })).key);
  const response = await call('GET', `/v3/workspaces/${w1}/export`, undefined, credentials.admin);
  header = (await response.text()).split('\n')[0]!;
});

describe('export and import credentials', () => {
  it('lets an admin and the workspace’s own credentials export', async () => {
    for (const name of ['admin', 'workspaceKey', 'workspaceJwt']) {
      const response = await call('GET', `/v3/workspaces/${w1}/export`, undefined, credentials[name]);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      const lines = (await response.text()).trim().split('\n');
      expect(JSON.parse(lines.at(-1)!)).toEqual({ type: 'end', lines: lines.length - 1 });
    }
  });

  it('refuses narrower, foreign, revoked and missing credentials on both routes with 401', async () => {
    for (const name of ['peerKey', 'sessionJwt', 'otherWorkspace', 'revoked', 'none']) {
      const headers = credentials[name] ?? {};
      const exported = await call('GET', `/v3/workspaces/${w1}/export`, undefined, headers);
      expect(exported.status, name).toBe(401);
      expect(typeof (await exported.json()).detail).toBe('string');
      const imported = await call('POST', `/v3/workspaces/${uniqueId('port-target')}/import`, { first_line: 1, lines: [header] }, headers);
      expect(imported.status, name).toBe(401);
    }
  });

  it('lets a workspace credential import only into its own workspace', async () => {
    const target = uniqueId('port-own');
    const own = bearer(await jwt({ w: target }));
    const response = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 1, lines: [header] }, own);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ imported_through: 1, completed: false, applied: 0 });
    const foreign = await call('POST', `/v3/workspaces/${uniqueId('port-else')}/import`, { first_line: 1, lines: [header] }, own);
    expect(foreign.status).toBe(401);
    // One audit event for the import (its header batch), and one per export.
    const end = await call('POST', `/v3/workspaces/${target}/import`, { first_line: 2, lines: ['{"type":"end","lines":1}'] }, own);
    expect(await end.json()).toEqual({ imported_through: 2, completed: true, applied: 0 });
    const events = await getDb().auditEvent.findMany({ where: { target: { in: [target, w1] } }, select: { action: true, target: true } });
    expect(events.filter((e) => e.target === target)).toEqual([{ action: 'workspace.import_started', target }]);
    expect(events.filter((e) => e.target === w1 && e.action === 'workspace.exported').length).toBeGreaterThanOrEqual(4);
  });

  it('the command line reports the server’s detail', async () => {
    const peerKey = credentials.peerKey!.authorization!.replace('Bearer ', '');
    const client = apiClient({ baseUrl: APP_BASE_URL, apiKey: peerKey, fetch: appFetch as typeof fetch });
    const error = await exportToFile(client, w1, '/nonexistent/never-written.ndjson').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).detail.length).toBeGreaterThan(0);
  });
});
