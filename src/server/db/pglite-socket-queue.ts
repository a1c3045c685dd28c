import 'server-only';
// pglite-socket serves every connection from one PGlite backend through a queue of single protocol messages. Left as
// it is, one connection can break or hold that backend for everyone (docs/embedded-database.md):
// - an extended-protocol query (Parse, Bind, Describe, Execute … Sync) is several messages, and another connection's
//   messages run in the middle of it ("unnamed prepared statement does not exist", clients hanging until a Sync);
// - PGlite cannot run COPY FROM STDIN: it reads past the one message it was handed, hits end of input and exits, so
//   one `COPY … FROM STDIN` (psql's \copy, a bulk loader) killed the database until restart. Such statements are
//   answered with a clear error instead of reaching the backend;
// - a client that opens a transaction and goes quiet keeps the backend forever (PGlite does not enforce PostgreSQL's
//   timeouts: it has no timer signal).
//
// This replaces the queue's scheduler with one rule that covers all three: the backend belongs to the connection that
// last used it until the backend says ReadyForQuery with status idle. A connection that holds it and stays quiet past
// the idle-in-transaction timeout is disconnected, and whenever a holder goes away its unfinished extended query and
// its transaction are ended before anyone else runs.
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type QueueInternals, socketInternals } from './pglite-socket-internals';
import { errorResponse, queryMessage, ReadyForQueryTracker, sqlOf, SYNC_MESSAGE, withSql } from './pglite-wire';

export type SharedBackendOptions = {
  /** A connection holding the backend (transaction, COPY, unfinished query) and silent this long is disconnected. 0: never. */
  idleInTransactionTimeoutMs: number;
};

/** Stands for "the backend is being reset after its holder left": nobody's messages run until that is done. */
const RESETTING = -1;

/** A COPY reading from the client. Over-matching only refuses a statement; letting one through kills the backend. */
const COPY_FROM_STDIN = /\bcopy\b[\s\S]*\bfrom\s+stdin\b/i;
/** Setting a timeout GUC (SET, SET LOCAL, set_config, ALTER … SET); reading one (SHOW, current_setting) is fine. */
const TIMEOUT_SETTING = /\b(set|set_config)\b[\s\S]*\b(statement_timeout|idle_in_transaction_session_timeout|idle_session_timeout|transaction_timeout)\b/i;

/** Raised by the backend itself in place of a refused statement, so the transaction state stays the backend's own. */
const refusal = (message: string) =>
  `DO $refusal$ BEGIN RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = '${message}'; END $refusal$`;
const COPY_REFUSAL = refusal('COPY FROM STDIN is not supported by the embedded database: use INSERT, or a PostgreSQL server (DATABASE_URL)');
const TIMEOUT_REFUSAL = refusal(
  'statement, transaction and session timeouts cannot be set on the embedded database (its socket cuts idle transactions itself); use a PostgreSQL server (DATABASE_URL)',
);

export function guardSharedBackend(server: PGLiteSocketServer, options: SharedBackendOptions): void {
  const { queue, handlers } = socketInternals(server);
  /** The connection whose session the backend is in (not idle), or null when any connection may go next. */
  let holder: number | null = null;
  /** The connection whose message is running right now. */
  let running: number | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  /** Connections that went away while their message was running: reset once it finishes. */
  const departed = new Set<number>();

  const disconnectIdleHolder = (handlerId: number) => {
    if (holder !== handlerId || running === handlerId || queue.queue.some((item) => item.handlerId === handlerId)) return;
    const handler = [...handlers].find((h) => h.handlerId === handlerId);
    const socket = handler?.socket;
    if (!socket) return;
    console.warn(`[rapport] embedded database: closing connection #${handlerId}, idle for ${options.idleInTransactionTimeoutMs} ms while holding the database`);
    // What PostgreSQL itself sends; the close then runs the cleanup below, like any dropped connection.
    const notice = errorResponse('FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout');
    if (socket.writable) socket.write(notice, () => socket.destroy());
    else socket.destroy();
  };

  const watchHolder = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (holder === null || holder === RESETTING || options.idleInTransactionTimeoutMs <= 0) return;
    const watched = holder;
    idleTimer = setTimeout(() => disconnectIdleHolder(watched), options.idleInTransactionTimeoutMs);
    idleTimer.unref();
  };

  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (handlerId, message, onData) => {
    const sql = sqlOf(message);
    if (sql !== null && COPY_FROM_STDIN.test(sql)) return enqueue(handlerId, withSql(message, COPY_REFUSAL), onData);
    if (sql !== null && TIMEOUT_SETTING.test(sql)) return enqueue(handlerId, withSql(message, TIMEOUT_REFUSAL), onData);
    return enqueue(handlerId, message, onData);
  };

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = holder === null ? 0 : this.queue.findIndex((item) => item.handlerId === holder);
        // The backend belongs to a connection that has not sent its next message yet: wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        const tracker = new ReadyForQueryTracker();
        let sent = 0;
        running = item.handlerId;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                sent += data.length;
                tracker.feed(data);
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        } finally {
          running = null;
        }
        // No ReadyForQuery yet (mid extended query, inside COPY) or one saying "in a transaction": still theirs.
        if (holder !== RESETTING) holder = tracker.status === 'I' ? null : item.handlerId;
        if (departed.delete(item.handlerId) && holder === item.handlerId) resetBackend();
        // pglite-socket's own disconnect cleanup keys on lastHandlerId; ours below replaces it.
        this.lastHandlerId = null;
        watchHolder();
        item.resolve(sent);
      }
    } finally {
      this.processing = false;
    }
  };

  // End whatever a departed holder left open: an extended query (Sync), a transaction (ROLLBACK).
  // Queued on the backend's lock ahead of anyone else's next message.
  const resetBackend = () => {
    holder = RESETTING;
    watchHolder();
    void queue.db
      .runExclusive(async () => {
        const tracker = new ReadyForQueryTracker();
        const onRawData = (data: Uint8Array) => tracker.feed(data);
        await queue.db.execProtocolRawStream(SYNC_MESSAGE, { onRawData });
        if (tracker.status !== 'I' || queue.db.isInTransaction()) {
          await queue.db.execProtocolRawStream(queryMessage('ROLLBACK'), { onRawData });
        }
      })
      .catch((error: unknown) => console.error('[rapport] embedded database: resetting after a closed connection failed:', error))
      .finally(() => {
        holder = null;
        void queue.processQueue();
      });
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (running === handlerId) departed.add(handlerId);
    else if (holder === handlerId) resetBackend();
  };
}
