import 'server-only';
// POST …/conclusions (docs/api.md#s3-9): explicit conclusions written by the application itself. Level explicit,
// origin api, times_derived 1, no source_ids and no de-duplication; the peers and the session (if given) must exist.
//
// The embedding is computed before the transaction (model calls never hold one open). If the embedder fails the
// conclusions are still stored — the SDK retries POSTs on 5xx and would duplicate them after a later failure — and
// an embedding work item recorded in the same transaction embeds them in the background (docs/api.md#s1-9: commit last).
import type { ConclusionCreateInput, WireConclusion } from '@/contracts/conclusions';
import { CONCLUSION_CONTENT_MAX_TOKENS } from '@/contracts/conclusions';
import { Prisma } from '@/generated/prisma/client';
import { getDb, type Db } from '@/server/db/client';
import { getModelEngines, type ModelEngines } from '@/server/models';
import { logger } from '@/server/observability/logger';
import { InvalidInputError, NotFoundError, type InputIssue } from '../errors';
import { countTokens } from '../messages/count-tokens';
import { findPeer } from '../peers/ensure-peer';
import { findSession } from '../sessions/ensure-session';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { embeddingInput } from './conclusion-embeddings';
import { recordConclusionEmbeddingWork } from './conclusion-embedding-work';
import { CONCLUSION_FROM, CONCLUSION_SELECT, conclusionToWire, type ConclusionRow } from './conclusion-rows';
import { writeConclusions } from './write-conclusions';

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 } as const;

export async function createConclusions(
  workspaceName: string,
  inputs: readonly ConclusionCreateInput[],
  options: { db?: Db; engines?: ModelEngines; signal?: AbortSignal } = {},
): Promise<WireConclusion[]> {
  const db = options.db ?? getDb();
  const issues: InputIssue[] = [];
  inputs.forEach((input, i) => {
    if (countTokens(input.content) > CONCLUSION_CONTENT_MAX_TOKENS) {
      issues.push({ path: `body.conclusions[${i}].content`, message: `Must be at most ${CONCLUSION_CONTENT_MAX_TOKENS} tokens` });
    }
  });
  if (issues.length > 0) throw new InvalidInputError(issues);

  const workspace = await requireWorkspace(db, workspaceName);
  const peerIds = new Map<string, string>();
  for (const name of [...new Set(inputs.flatMap((c) => [c.observer_id, c.observed_id]))].sort()) {
    const peer = await findPeer(db, workspace.id, name);
    if (!peer) throw new NotFoundError(`Peer ${name} not found`);
    peerIds.set(name, peer.id);
  }
  const sessionIds = new Map<string, string>();
  for (const name of new Set(inputs.flatMap((c) => (c.session_id ? [c.session_id] : [])))) {
    const session = await findSession(db, workspace.id, name);
    if (!session) throw new NotFoundError(`Session ${name} not found in workspace ${workspaceName}`);
    sessionIds.set(name, session.id);
  }

  const { embedder } = options.engines ?? getModelEngines();
  const vectors = await embedder
    .embed(inputs.map((c) => embeddingInput(c.content, embedder.maxInputTokens)), options.signal)
    .then((result) => {
      if (result.length !== inputs.length || result.some((v) => v.length !== embedder.dimensions)) {
        throw new Error(`embedder ${embedder.engine} returned vectors of the wrong number or size`);
      }
      return result;
    })
    .catch((error: unknown) => {
      logger().warn({ err: error }, 'conclusion embedding failed, deferring to background work');
      return null;
    });

  const rows = await db.$transaction(async (tx) => {
    const written = await writeConclusions(
      tx,
      workspace.id,
      inputs.map((c, i) => ({
        observerId: peerIds.get(c.observer_id)!,
        observedId: peerIds.get(c.observed_id)!,
        sessionId: c.session_id ? sessionIds.get(c.session_id)! : null,
        level: 'explicit',
        origin: 'api',
        content: c.content,
        embedding: vectors ? { model: embedder.engine, values: vectors[i]! } : null,
      })),
      { dedupe: false },
    );
    const ids = written.map((w) => w.id);
    if (!vectors) await recordConclusionEmbeddingWork(tx, workspace.id, ids);
    // Read back inside the transaction: nothing after the commit may fail and turn a stored write into a 5xx.
    const stored = await tx.$queryRaw<ConclusionRow[]>(Prisma.sql`
      SELECT ${CONCLUSION_SELECT} FROM ${CONCLUSION_FROM} WHERE c.id = ANY(${ids}::text[])`);
    const byId = new Map(stored.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)!);
  }, TRANSACTION_OPTIONS);
  return rows.map(conclusionToWire);
}
