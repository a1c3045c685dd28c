import 'server-only';
// Which workspace the model calls of the current request or worker run are for. A request knows its workspace by
// wire id (and only after reading the path), a worker run by internal id; the flush resolves names to ids. The
// store is the request's own facts object, so a workspace learned after the scope was entered is still seen.
import { AsyncLocalStorage } from 'node:async_hooks';

export type UsageScope = { readonly workspace?: string; readonly workspaceId?: string };

const storage = new AsyncLocalStorage<UsageScope>();

export function withUsageScope<T>(scope: UsageScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentUsageScope(): UsageScope | undefined {
  return storage.getStore();
}
