import 'server-only';
// The console's playground: ask as a peer (observer) about itself or a target, optionally pinned to a session, at a
// reasoning level, optionally through a scope — the same dialectic the peer chat route runs (prepare-peer-chat +
// chat-run), with evidence always on. Like the route, an unknown asking peer is created and answered (it knows
// nothing yet, and the answer says so), so the console shows what an app would get; an unknown target, session or
// scope is NOT_FOUND, as on the wire. Every check runs before the first event, so a bad request fails as a whole; then the answer streams as text deltas and ends with the
// evidence, whose messages carry their text so the console can show them without another round trip.
import type { PlaygroundInput } from '@/contracts/console-memory';
import type { Db } from '@/server/db/client';
import { getModelEngines, type ModelEngines } from '@/server/models';
import { startChat, type ChatRun } from '../dialectic/chat-run';
import { preparePeerChat } from '../dialectic/prepare-peer-chat';

export type PlaygroundEvidence = {
  conclusions: { id: string; level: string; content: string; createdAt: string; session: string | null; sourceIds: string[] }[];
  /** `position`: live messages before it in its session (the console turns it into a timeline page); null if deleted. */
  messages: { id: string; session: string; peer: string; createdAt: string; content: string | null; position: number | null }[];
  toolCalls: { tool: string; input: Record<string, unknown> }[];
};

export type PlaygroundEvent =
  | { type: 'start'; engine: string; observer: string; target: string; session: string | null; scope: string | null }
  | { type: 'delta'; text: string }
  | { type: 'done'; evidence: PlaygroundEvidence };

export type PreparedPlayground = { run: ChatRun; start: Extract<PlaygroundEvent, { type: 'start' }>; db: Db; workspaceId: string };

/** Every check (peers, session, question) — run before any event, so a bad request fails as a whole. */
export async function preparePlayground(
  db: Db,
  workspace: { id: string; name: string },
  input: Omit<PlaygroundInput, 'app'>,
  engines: ModelEngines = getModelEngines(),
): Promise<PreparedPlayground> {
  const plan = await preparePeerChat(
    { kind: 'workspace', workspace: workspace.name },
    { workspace: workspace.name, peer: input.peer },
    {
      query: input.query,
      target: input.target ?? null,
      session_id: input.session ?? null,
      reasoning_level: input.level,
      include_evidence: true,
      stream: true,
      filters: null,
      ...(input.scope ? { scope: input.scope } : {}),
    },
    db,
  );
  return {
    run: startChat(plan, db, engines),
    db,
    workspaceId: workspace.id,
    start: {
      type: 'start',
      engine: engines.describe().dialectic,
      observer: input.peer,
      target: input.target ?? input.peer,
      session: input.session ?? null,
      scope: input.scope ?? null,
    },
  };
}

/** The answer of a prepared question: start, text deltas as they arrive, then done with the evidence. */
export async function* streamPlayground(prepared: PreparedPlayground, signal?: AbortSignal): AsyncGenerator<PlaygroundEvent> {
  const { run, db } = prepared;
  yield prepared.start;
  for await (const text of run.deltas(signal)) if (text) yield { type: 'delta', text };
  const evidence = await run.evidence();
  const ids = evidence.messages.map((m) => m.id);
  const texts = ids.length
    ? await db.$queryRaw<{ id: string; content: string; position: number }[]>`
        SELECT m.id, m.content,
               (SELECT count(*) FROM messages b WHERE b.session_id = m.session_id AND b.seq < m.seq)::int AS position
        FROM messages m WHERE m.id = ANY(${ids}::text[]) AND m.workspace_id = ${prepared.workspaceId}`
    : [];
  const found = new Map(texts.map((m) => [m.id, m]));
  yield {
    type: 'done',
    evidence: {
      conclusions: evidence.conclusions.map((c) => ({
        id: c.id,
        level: c.level,
        content: c.content,
        createdAt: c.created_at,
        session: c.session_id,
        sourceIds: c.source_ids,
      })),
      messages: evidence.messages.map((m) => ({
        id: m.id,
        session: m.session_id,
        peer: m.peer_id,
        createdAt: m.created_at,
        content: found.get(m.id)?.content ?? null,
        position: found.get(m.id)?.position ?? null,
      })),
      toolCalls: evidence.tool_calls.map((call) => ({ tool: call.tool_name, input: call.tool_input })),
    },
  };
}
