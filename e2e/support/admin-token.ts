// An admin credential for API specs against a running server with auth on: a Honcho-format JWT (`{"ad": true}`)
// signed with the server's secret — E2E_JWT_SECRET or AUTH_JWT_SECRET when set, else the secret the server generated
// into its data directory (RAPPORT_DATA_DIR or .data), which a request carrying any JWT makes it create.
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { CompactSign } from 'jose';

async function serverSecret(request: APIRequestContext): Promise<string> {
  const configured = process.env.E2E_JWT_SECRET ?? process.env.AUTH_JWT_SECRET;
  if (configured) return configured;
  const file = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data', 'jwt-secret');
  if (!fs.existsSync(file)) await request.get('/v3/workspaces/e2e-probe/peers/p', { headers: { authorization: 'Bearer a.b.c' } });
  if (!fs.existsSync(file)) throw new Error(`No JWT secret: set E2E_JWT_SECRET to the server's AUTH_JWT_SECRET (looked for ${file})`);
  return fs.readFileSync(file, 'utf8').trim();
}

export async function adminToken(request: APIRequestContext): Promise<string> {
  const secret = new TextEncoder().encode(await serverSecret(request));
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ ad: true })))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret);
}
