import 'server-only';
// What the last guarded append of this process left a session in (docs/ingest.md), so the next write to it by the
// same authors can skip the read and append in one round trip. It is only ever a guess: the append's guard (session
// row version and fingerprint) refuses a stale entry exactly as it refuses a stale read, the entry is dropped, and
// the write reads again. Entries are keyed by workspace, session and the set of author names, because the
// fingerprint covers those authors' rows.
import type { WriteTarget, WriteState } from './resolve-write-target';

const MAX_ENTRIES = 1_000;

type Entry = WriteTarget & { state: WriteState };

const entries = new Map<string, Entry>();

function key(workspace: string, session: string, authorNames: readonly string[]): string {
  return JSON.stringify([workspace, session, [...new Set(authorNames)].sort()]);
}

export function cachedWriteTarget(workspace: string, session: string, authorNames: readonly string[]): Entry | undefined {
  const k = key(workspace, session, authorNames);
  const entry = entries.get(k);
  if (!entry) return undefined;
  // Refresh the entry's place: the map's insertion order is the eviction order.
  entries.delete(k);
  entries.set(k, entry);
  return entry;
}

export function rememberWriteTarget(workspace: string, session: string, authorNames: readonly string[], entry: Entry): void {
  const k = key(workspace, session, authorNames);
  entries.delete(k);
  entries.set(k, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function forgetWriteTarget(workspace: string, session: string, authorNames: readonly string[]): void {
  entries.delete(key(workspace, session, authorNames));
}
