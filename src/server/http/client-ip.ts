import 'server-only';
// The client's address, as far as it can be known without believing what the client says (docs/security.md):
//   - on Vercel, X-Real-IP / X-Forwarded-For, which Vercel's edge overwrites;
//   - behind proxies listed in TRUSTED_PROXIES, X-Forwarded-For read from the right, skipping hops added by trusted
//     proxies, only when the connection itself comes from one of them;
//   - otherwise the address of the TCP peer (peer-address.ts), never a forwarding header.
// Used to key rate limits when auth is disabled and to attribute sign-ins and failed-auth bursts.
import { isTrustedProxy, readProxyTrust, unmapIpv4 } from '@/server/config/proxy-config';
import type { EnvSource } from '@/server/config/parse-env';
import { peerAddress } from './peer-address';

const MAX_LENGTH = 64;

/** The client's address, or null when neither the platform nor the socket tells it. */
export function clientAddress(headers: Headers, env: EnvSource = process.env): string | null {
  const trust = readProxyTrust(env);
  if (trust.onVercel) {
    const reported = headers.get('x-real-ip')?.trim() || headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    return reported ? clean(reported) : null;
  }
  const peer = peerAddress(headers);
  if (!peer) return null;
  if (!trust.configured || !isTrustedProxy(peer, trust)) return clean(peer);
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  let client = peer;
  // Walk back from the hop nearest to us while each hop is itself a trusted proxy.
  while (hops.length > 0 && isTrustedProxy(client, trust)) client = hops.pop()!;
  return clean(client);
}

/** The client address of a request, `unknown` when it cannot be told (a rate-limit key is always needed). */
export function clientIp(request: Request): string {
  return clientAddress(request.headers) ?? 'unknown';
}

function clean(address: string): string {
  return unmapIpv4(address).slice(0, MAX_LENGTH);
}
