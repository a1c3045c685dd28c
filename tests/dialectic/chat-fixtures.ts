// Fixtures for the dialectic suites: messages written through the real messages route (so memberships are what the
// API makes them), conclusions inserted as rows (the deriver is not under test here), and a JSON chat call.
import { expect } from 'vitest';
import type { ConclusionLevel } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { newPublicId } from '@/server/services/ids';
import { countTokens } from '@/server/services/messages/count-tokens';
import { call } from '../support/app-fetch';

export async function postMessages(
  ws: string,
  session: string,
  messages: { peer_id: string; content: string; created_at?: string }[],
): Promise<string[]> {
  const response = await call('POST', `/v3/workspaces/${ws}/sessions/${session}/messages`, { messages });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }[]).map((m) => m.id);
}

export type ConclusionSpec = {
  observer: string;
  observed: string;
  content: string;
  level?: ConclusionLevel;
  session?: string;
  sourceIds?: string[];
  messageIds?: string[];
  messageCreatedAt?: Date;
};

/** Inserts a live conclusion (peers must exist) and returns its public id. */
export async function addConclusion(ws: string, spec: ConclusionSpec): Promise<string> {
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { name: ws } });
  const peer = (name: string) => db.peer.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name } } });
  const session = spec.session
    ? await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: spec.session } } })
    : null;
  const id = newPublicId();
  await db.conclusion.create({
    data: {
      id,
      workspaceId: workspace.id,
      observerId: (await peer(spec.observer)).id,
      observedId: (await peer(spec.observed)).id,
      sessionId: session?.id ?? null,
      level: spec.level ?? 'explicit',
      origin: spec.level && spec.level !== 'explicit' ? 'dream' : 'deriver',
      content: spec.content,
      tokenCount: countTokens(spec.content),
      sourceIds: spec.sourceIds ?? [],
      messageCreatedAt: spec.messageCreatedAt ?? null,
    },
  });
  for (const messageId of spec.messageIds ?? []) {
    await db.conclusionMessage.create({ data: { workspaceId: workspace.id, conclusionId: id, messageId } });
  }
  return id;
}

export async function chat(path: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return call('POST', path, body, headers);
}

export async function chatJson(path: string, body: Record<string, unknown>) {
  const response = await chat(path, body);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as { content: string | null; evidence?: Evidence };
}

export type Evidence = {
  conclusions: { id: string; level: string; content: string; created_at: string; session_id: string | null; source_ids: string[] }[];
  messages: { id: string; session_id: string; peer_id: string; created_at: string }[];
  tool_calls: { tool_name: string; tool_input: Record<string, unknown> }[];
  reasoning_trace_id: string | null;
};
