// An admin credential for API specs against a running server with auth on: a Honcho-format JWT (`{"ad": true}`)
// signed with the server's secret — E2E_JWT_SECRET or AUTH_JWT_SECRET, which the server must be started with (a
// generated secret lives in the server's database; .ci/run sets one for both), else an older data-directory file.
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { CompactSign } from 'jose';

async function serverSecret(request: APIRequestContext): Promise<string> {
  const configured = process.env.E2E_JWT_SECRET ?? process.env.AUTH_JWT_SECRET;
  if (configured) return configured;
  const file = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data', 'jwt-secret');
  if (!fs.existsSync(file)) await request.get('/v3/workspaces/e2e-probe/peers/p', { headers: { authorization: 'Bearer a.b.c' } });
  if (!fs.existsSync(file)) throw new Error(`No JWT secret: start the server with AUTH_JWT_SECRET and give the specs the same value (AUTH_JWT_SECRET or E2E_JWT_SECRET); a generated secret lives in the server's database (looked for an older ${file})`);
  return fs.readFileSync(file, 'utf8').trim();
}

export async function adminToken(request: APIRequestContext): Promise<string> {
  const secret = new TextEncoder().encode(await serverSecret(request));
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ ad: true })))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
}
