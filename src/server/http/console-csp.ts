// The console's Content-Security-Policy. Scripts run only with this response's nonce ('strict-dynamic' lets those
// scripts load Next's chunks), so markup injected into a page cannot run script even if it got past React's escaping.
// The proxy makes a fresh nonce per request and passes the policy on as a request header: Next reads the nonce from
// it and puts it on its own bootstrap and chunk scripts; our one inline script (the theme) reads NONCE_HEADER.
// Console pages are rendered per request anyway (they read the session), so nonces cost no static rendering.

/** Request header carrying the nonce to server components. */
export const NONCE_HEADER = 'x-nonce';

/** 128 random bits, base64, from Web Crypto (the proxy may run outside Node). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function consoleContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  // React's development build evaluates code for its debugging aids; production never needs eval.
  const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  return [`script-src ${scripts.join(' ')}`, "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'", "form-action 'self'"].join('; ');
}
