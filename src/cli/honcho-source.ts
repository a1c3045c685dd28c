// `rapport import --from-honcho`: reads a workspace from any Honcho-v3-compatible server through its public routes and
// yields it as `rapport.workspace-export/1` lines, which the import then sends like a file. What the v3 wire does not
// carry cannot be migrated: conclusions arrive without their message links and provenance, memberships without their
// join history (only current members and their observation settings), messages without their insertion time.
//
// The lines are deterministic for an unchanged source (every list is read oldest first, the header's time is the source
// workspace's creation time), so a migration that was interrupted resumes: it reads the source again, and the import
// skips what it already holds.
import { createHash } from 'node:crypto';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { WORKSPACE_EXPORT_FORMAT, type ExportLine } from '@/contracts/portability';
import { seg, type ApiClient } from './api-client';

type Page<T> = { items: T[]; total: number; page: number; size: number; pages: number };
type WirePeer = { id: string; metadata?: Record<string, unknown>; configuration?: Record<string, unknown>; created_at: string };
type WireSession = WirePeer & { is_active?: boolean };
type WireMessage = { id: string; content: string; peer_id: string; metadata?: Record<string, unknown>; created_at: string; token_count?: number };
type WireConclusion = {
  id: string;
  content: string;
  observer_id: string;
  observed_id: string;
  session_id: string | null;
  level?: 'explicit' | 'deductive' | 'inductive' | 'contradiction';
  source_ids?: string[];
  times_derived?: number;
  created_at: string;
};
type WireSummary = { content: string; message_id: string; summary_type: string; created_at: string; token_count: number };

const PAGE_SIZE = 100;

/** Wire timestamps sometimes lack a zone (naive UTC); the export format requires one. */
const instant = (text: string) => (/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** A stable id for a record the wire gives none (summaries), so a resumed migration writes the same one. */
const stableId = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 21);

async function* pages<T>(client: ApiClient, path: string, body: unknown, extra = ''): AsyncGenerator<T[]> {
  for (let page = 1; ; page += 1) {
    const result = await client.json<Page<T>>('POST', `${path}?page=${page}&size=${PAGE_SIZE}${extra}`, { body });
    if (result.items.length > 0) yield result.items;
    if (page >= result.pages || result.items.length === 0) return;
  }
}

async function all<T>(client: ApiClient, path: string, body: unknown, extra = ''): Promise<T[]> {
  const out: T[] = [];
  for await (const items of pages<T>(client, path, body, extra)) out.push(...items);
  return out;
}

export type HonchoSourceEvents = { onPhase?: (phase: string, total: number) => void };

/**
 * The source workspace as export lines. Peers, sessions, memberships, cards and summaries are read first (to count
 * them for the header); messages and conclusions are then streamed page by page.
 */
