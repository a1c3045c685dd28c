import 'server-only';
// POST /v3/keys (docs/api.md#s3-1): mints a stateless Honcho-format JWT scoped to a workspace, a peer or a session.
// `exp` is written as epoch seconds (docs/honcho-differences.md#credentials); Honcho's ISO form is still accepted on the way in.
import { InvalidInputError, type InputIssue } from '../errors';
import { signJwt, type JwtClaims } from './jwt';
import { jwtSecret } from './jwt-secret';

export type MintJwtInput = {
  workspace_id?: string;
  peer_id?: string;
  session_id?: string;
  expires_at?: Date;
};

export async function mintJwt(input: MintJwtInput, now: Date = new Date()): Promise<{ key: string }> {
  const { workspace_id: w, peer_id: p, session_id: s, expires_at: expiresAt } = input;
  const issues: InputIssue[] = [];
  if (!w && !p && !s) issues.push({ path: 'query', message: 'At least one of workspace_id, peer_id or session_id is required' });
  if (p && !w) issues.push({ path: 'query.peer_id', message: 'peer_id requires workspace_id' });
  if (s && !w) issues.push({ path: 'query.session_id', message: 'session_id requires workspace_id' });
  if (issues.length > 0) throw new InvalidInputError(issues);

  const claims: JwtClaims = { t: now.toISOString(), w };
  if (p) claims.p = p;
  if (s) claims.s = s;
  if (expiresAt) claims.exp = Math.floor(expiresAt.getTime() / 1000);
  return { key: await signJwt(claims, await jwtSecret()) };
}
