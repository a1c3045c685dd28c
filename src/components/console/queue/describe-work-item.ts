// Work items in words: what the unit is about (a session, a peer, a kind of work) instead of its internal key, how
// long an item waited and ran, and runs of items of the same unit grouped so a busy session reads as one block.

export type DescribedItem = {
  kind: string;
  unitKey: string;
  session: string | null;
  sender: string | null;
  observers: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const KIND_LABELS: Record<string, string> = {
  derivation: 'Fact derivation',
  summary: 'Session summary',
  dream: 'Dream',
  embedding: 'Search embedding',
  webhook: 'Webhook delivery',
  cleanup: 'Cleanup',
  backfill: 'Scope backfill',
};

/** "Facts about alice from session chat-1": the unit in the app's own names, falling back to the kind. */
export function describeUnit(item: DescribedItem): string {
  const session = item.session ? ` in session ${item.session}` : '';
  switch (item.kind) {
    case 'derivation':
      return item.sender ? `Facts from ${item.sender}'s messages${session}` : `Facts${session}`;
    case 'summary':
      return item.session ? `Summary of session ${item.session}` : 'Summary of a deleted session';
    case 'dream': {
      const observer = item.observers[0];
      if (observer && item.sender && observer !== item.sender) return `${observer}'s view of ${item.sender}`;
      return observer ? `${observer}'s own memory` : 'Dream';
    }
    case 'embedding':
      return item.session ? `Search index for session ${item.session}` : 'Search index';
    default:
      return `${KIND_LABELS[item.kind] ?? item.kind}${session}`;
  }
}

/** A duration as people read it: 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const totalSeconds = Math.round(s);
  const [d, h, m, sec] = [Math.floor(totalSeconds / 86_400), Math.floor(totalSeconds / 3600) % 24, Math.floor(totalSeconds / 60) % 60, totalSeconds % 60];
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  return sec ? `${m} min ${sec} s` : `${m} min`;
}

/** How long the item waited before a worker took it, and how long the work itself ran (null when not yet known). */
export function itemDurations(item: DescribedItem): { waited: number | null; ran: number | null } {
  const t = (iso: string | null) => (iso ? new Date(iso).getTime() : null);
  const [created, started, finished] = [t(item.createdAt), t(item.startedAt), t(item.finishedAt)];
  return {
    waited: created !== null && started !== null ? started - created : null,
    ran: started !== null && finished !== null ? finished - started : null,
  };
}

/** Consecutive items of one unit as one group, in list order (the list is newest first). */
export function groupByUnit<T extends DescribedItem>(items: T[]): { unitKey: string; label: string; items: T[] }[] {
  const groups: { unitKey: string; label: string; items: T[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.unitKey === item.unitKey) last.items.push(item);
    else groups.push({ unitKey: item.unitKey, label: describeUnit(item), items: [item] });
  }
  return groups;
}
