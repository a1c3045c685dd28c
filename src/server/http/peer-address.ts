import 'server-only';
// The address of the TCP peer of a request, which Next's Request object does not expose (NextRequest.ip is gone, and
// Next only fills X-Forwarded-For with the socket address when the client did not send one itself). At start-up the
// Node server process installs a hook (installPeerAddressHeader, from instrumentation.ts) that writes the socket's
// address into PEER_ADDRESS_HEADER on every incoming request, replacing whatever a client put there. The header is
// believed only in a process where that hook is installed; elsewhere (another runtime or host) it is ignored.
import { Server as HttpServer, type IncomingMessage } from 'node:http';
import { Server as HttpsServer } from 'node:https';

export const PEER_ADDRESS_HEADER = 'x-rapport-peer-address';

const INSTALLED = Symbol.for('rapport.peerAddressHeader');
type Marked = typeof globalThis & { [INSTALLED]?: boolean };

/** Whether PEER_ADDRESS_HEADER was written by this process's servers (and so cannot come from a client). */
export function peerAddressHeaderTrusted(): boolean {
  return (globalThis as Marked)[INSTALLED] === true;
}

/** The peer address as the hook recorded it, or null where the hook is not installed. */
export function peerAddress(headers: Headers): string | null {
  if (!peerAddressHeaderTrusted()) return null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}

/** Patches `emit('request')` of node's HTTP(S) servers once per process; idempotent. */
export function installPeerAddressHeader(): void {
  const marked = globalThis as Marked;
  if (marked[INSTALLED]) return;
  for (const prototype of [HttpServer.prototype, HttpsServer.prototype]) {
    const emit = prototype.emit;
    prototype.emit = function emitWithPeerAddress(this: HttpServer, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const request = args[0] as IncomingMessage;
        request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? '';
      }
      return (emit as (this: HttpServer, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
    } as typeof prototype.emit;
  }
  marked[INSTALLED] = true;
}
