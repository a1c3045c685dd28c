import 'server-only';
// The connect-time half of webhook SSRF protection (docs/security.md). Registration only sees the URL; what matters
// is the address the delivery actually connects to. A DNS name can resolve to 127.0.0.1 or a cloud metadata address,
// and can resolve differently at delivery than at registration (DNS rebinding), so every delivery resolves the name
// itself, refuses the connection when any answer is a blocked address, and connects only to the address it checked.
// The socket's peer address is checked once more on connect, which also covers IP-literal hosts (Node never calls
// `lookup` for those).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { isBlockedAddress } from './ip-literal';

/** Resolves a host name to every address it has (the signature of `dns.promises.lookup(name, {all: true})`). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** Thrown (as a connection error) when a delivery would reach a refused address; never retried. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(readonly host: string, readonly address: string) {
    super(
      `${host === address ? address : `${host} resolves to ${address}`}, a private, loopback, link-local, reserved or ` +
        'metadata address; set WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true to deliver to such addresses (local development)',
    );
    this.name = 'BlockedAddressError';
  }
}

/**
 * A `lookup` for `http.request`/`net.connect` that answers only with addresses that passed the check, so the
 * connection goes to exactly what was checked. Node calls it with `all: true` when it races address families.
 */
export function guardedLookup(resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = found.filter((entry) => family === 0 || entry.family === family);
        const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
        if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), '', 0);
        if (addresses.length === 0) {
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** Destroys the socket when the address it connected to is refused (IP-literal hosts skip `lookup`). */
export function guardConnectedSocket(socket: Socket, host: string): void {
  const check = () => {
    const address = socket.remoteAddress;
    if (address && isBlockedAddress(address)) socket.destroy(new BlockedAddressError(host, address));
  };
  if (socket.connecting) socket.once('connect', check);
  else check();
}
