import 'server-only';
// pglite-socket serves every connection from one PGlite backend through a queue of single protocol messages, and keeps
// one connection's messages together only while the backend is inside an explicit transaction. An extended-protocol
// query (Parse, Bind, Describe, Execute … Sync) is several messages, so another connection's messages could be run in
// the middle of it: a transaction starting there overwrites the unnamed statement and portal ("unnamed prepared
// statement does not exist", "portal "" does not exist"), and an error there makes the backend discard every message
// until a Sync, including other connections' messages, whose clients then hang. Under any concurrency (two requests,
// one of them in a transaction) the embedded database failed this way.
//
// This replaces the queue's scheduler with the same one plus one rule: a connection that has started an extended
// query keeps the backend until its Sync, exactly as a connection inside a transaction keeps it until COMMIT.
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueueInternals = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
};

// Frontend message types (first byte) that belong to an unfinished extended-protocol query.
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

export function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  if (!queue || typeof queue.processQueue !== 'function' || !Array.isArray(queue.queue)) {
    throw new Error('pglite-socket internals changed: review src/server/db/pglite-socket-queue.ts');
  }
  /** Connections between the first message of an extended query and its Sync. */
  const midQuery = new Set<number>();

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.lastHandlerId;
        const reserved = owner !== null && (this.db.isInTransaction() || midQuery.has(owner));
        const index = reserved ? this.queue.findIndex((item) => item.handlerId === owner) : 0;
        // The backend belongs to a connection that has not sent its next message yet: wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        let sent = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                sent += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        const type = item.message[0] ?? 0;
        if (EXTENDED.has(type)) midQuery.add(item.handlerId);
        else if (type === SYNC) midQuery.delete(item.handlerId);
        this.lastHandlerId = item.handlerId;
        item.resolve(sent);
      }
    } finally {
      this.processing = false;
    }
  };

  // A connection that disconnects mid-query must not keep the backend reserved (pglite-socket itself rolls back an
  // abandoned transaction right after this call).
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (midQuery.delete(handlerId)) {
      // Finish the abandoned extended query so the backend accepts the next connection's messages.
      void queue.db.runExclusive(() => queue.db.execProtocolRawStream(new Uint8Array([SYNC, 0, 0, 0, 4]), { onRawData: () => {} }))
        .catch(() => {})
        .finally(() => {
          if (queue.lastHandlerId === handlerId && !queue.db.isInTransaction()) queue.lastHandlerId = null;
          void queue.processQueue();
        });
    }
  };
}
