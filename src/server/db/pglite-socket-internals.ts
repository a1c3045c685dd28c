import 'server-only';
// The one place that reaches into @electric-sql/pglite-socket's private fields. The embedded database needs two
// changes the package offers no hook for: password authentication (pglite-socket-auth.ts) and a scheduler that keeps
// one connection from corrupting, holding or wedging the shared backend (pglite-socket-queue.ts). Both wrap methods
// of the server's private `queryQueue` and read its `handlers`. Those fields are not part of the package's API, so:
// - the package is pinned exactly (package.json), and REVIEWED_VERSION below names the version this shape was read
//   from; tests/db/pglite-socket-internals.test.ts fails when the installed version differs, so an upgrade cannot
//   land without someone re-reading the package's QueryQueueManager and connection handler;
// - socketInternals() checks every field and method it hands out at start-up and refuses to start the embedded
//   database with a message naming this file, rather than running with a scheduler that silently does nothing.
// Why the patches exist and what they guarantee: docs/embedded-database.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The pglite-socket version whose private shape the types below describe. */
export const REVIEWED_VERSION = '0.2.17';

export type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

export type SharedBackend = {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
};

/** The server's queue of protocol messages, one at a time through the shared backend. */
export type QueueInternals = {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: SharedBackend;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
};

/** One client connection of the server. */
export type HandlerInternals = { handlerId: number; socket: Socket | null };

export type SocketInternals = { queue: QueueInternals; handlers: Set<HandlerInternals> };

/** The installed pglite-socket version (its package.json), for the upgrade guard. */
export function installedVersion(): string {
  // The package's exports map does not expose its package.json: find it beside the resolved entry point.
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-socket'));
  while (path.basename(dir) !== 'pglite-socket' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The private queue and connection set of `server`, after checking that every member the patches use is there. */
export function socketInternals(server: PGLiteSocketServer): SocketInternals {
  const raw = server as unknown as { queryQueue?: Partial<QueueInternals>; handlers?: unknown };
  const queue = raw.queryQueue;
  const missing: string[] = [];
  if (!queue || typeof queue !== 'object') missing.push('queryQueue');
  else {
    for (const method of ['enqueue', 'processQueue', 'clearQueueForHandler'] as const) {
      if (typeof queue[method] !== 'function') missing.push(`queryQueue.${method}()`);
    }
    if (!Array.isArray(queue.queue)) missing.push('queryQueue.queue[]');
    if (typeof queue.processing !== 'boolean') missing.push('queryQueue.processing');
    if (!('lastHandlerId' in queue)) missing.push('queryQueue.lastHandlerId');
    const db = queue.db as Partial<SharedBackend> | undefined;
    for (const method of ['isInTransaction', 'runExclusive', 'execProtocolRawStream'] as const) {
      if (typeof db?.[method] !== 'function') missing.push(`queryQueue.db.${method}()`);
    }
  }
  if (!(raw.handlers instanceof Set)) missing.push('handlers (Set)');
  if (missing.length) {
    throw new Error(
      `@electric-sql/pglite-socket ${installedVersion()} no longer has ${missing.join(', ')} (reviewed against ${REVIEWED_VERSION}): ` +
        'review src/server/db/pglite-socket-internals.ts and the two patches that use it before starting the embedded database',
    );
  }
  return { queue: queue as QueueInternals, handlers: raw.handlers as Set<HandlerInternals> };
}
