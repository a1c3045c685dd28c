// The client-address rule (docs/security.md): forwarding headers are believed only on Vercel or from TRUSTED_PROXIES;
// otherwise the socket's address, recorded by the peer-address hook, is the client. Used by rate limits when auth is
// disabled, the failed-auth audit and the console's sign-in audit.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from '@/server/http/client-ip';
import { installPeerAddressHeader, PEER_ADDRESS_HEADER } from '@/server/http/peer-address';

beforeAll(() => installPeerAddressHeader());

const from = (peer: string, headers: Record<string, string> = {}) => new Headers({ [PEER_ADDRESS_HEADER]: peer, ...headers });

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For or X-Real-IP claim', () => {
    const env = {};
    expect(clientAddress(from('198.51.100.7'), env)).toBe('198.51.100.7');
    expect(clientAddress(from('198.51.100.7', { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' }), env)).toBe('198.51.100.7');
    // Dual-stack sockets report IPv4 clients as IPv4-mapped IPv6.
    expect(clientAddress(from('::ffff:198.51.100.7'), env)).toBe('198.51.100.7');
    expect(clientAddress(from('2001:db8::9'), env)).toBe('2001:db8::9');
  });

  it('reads X-Forwarded-For back to the first hop not added by a trusted proxy, only when the peer is trusted', () => {
    const env = { TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' };
    expect(clientAddress(from('10.1.2.3', { 'x-forwarded-for': '203.0.113.9' }), env)).toBe('203.0.113.9');
    // A client-supplied first entry is skipped over: only what trusted hops appended counts.
    expect(clientAddress(from('::ffff:127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.9.9.9' }), env)).toBe('203.0.113.9');
    expect(clientAddress(from('10.1.2.3'), env)).toBe('10.1.2.3');
    // The same header from an untrusted peer is ignored.
    expect(clientAddress(from('198.51.100.7', { 'x-forwarded-for': '203.0.113.9' }), env)).toBe('198.51.100.7');
    expect(() => clientAddress(from('10.1.2.3'), { TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => clientAddress(from('10.1.2.3'), { TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });

  it("believes Vercel's headers on Vercel, which overwrites them at its edge", () => {
    const env = { VERCEL: '1' };
    expect(clientAddress(new Headers({ 'x-real-ip': '203.0.113.5', 'x-forwarded-for': '203.0.113.5' }), env)).toBe('203.0.113.5');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.6, 10.0.0.1' }), env)).toBe('203.0.113.6');
  });
});

describe('the peer-address hook', () => {
  it('records the socket address on every request to a node HTTP server, replacing a client-sent value', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers[PEER_ADDRESS_HEADER] as string | undefined);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, headers: { [PEER_ADDRESS_HEADER]: '203.0.113.1' } }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
      expect(seen).toEqual(['127.0.0.1']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
