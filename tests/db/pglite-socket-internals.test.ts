// The embedded database patches two private fields of @electric-sql/pglite-socket (src/server/db/pglite-socket-internals.ts).
// These checks fail loudly when an upgrade changes what the patches rely on, instead of letting the password check or
// the backend scheduler silently stop working.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedVersion, REVIEWED_VERSION, socketInternals } from '@/server/db/pglite-socket-internals';

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db?.close();
});

describe('pglite-socket private shape', () => {
  it('is pinned exactly to the version the patches were reviewed against', () => {
    const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies['@electric-sql/pglite-socket'];
    expect(pinned, 'upgrading pglite-socket: re-read its query queue and connection handler, then update REVIEWED_VERSION').toBe(REVIEWED_VERSION);
    expect(installedVersion()).toBe(REVIEWED_VERSION);
  });

  it('still has every member the patches wrap or read', () => {
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    const { queue, handlers } = socketInternals(server);
    expect(typeof queue.enqueue).toBe('function');
    expect(queue.queue).toEqual([]);
    expect(queue.processing).toBe(false);
    expect(handlers.size).toBe(0);
  });

  it('refuses to patch a server whose shape changed, naming what is missing', () => {
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    const raw = server as unknown as { queryQueue: Record<string, unknown> };
    // An own property shadows the prototype's method, as a rename upstream would remove it.
    Object.assign(raw.queryQueue, { processQueue: undefined, queue: new Map() });
    expect(() => socketInternals(server)).toThrow(/no longer has queryQueue\.processQueue\(\), queryQueue\.queue\[\].*pglite-socket-internals\.ts/);
  });
});
