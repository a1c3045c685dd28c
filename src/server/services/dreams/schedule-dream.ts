import 'server-only';
// POST …/schedule_dream (docs/api.md#s3-12): queue a dream for one view now, bypassing the thresholds of docs/api.md#s5-6.
// 400 when dreams are off server-wide; a workspace (or the named session) with `dream.enabled: false` accepts the
// call but queues nothing, exactly as automatic dreams are skipped there.
import { DREAMS_DISABLED_DETAIL, type ScheduleDreamInput } from '@/contracts/dreams';
import { getDb } from '@/server/db/client';
import { RejectedError } from '../errors';
import { requireWorkspace } from '../workspaces/ensure-workspace';
import { effectiveDreamEnabled } from './dream-configuration';
import { dreamsEnabledGlobally } from '@/server/config/dream-config';
import { enqueueDream } from './enqueue-dream';

export type ScheduleDreamResult = { enqueued: boolean };

export async function scheduleDream(workspaceName: string, input: ScheduleDreamInput): Promise<ScheduleDreamResult> {
  if (!dreamsEnabledGlobally()) throw new RejectedError(DREAMS_DISABLED_DETAIL);
  const observerName = input.observer;
  const observedName = input.observed ?? input.observer;
  return getDb().$transaction(async (tx) => {
    const workspace = await requireWorkspace(tx, workspaceName);
    const peers = await tx.peer.findMany({
      where: { workspaceId: workspace.id, name: { in: [observerName, observedName] }, deletedAt: null, kind: 'peer' },
      select: { id: true, name: true },
    });
    const idOf = (name: string) => peers.find((peer) => peer.name === name)?.id ?? null;
    const session = input.session_id
      ? await tx.session.findFirst({ where: { workspaceId: workspace.id, name: input.session_id, deletedAt: null } })
      : null;
    if (!effectiveDreamEnabled([session?.configuration, workspace.configuration])) return { enqueued: false };
    const enqueued = await enqueueDream(tx, {
      workspaceId: workspace.id,
      observer: { id: idOf(observerName), name: observerName },
      observed: { id: idOf(observedName), name: observedName },
      dreamType: input.dream_type,
      session: input.session_id ? { id: session?.id ?? null, name: input.session_id } : null,
      rebuild: input.rebuild ?? false,
    });
    return { enqueued };
  });
}
