import 'server-only';
// Facts (conclusions) of an app: the filtered list with supersession history, one fact's provenance (source messages
// and premises), deletion through the REST delete service, and the representation markdown the API would return.
import { factInput, factListInput, factProvenanceInput, representationPreviewInput } from '@/contracts/console-memory';
import { deleteConclusion } from '@/server/services/conclusions/delete-conclusion';
import { getFactProvenance } from '@/server/services/console/fact-provenance';
import { listAppFacts } from '@/server/services/console/list-app-facts';
import { requirePeer } from '@/server/services/peers/ensure-peer';
import { getRepresentation } from '@/server/services/representation/get-representation';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';

export const factsRouter = router({
  list: appProcedure.input(factListInput).query(({ ctx, input }) => listAppFacts(ctx.db, ctx.workspace.name, input)),
  provenance: appProcedure
    .input(factProvenanceInput)
    .query(({ ctx, input }) => getFactProvenance(ctx.db, ctx.workspace.name, input.id, input.messagesPerPage)),
  delete: appProcedure.input(factInput).mutation(async ({ ctx, input }) => {
    await deleteConclusion(ctx.workspace.name, input.id, ctx.db);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.conclusionDeleted, input.id);
    return { deleted: input.id };
  }),
  representation: appProcedure.input(representationPreviewInput).query(async ({ ctx, input }) => {
    // The API answers "" for unknown peers; the console says which one it does not know instead.
    await requirePeer(ctx.db, ctx.workspace.id, input.peer);
    if (input.target) await requirePeer(ctx.db, ctx.workspace.id, input.target);
    const credential = { kind: 'workspace', workspace: ctx.workspace.name } as const;
    return getRepresentation(credential, { workspace: ctx.workspace.name, peer: input.peer }, { target: input.target ?? null }, ctx.db);
  }),
});
