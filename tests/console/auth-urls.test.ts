// Console URLs are built from the origin the browser used, not the listen address: Auth.js's sign-out redirect from
// `http://127.0.0.1:8301` stays there although Next addresses the request to `0.0.0.0`, a proxy's X-Forwarded-Host and
// -Proto are honoured (and make Auth.js's cookies `Secure`), and AUTH_URL overrides both.
import { NextRequest } from 'next/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { publicOrigin } from '@/server/auth/public-origin';

beforeAll(() => {
  process.env.AUTH_SECRET = 'auth-url-tests-secret-0123456789abcdef';
});
afterEach(() => {
  delete process.env.AUTH_URL;
});

/** Signs out as a browser would (CSRF token first) and returns where Auth.js sends it, plus the cookies it set. */
async function signOutFrom(headers: Record<string, string>): Promise<{ url: string; cookies: string[] }> {
  // `next start --hostname 0.0.0.0` addresses every request to the listen address.
  const listen = 'http://0.0.0.0:8301';
  const csrf = await GET(new NextRequest(`${listen}/api/auth/csrf`, { headers }));
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie();
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const response = await POST(
    new NextRequest(`${listen}/api/auth/signout`, {
      method: 'POST',
      headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
      body: new URLSearchParams({ csrfToken, callbackUrl: '/console/sign-in' }).toString(),
    }),
  );
  expect(response.status).toBe(200);
  return { url: ((await response.json()) as { url: string }).url, cookies };
}

describe('console URLs', () => {
  it('sign-out lands on the host the browser used, not the listen address', async () => {
    const { url, cookies } = await signOutFrom({ host: '127.0.0.1:8301' });
    expect(url).toBe('http://127.0.0.1:8301/console/sign-in');
    expect(cookies.join('\n')).not.toMatch(/;\s*Secure/i);
  });

  it('behind a proxy, sign-out stays on the proxied host and scheme, and the cookies are Secure', async () => {
    const { url, cookies } = await signOutFrom({ host: '10.0.0.5:8000', 'x-forwarded-host': 'rapport.example.com', 'x-forwarded-proto': 'https' });
    expect(url).toBe('https://rapport.example.com/console/sign-in');
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);
  });

  it('AUTH_URL wins over what the request says', async () => {
    process.env.AUTH_URL = 'https://console.example.org';
    const { url } = await signOutFrom({ host: '127.0.0.1:8301', 'x-forwarded-host': 'spoofed.example' });
    expect(url).toBe('https://console.example.org/console/sign-in');
  });

  it('ignores a malformed host and keeps the request URL', () => {
    const request = new Request('http://0.0.0.0:8301/api/auth/session', { headers: { host: 'evil.example/path@x', 'x-forwarded-host': 'a b' } });
    expect(publicOrigin(request, {})).toBe('http://0.0.0.0:8301');
    expect(publicOrigin(new Request('http://0.0.0.0:8301/', { headers: { host: '[::1]:8301' } }), {})).toBe('http://[::1]:8301');
  });
});
