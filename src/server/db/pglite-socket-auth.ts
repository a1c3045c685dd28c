import 'server-only';
// Password authentication for the embedded database's socket. PGlite answers every StartupMessage with
// AuthenticationOk, so without this any local process (another user's too) could connect and read or hold the
// database. Here a connection's StartupMessage is kept back, the client is asked for an MD5 password (what
// node-postgres, psql and every driver speak), and only a correct answer lets the StartupMessage through to PGlite.
// Nothing of an unauthenticated connection ever reaches the backend.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { socketInternals } from './pglite-socket-internals';
import { errorResponse, isStartupMessage, md5PasswordRequest, passwordOf, startupUser } from './pglite-wire';

type PendingStartup = { startup: Uint8Array; user: string; salt: Buffer };

const md5 = (text: string | Buffer) => createHash('md5').update(text).digest('hex');

/** What a client sends for `password`: "md5" + md5(md5(password + user) + salt). */
function md5Answer(password: string, user: string, salt: Buffer): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`;
}

export function requirePassword(server: PGLiteSocketServer, password: string): void {
  const { queue } = socketInternals(server);
  const authenticated = new Set<number>();
  const pending = new Map<number, PendingStartup>();

  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (handlerId, message, onData) => {
    if (authenticated.has(handlerId)) return enqueue(handlerId, message, onData);
    const waiting = pending.get(handlerId);
    if (!waiting && isStartupMessage(message)) {
      const salt = randomBytes(4);
      pending.set(handlerId, { startup: message, user: startupUser(message), salt });
      onData(md5PasswordRequest(salt));
      return Promise.resolve(0);
    }
    if (waiting && message[0] === 0x70 /* PasswordMessage */) {
      pending.delete(handlerId);
      const expected = Buffer.from(md5Answer(password, waiting.user, waiting.salt));
      const given = Buffer.from(passwordOf(message));
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        authenticated.add(handlerId);
        return enqueue(handlerId, waiting.startup, onData);
      }
      onData(errorResponse('FATAL', '28P01', `password authentication failed for user "${waiting.user}"`));
    } else {
      onData(errorResponse('FATAL', '28000', 'the embedded database requires password authentication'));
    }
    // A rejected message makes pglite-socket close the connection.
    return Promise.reject(new Error('embedded database: authentication failed'));
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    authenticated.delete(handlerId);
    pending.delete(handlerId);
    clear(handlerId);
  };
}
