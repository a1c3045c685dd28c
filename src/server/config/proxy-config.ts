// Which forwarding headers to believe when working out a client's address (docs/security.md). Read on every use.
//
// TRUSTED_PROXIES   comma-separated addresses or CIDR ranges of the reverse proxies in front of Rapport
//                   (`127.0.0.1, 10.0.0.0/8, fd00::/8`). X-Forwarded-For is read only when the connection comes from
//                   one of them, and only as far back as the hops they added. Unset: forwarding headers are ignored.
// VERCEL            set by Vercel: its edge overwrites X-Forwarded-For / X-Real-IP, so they are believed there.
import { BlockList, isIP } from 'node:net';
import { ConfigurationError, describeProblem, type EnvSource } from './parse-env';

export type ProxyTrust = { onVercel: boolean; trusted: BlockList; configured: boolean };

const cache = new Map<string, BlockList>();

export function readProxyTrust(env: EnvSource = process.env): ProxyTrust {
  const raw = env.TRUSTED_PROXIES?.trim() ?? '';
  let trusted = cache.get(raw);
  if (!trusted) {
    trusted = parseTrustedProxies(raw);
    cache.set(raw, trusted);
  }
  return { onVercel: Boolean(env.VERCEL), trusted, configured: raw !== '' };
}

function parseTrustedProxies(raw: string): BlockList {
  const list = new BlockList();
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new ConfigurationError([describeProblem('TRUSTED_PROXIES', 'entries must be IP addresses or CIDR ranges', entry)]);
    }
    list.addSubnet(address!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/** An address as sockets report it (`::ffff:10.0.0.1` for IPv4 on a dual-stack socket) against the trusted ranges. */
export function isTrustedProxy(address: string, trust: ProxyTrust): boolean {
  const plain = unmapIpv4(address);
  const family = isIP(plain);
  return family !== 0 && trust.trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

export function unmapIpv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}
