// Classifies IP-literal webhook hosts (docs/api.md#s3-13). Registration refuses hosts that would point the server at
// its own or a private network: private, loopback, link-local, reserved, multicast and unspecified addresses, in
// IPv4 and IPv6, including IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4). Hostnames are never resolved.
//
// Hosts come from WHATWG URL parsing, which already normalises IPv4 spellings (`0x7f.1`, `2130706433` → 127.0.0.1)
// and compresses IPv6, so only canonical forms need handling here.

/** [network, prefix length] pairs of IPv4 space that is not globally reachable (RFC 6890 and friends). */
const BLOCKED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, including the broadcast address
];

function v4ToInt(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function blockedV4(address: number): boolean {
  return BLOCKED_V4.some(([network, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(network)!;
    return address >= start && address < start + size;
  });
}

/** Eight 16-bit groups, or null when `text` is not an IPv6 literal. */
function parseV6(text: string): number[] | null {
  let source = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(source);
  if (dotted) {
    const v4 = v4ToInt(dotted[1]!);
    if (v4 === null) return null;
    source = `${source.slice(0, -dotted[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = source.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

function embeddedV4(high: number, low: number): number {
  return high * 65536 + low;
}

function blockedV6(g: number[]): boolean {
  const [a, b] = [g[0]!, g[1]!];
  // IPv4-mapped ::ffff:a.b.c.d: judged by the IPv4 address it carries.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return blockedV4(embeddedV4(g[6]!, g[7]!));
  // NAT64 64:ff9b::/96 and 6to4 2002::/16 reach the embedded IPv4 address.
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return blockedV4(embeddedV4(g[6]!, g[7]!));
  if (a === 0x2002) return blockedV4(embeddedV4(b, g[2]!));
  // Only 2000::/3 is global unicast; everything else (::, ::1, fc00::/7, fe80::/10, ff00::/8, …) is refused.
  if ((a & 0xe000) !== 0x2000) return true;
  if (a === 0x2001 && b < 0x200) return true; // 2001::/23 IETF protocol assignments (Teredo, benchmarking, ORCHID)
  if (a === 0x2001 && b === 0xdb8) return true; // documentation
  if (a === 0x3fff && b < 0x1000) return true; // documentation (RFC 9637)
  return false;
}

export type HostClass = 'hostname' | 'public-ip' | 'blocked-ip';

/** `hostname` as URL.hostname gives it (IPv6 in brackets). */
export function classifyHost(hostname: string): HostClass {
  if (hostname.startsWith('[') && hostname.endsWith(']')) {
    const groups = parseV6(hostname.slice(1, -1));
    if (!groups) return 'blocked-ip'; // an unparseable bracketed literal is never a safe target
    return blockedV6(groups) ? 'blocked-ip' : 'public-ip';
  }
  const v4 = v4ToInt(hostname);
  if (v4 !== null) return blockedV4(v4) ? 'blocked-ip' : 'public-ip';
  return 'hostname';
}

/**
 * A plain address as a resolver or a socket reports it (no brackets; IPv6 possibly with a `%zone`): true when it is
 * not a public unicast address. Anything that is not an IP address at all is refused too.
 */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, '');
  if (bare.includes(':')) {
    const groups = parseV6(bare);
    return !groups || blockedV6(groups);
  }
  const v4 = v4ToInt(bare);
  return v4 === null || blockedV4(v4);
}

/** `localhost` and `*.localhost` name the loopback interface whatever DNS says (RFC 6761). */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
