// Fixtures for the retrieval suites: messages through the real API, conclusions and summaries straight into the
// tables the background jobs would have written, and a drain of the embedding queue through the real handler.
import { expect } from 'vitest';
import { getDb } from '@/server/db/client';
import { embeddingHandler } from '@/server/jobs/handlers/embedding-handler';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { countTokens } from '@/server/services/messages/count-tokens';
import { call } from '../support/app-fetch';

export type NewMessage = { peer_id: string; content: string; metadata?: Record<string, unknown>; created_at?: string };

/** Appends messages through POST …/messages and returns their public ids in order. */
export async function addMessages(workspace: string, session: string, messages: NewMessage[]): Promise<string[]> {
  const response = await call('POST', `/v3/workspaces/${workspace}/sessions/${session}/messages`, {
    messages: messages.map((m) => ({ ...m, configuration: { reasoning: { enabled: false } } })),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }[]).map((m) => m.id);
}

/** Runs every pending embedding item through the real handler. */
export async function drainEmbeddings(): Promise<void> {
  await runWorkerOnce({ db: getDb(), handlers: { embedding: embeddingHandler }, backoffBaseMs: 1, budgetMs: 60_000, log: () => undefined });
}

export async function internalIds(workspace: string, peers: string[] = [], sessions: string[] = []) {
  const db = getDb();
  const ws = await db.workspace.upsert({ where: { name: workspace }, create: { id: newInternalId(), name: workspace }, update: {} });
  const peerIds: Record<string, string> = {};
  for (const name of peers) {
    const peer = await db.peer.upsert({
      where: { workspaceId_name: { workspaceId: ws.id, name } },
      create: { id: newInternalId(), workspaceId: ws.id, name },
      update: {},
    });
    peerIds[name] = peer.id;
  }
  const sessionIds: Record<string, string> = {};
  for (const name of sessions) {
    sessionIds[name] = (await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: ws.id, name } } })).id;
  }
  return { workspaceId: ws.id, peerIds, sessionIds };
}

export type NewConclusion = {
  observer: string;
  observed: string;
  content: string;
  level?: 'explicit' | 'deductive' | 'inductive' | 'contradiction';
  session?: string | null;
  createdAt?: Date;
  messageCreatedAt?: Date | null;
  timesDerived?: number;
  provenance?: Record<string, unknown>;
  /** Inserted, then deleted again (what a DELETE leaves behind: nothing, and statistics that must net out). */
  deleted?: boolean;
  superseded?: boolean;
};

/** Inserts conclusions (peers get-or-created) and returns their ids in order. */
export async function insertConclusions(workspace: string, conclusions: NewConclusion[]): Promise<string[]> {
  const db = getDb();
  const names = [...new Set(conclusions.flatMap((c) => [c.observer, c.observed]))];
  const sessions = [...new Set(conclusions.flatMap((c) => (c.session ? [c.session] : [])))];
  const { workspaceId, peerIds, sessionIds } = await internalIds(workspace, names, sessions);
  const ids: string[] = [];
  for (const c of conclusions) {
    const id = newPublicId();
    await db.conclusion.create({
      data: {
        id,
        workspaceId,
        observerId: peerIds[c.observer]!,
        observedId: peerIds[c.observed]!,
        sessionId: c.session ? sessionIds[c.session]! : null,
        level: c.level ?? 'explicit',
        origin: 'api',
        content: c.content,
        tokenCount: countTokens(c.content),
        timesDerived: c.timesDerived ?? 1,
        provenance: (c.provenance ?? {}) as object,
        messageCreatedAt: c.messageCreatedAt ?? null,
        createdAt: c.createdAt ?? new Date(),
        supersededAt: c.superseded ? new Date() : null,
      },
    });
    if (c.deleted) await db.conclusion.delete({ where: { id } });
    ids.push(id);
  }
  return ids;
}

export async function insertSummary(
  workspace: string,
  session: string,
  summary: { kind: 'short' | 'long'; content: string; lastMessageId: string; lastSeq: number; stale?: boolean; tokenCount?: number },
): Promise<void> {
  const { workspaceId, sessionIds } = await internalIds(workspace, [], [session]);
  await getDb().sessionSummary.upsert({
    where: { sessionId_kind: { sessionId: sessionIds[session]!, kind: summary.kind } },
    create: {
      id: newInternalId(),
      workspaceId,
      sessionId: sessionIds[session]!,
      kind: summary.kind,
      content: summary.content,
      tokenCount: summary.tokenCount ?? countTokens(summary.content),
      lastMessageId: summary.lastMessageId,
      lastSeq: summary.lastSeq,
      createdAt: new Date('2026-03-04T05:06:07.891Z'),
      staleAt: summary.stale ? new Date() : null,
    },
    update: {
      content: summary.content,
      tokenCount: summary.tokenCount ?? countTokens(summary.content),
      lastMessageId: summary.lastMessageId,
      lastSeq: summary.lastSeq,
      staleAt: summary.stale ? new Date() : null,
    },
  });
}