export async function* honchoWorkspaceLines(client: ApiClient, workspace: string, events: HonchoSourceEvents = {}): AsyncGenerator<ExportLine> {
  const ws = `/v3/workspaces/${seg(workspace)}`;
  // Get-or-create returns an existing workspace unchanged; it is the one v3 route that reads a workspace by id.
  const source = await client.json<{ id: string; metadata?: unknown; configuration?: unknown; created_at: string }>('POST', '/v3/workspaces', {
    body: { id: workspace },
  });
  const peers = await all<WirePeer>(client, `${ws}/peers/list`, {});
  const sessions = await all<WireSession>(client, `${ws}/sessions/list`, {});

  type Member = { session: string; peer: string; observe_me: boolean | null; observe_others: boolean | null; joined_at: string };
  const members: Member[] = [];
  const summaries: Extract<ExportLine, { type: 'summary' }>[] = [];
  const messageTotals = new Map<string, number>();
  for (const session of sessions) {
    const path = `${ws}/sessions/${seg(session.id)}`;
    for (let page = 1; ; page += 1) {
      const result = await client.json<Page<WirePeer>>('GET', `${path}/peers?page=${page}&size=${PAGE_SIZE}`);
      for (const peer of result.items) {
        const config = await client.json<{ observe_me: boolean | null; observe_others: boolean | null }>(
          'GET',
          `${path}/peers/${seg(peer.id)}/config`,
        );
        members.push({ session: session.id, peer: peer.id, observe_me: config.observe_me, observe_others: config.observe_others, joined_at: instant(session.created_at) });
      }
      if (page >= result.pages || result.items.length === 0) break;
    }
    const first = await client.json<Page<WireMessage>>('POST', `${path}/messages/list?page=1&size=1`, { body: {} });
    messageTotals.set(session.id, first.total);
    const stored = await client.json<{ short_summary: WireSummary | null; long_summary: WireSummary | null }>('GET', `${path}/summaries`);
    for (const [kind, summary] of [['short', stored.short_summary], ['long', stored.long_summary]] as const) {
      if (!summary) continue;
      summaries.push({
        type: 'summary',
        id: stableId(workspace, session.id, kind),
        session_id: session.id,
        kind,
        content: summary.content,
        token_count: summary.token_count,
        last_message_id: summary.message_id,
        last_seq: 0, // set once the session's messages have been numbered
        created_at: instant(summary.created_at),
        stale_at: null,
      });
    }
  }

  // Cards: each peer's own, and what each member holds about the other members of its sessions: a peer forms views
  // only of peers it shares a session with, so no other pair can hold a card.
  const pairs = new Set<string>(peers.map((p) => `${p.id}\u0000${p.id}`));
  const bySession = new Map<string, string[]>();
  for (const m of members) bySession.set(m.session, [...(bySession.get(m.session) ?? []), m.peer]);
  for (const group of bySession.values()) for (const a of group) for (const b of group) pairs.add(`${a}\u0000${b}`);
  const cards: Extract<ExportLine, { type: 'card' }>[] = [];
  for (const pair of [...pairs].sort()) {
    const [observer, observed] = pair.split('\u0000') as [string, string];
    const target = observer === observed ? '' : `?target=${seg(observed)}`;
    const card = await client.json<{ peer_card: string[] | null }>('GET', `${ws}/peers/${seg(observer)}/card${target}`);
    if (card.peer_card && card.peer_card.length > 0) {
      cards.push({ type: 'card', observer_id: observer, observed_id: observed, entries: card.peer_card, updated_at: instant(source.created_at) });
    }
  }
  const conclusionTotal = (await client.json<Page<WireConclusion>>('POST', `${ws}/conclusions/list?page=1&size=1`, { body: {} })).total;
  const messageTotal = [...messageTotals.values()].reduce((a, b) => a + b, 0);

  let lines = 0;
  const emit = (line: ExportLine) => {
    lines += 1;
    return line;
  };
  yield emit({
    type: 'header',
    format: WORKSPACE_EXPORT_FORMAT,
    workspace_id: source.id,
    exported_at: instant(source.created_at),
    embeddings: false,
    counts: {
      peers: peers.length,
      sessions: sessions.length,
      memberships: members.length,
      membership_periods: 0,
      messages: messageTotal,
      conclusions: conclusionTotal,
      cards: cards.length,
      summaries: summaries.length,
      peer_views: 0,
      scope_backfills: 0,
      webhooks: 0,
    },
  });
  yield emit({ type: 'workspace', id: source.id, metadata: obj(source.metadata), configuration: obj(source.configuration), created_at: instant(source.created_at) });
  for (const p of peers) {
    yield emit({ type: 'peer', id: p.id, kind: 'peer', metadata: obj(p.metadata), configuration: obj(p.configuration), created_at: instant(p.created_at) });
  }
  for (const s of sessions) {
    yield emit({
      type: 'session',
      id: s.id,
      is_active: s.is_active ?? true,
      metadata: obj(s.metadata),
      configuration: obj(s.configuration),
      created_at: instant(s.created_at),
    });
  }
  for (const m of members) {
    yield emit({
      type: 'membership',
      session_id: m.session,
      peer_id: m.peer,
      observe_me: m.observe_me,
      observe_others: m.observe_others,
      joined_at: m.joined_at,
      left_at: null,
      created_at: m.joined_at,
    });
    yield emit({ type: 'membership_period', session_id: m.session, peer_id: m.peer, joined_at: m.joined_at, left_at: null });
  }

  events.onPhase?.('messages', messageTotal);
  // Only the messages summaries end at need their number remembered; a million others are streamed through.
  const wanted = new Set(summaries.map((summary) => `${summary.session_id}\u0000${summary.last_message_id}`));
  const seqOf = new Map<string, number>();
  for (const s of sessions) {
    let seq = 0;
    for await (const items of pages<WireMessage>(client, `${ws}/sessions/${seg(s.id)}/messages/list`, {})) {
      for (const m of items) {
        seq += 1;
        if (wanted.has(`${s.id}\u0000${m.id}`)) seqOf.set(`${s.id}\u0000${m.id}`, seq);
        yield emit({
          type: 'message',
          id: m.id,
          session_id: s.id,
          peer_id: m.peer_id,
          seq,
          content: m.content,
          token_count: m.token_count ?? countTokens(m.content),
          metadata: obj(m.metadata),
          configuration: {},
          created_at: instant(m.created_at),
          inserted_at: instant(m.created_at),
        });
      }
    }
  }

  events.onPhase?.('conclusions', conclusionTotal);
  // Oldest first (the route lists newest first unless reversed), so a resumed run yields the same order.
  for await (const items of pages<WireConclusion>(client, `${ws}/conclusions/list`, {}, '&reverse=true')) {
    for (const c of items) {
      const level = c.level ?? 'explicit';
      yield emit({
        type: 'conclusion',
        id: c.id,
        observer_id: c.observer_id,
        observed_id: c.observed_id,
        session_id: c.session_id,
        level,
        // The wire does not say who wrote a conclusion: explicit facts read as derived ones, the other levels as dreams.
        origin: level === 'explicit' ? 'deriver' : 'dream',
        content: c.content,
        token_count: countTokens(c.content),
        source_ids: c.source_ids ?? [],
        times_derived: c.times_derived ?? 1,
        provenance: {},
        message_ids: [],
        message_created_at: null,
        created_at: instant(c.created_at),
        superseded_at: null,
        superseded_by_id: null,
      });
    }
  }
  for (const card of cards) yield emit(card);
  for (const summary of summaries) {
    yield emit({ ...summary, last_seq: seqOf.get(`${summary.session_id}\u0000${summary.last_message_id}`) ?? 0 });
  }
  yield { type: 'end', lines };
}

/** The lines as NDJSON text, one string per line, for `importLines`. */
export async function* asText(lines: AsyncIterable<ExportLine>): AsyncGenerator<string> {
  for await (const line of lines) yield JSON.stringify(line);
}
