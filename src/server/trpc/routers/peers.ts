import 'server-only';
// The app's users (peers): list, one peer with its card and deletion footprint, its sessions, card edits, export
// and deletion. Export and deletion are the REST API's own services, so both surfaces remove and return the same data.
import { peerInput, peerListInput, peerSessionsInput, savePeerCardInput } from '@/contracts/console-data';
import { getPeerDetails } from '@/server/services/console/get-peer-details';
import { listAppPeers } from '@/server/services/console/list-app-peers';
import { listAppSessions } from '@/server/services/console/list-app-sessions';
import { savePeerCard } from '@/server/services/console/save-peer-card';
import { deletePeer } from '@/server/services/peers/delete-peer';
import { requirePeer } from '@/server/services/peers/ensure-peer';
import { exportPeer } from '@/server/services/peers/export-peer';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { peerCardSavedOutput, peerDetailsOutput, peerExportOutput, peerPageOutput, sessionPageOutput } from '@/contracts/console-data-outputs';
import { deletedOutput } from '@/contracts/console-outputs-common';

export const peersRouter = router({
  list: appProcedure.input(peerListInput).output(peerPageOutput).query(({ ctx, input }) => listAppPeers(ctx.db, ctx.workspace.id, input)),
  get: appProcedure.input(peerInput).output(peerDetailsOutput).query(({ ctx, input }) => getPeerDetails(ctx.db, ctx.workspace.id, input.peer)),
  sessions: appProcedure.input(peerSessionsInput).output(sessionPageOutput).query(async ({ ctx, input }) => {
    // Existence first, so an unknown peer is NOT_FOUND rather than an empty list.
    await requirePeer(ctx.db, ctx.workspace.id, input.peer);
    return listAppSessions(ctx.db, ctx.workspace.id, { peer: input.peer, state: 'all', page: input.page, size: input.size });
  }),
  saveCard: appProcedure
    .input(savePeerCardInput)
    .output(peerCardSavedOutput)
    .mutation(async ({ ctx, input }) => {
      const card = await savePeerCard(ctx.db, ctx.workspace, input.peer, input.entries);
      await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.peerCardUpdated, input.peer, { entries: input.entries.length });
      return { card };
    }),
  export: appProcedure.input(peerInput).output(peerExportOutput).query(async ({ ctx, input }) => {
    const exported = await exportPeer(ctx.workspace.name, input.peer);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.peerExported, input.peer);
    return exported;
  }),
  delete: appProcedure.input(peerInput).output(deletedOutput).mutation(async ({ ctx, input }) => {
    await deletePeer(ctx.workspace.name, input.peer);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.peerDeleted, input.peer);
    return { deleted: input.peer };
  }),
});
