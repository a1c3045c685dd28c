// Test fixtures for session tests: rows the session routes read but do not write themselves (messages, conclusions),
// inserted straight through Prisma so the session suites do not depend on the messages endpoints.
import { getDb } from '@/server/db/client';
import { newInternalId, newPublicId } from '@/server/services/ids';

export type FixtureMessage = { peer: string; content: string; metadata?: Record<string, unknown> };

async function ids(workspace: string, session: string) {
  const db = getDb();
  const ws = await db.workspace.findUniqueOrThrow({ where: { name: workspace } });
  const sess = await db.session.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: ws.id, name: session } } });
  return { db, ws, sess };
}

/** Appends messages (creating missing peers) and returns their public ids in order. */
export async function insertMessages(workspace: string, session: string, messages: FixtureMessage[]): Promise<string[]> {
  const { db, ws, sess } = await ids(workspace, session);
  const out: string[] = [];
  for (const message of messages) {
    const peer = await db.peer.upsert({
      where: { workspaceId_name: { workspaceId: ws.id, name: message.peer } },
      create: { id: newInternalId(), workspaceId: ws.id, name: message.peer },
      update: {},
    });
    const { lastSeq } = await db.session.update({ where: { id: sess.id }, data: { lastSeq: { increment: 1 } } });
    const id = newPublicId();
    await db.message.create({
      data: {
        id,
        workspaceId: ws.id,
        sessionId: sess.id,
        peerId: peer.id,
        seq: lastSeq,
        content: message.content,
        tokenCount: message.content.length + 1,
        metadata: (message.metadata ?? {}) as object,
        createdAt: new Date('2026-01-02T03:04:05.000Z'),
      },
    });
    out.push(id);
  }
  return out;
}

/** An explicit conclusion about `peer`, derived from the given messages. */
export async function insertConclusion(workspace: string, session: string, peer: string, messageIds: string[]): Promise<string> {
  const { db, ws, sess } = await ids(workspace, session);
  const observed = await db.peer.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: ws.id, name: peer } } });
  const id = newPublicId();
  await db.conclusion.create({
    data: {
      id,
      workspaceId: ws.id,
      observerId: observed.id,
      observedId: observed.id,
      sessionId: sess.id,
      level: 'explicit',
      origin: 'deriver',
      content: `fact from ${messageIds.length} messages`,
      tokenCount: 3,
      messages: { create: messageIds.map((messageId) => ({ workspaceId: ws.id, messageId })) },
    },
  });
  return id;
}

let counter = 0;
/** A workspace id unique to this test file run. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
