// The authorization algorithm of docs/api.md#s4-3 as a table: every auth code × every credential kind, with matching
// and non-matching workspace, peer and session ids, member-read and the own-peer rule of …/peers/{peer}/config.
import { describe, expect, it } from 'vitest';
import type { AuthScope } from '@/contracts/route-contract';
import { AUTH_ERRORS, type Credential } from '@/server/services/auth/credential';
import { decideAccess, type AccessParams } from '@/server/services/auth/decide-access';

const credentials = {
  authOff: { kind: 'admin', authDisabled: true },
  admin: { kind: 'admin', authDisabled: false },
  ws: { kind: 'workspace', workspace: 'w1' },
  wsOther: { kind: 'workspace', workspace: 'w2' },
  peer: { kind: 'peer', workspace: 'w1', peer: 'alice' },
  peerOther: { kind: 'peer', workspace: 'w1', peer: 'bob' },
  peerOtherWs: { kind: 'peer', workspace: 'w2', peer: 'alice' },
  sess: { kind: 'session', workspace: 'w1', session: 's1' },
  sessOther: { kind: 'session', workspace: 'w1', session: 's2' },
  sessOtherWs: { kind: 'session', workspace: 'w2', session: 's1' },
} satisfies Record<string, Credential>;
type CredentialName = keyof typeof credentials;

/** allow; admin = "Resource requires admin privileges"; deny = "JWT not permissioned…"; member = ask for membership. */
type Expected = 'allow' | 'admin' | 'deny' | 'member';

type Row = { auth: AuthScope; label: string; params: AccessParams; expect: Record<CredentialName, Expected> };

const everyone = (value: Expected, overrides: Partial<Record<CredentialName, Expected>> = {}) =>
  ({ authOff: value, admin: value, ws: value, wsOther: value, peer: value, peerOther: value, peerOtherWs: value, sess: value, sessOther: value, sessOtherWs: value, ...overrides });

const table: Row[] = [
  { auth: 'none', label: 'open route', params: {}, expect: everyone('allow') },
  { auth: 'A', label: 'POST /v3/keys', params: {}, expect: everyone('admin', { authOff: 'allow', admin: 'allow' }) },
  // A admin-only route keeps refusing even when the path names the caller's own workspace.
  { auth: 'A', label: 'admin route with a workspace', params: { workspace_id: 'w1' }, expect: everyone('admin', { authOff: 'allow', admin: 'allow' }) },
  { auth: 'self', label: 'POST /v3/workspaces', params: {}, expect: everyone('allow') },
  { auth: 'self', label: 'POST …/peers (handler checks the body)', params: { workspace_id: 'w1' }, expect: everyone('allow') },
  {
    auth: 'W', label: 'PUT /v3/workspaces/w1', params: { workspace_id: 'w1' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow' }),
  },
  {
    auth: 'W', label: 'DELETE …/peers/alice (W even though it names a peer)', params: { workspace_id: 'w1', peer_id: 'alice' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow' }),
  },
  {
    auth: 'W/P', label: 'PUT …/peers/alice', params: { workspace_id: 'w1', peer_id: 'alice' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', peer: 'allow' }),
  },
  {
    auth: 'W/P', label: 'W/P in another workspace', params: { workspace_id: 'w2', peer_id: 'alice' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', wsOther: 'allow', peerOtherWs: 'allow' }),
  },
  {
    auth: 'W/S', label: 'PUT …/sessions/s1', params: { workspace_id: 'w1', session_id: 's1' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', sess: 'allow' }),
  },
  {
    auth: 'W/S', label: 'PUT …/sessions/s1/peers/alice/config (peers never write)', params: { workspace_id: 'w1', session_id: 's1', peer_id: 'alice' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', sess: 'allow' }),
  },
  {
    auth: 'W/S+m', label: 'GET …/sessions/s1/peers', params: { workspace_id: 'w1', session_id: 's1' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', sess: 'allow', peer: 'member', peerOther: 'member' }),
  },
  {
    auth: 'W/S+m', label: 'GET …/sessions/s1/peers/alice/config', params: { workspace_id: 'w1', session_id: 's1', peer_id: 'alice' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', sess: 'allow', peer: 'member' }),
  },
  {
    auth: 'W/S+m', label: 'GET …/sessions/s2/messages/m', params: { workspace_id: 'w1', session_id: 's2' },
    expect: everyone('deny', { authOff: 'allow', admin: 'allow', ws: 'allow', sessOther: 'allow', peer: 'member', peerOther: 'member' }),
  },
];

const DETAIL = { admin: AUTH_ERRORS.adminRequired, deny: AUTH_ERRORS.notPermissioned } as const;

describe('decideAccess (docs/api.md#s4-3)', () => {
  for (const row of table) {
    for (const [name, expected] of Object.entries(row.expect) as [CredentialName, Expected][]) {
      it(`${row.auth} ${row.label} × ${name} → ${expected}`, () => {
        const credential = credentials[name];
        const decision = decideAccess(credential, row.auth, row.params);
        if (expected === 'allow') return expect(decision).toEqual({ outcome: 'allow' });
        if (expected !== 'member') return expect(decision).toEqual({ outcome: 'deny', detail: DETAIL[expected] });
        // Member-read: the decision names exactly the lookup it needs, then follows its answer.
        if (credential.kind !== 'peer') throw new Error('only peer credentials need membership');
        expect(decision).toEqual({
          outcome: 'needs-membership',
          query: { workspace: credential.workspace, session: row.params.session_id, peer: credential.peer },
        });
        expect(decideAccess(credential, row.auth, row.params, true)).toEqual({ outcome: 'allow' });
        expect(decideAccess(credential, row.auth, row.params, false)).toEqual({ outcome: 'deny', detail: AUTH_ERRORS.notPermissioned });
      });
    }
  }

  it('every auth code is covered by the table', () => {
    expect(new Set(table.map((r) => r.auth))).toEqual(new Set(['none', 'A', 'self', 'W', 'W/P', 'W/S', 'W/S+m']));
  });

  it('membership never widens anything but a peer on a W/S+m route', () => {
    for (const row of table.filter((r) => r.auth !== 'W/S+m')) {
      for (const [name, expected] of Object.entries(row.expect) as [CredentialName, Expected][]) {
        expect(decideAccess(credentials[name], row.auth, row.params, true).outcome, `${row.label} × ${name}`).toBe(
          expected === 'allow' ? 'allow' : 'deny',
        );
      }
    }
    // The config route stays closed to another peer even if it is a member.
    expect(decideAccess(credentials.peerOther, 'W/S+m', { workspace_id: 'w1', session_id: 's1', peer_id: 'alice' }, true).outcome).toBe('deny');
  });

  it('refuses routes whose path lacks the ids the rule needs', () => {
    expect(decideAccess(credentials.ws, 'W', {}).outcome).toBe('deny');
    expect(decideAccess(credentials.peer, 'W/P', { workspace_id: 'w1' }).outcome).toBe('deny');
    expect(decideAccess(credentials.sess, 'W/S', { workspace_id: 'w1' }).outcome).toBe('deny');
    expect(decideAccess(credentials.peer, 'W/S+m', { workspace_id: 'w1' }).outcome).toBe('deny');
  });
});
