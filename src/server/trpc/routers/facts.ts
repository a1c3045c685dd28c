import 'server-only';
// Facts (conclusions) of an app: the filtered list with supersession history, one fact's provenance (source messages
// and premises), its history (the supersession chain with derivations, reinforcements and deletions), editing (a new
// fact that supersedes the old), deletion through the REST delete service, and the representation markdown.
import { factEditInput, factInput, factListInput, factProvenanceInput, representationPreviewInput } from '@/contracts/console-memory';
import { deleteConclusion } from '@/server/services/conclusions/delete-conclusion';
import { editConclusion } from '@/server/services/conclusions/edit-conclusion';
import { getFactHistory } from '@/server/services/console/fact-history';
import { getFactProvenance } from '@/server/services/console/fact-provenance';
import { listAppFacts } from '@/server/services/console/list-app-facts';
import { requirePeer } from '@/server/services/peers/ensure-peer';
import { requireScope } from '@/server/services/scopes/scope-peers';
import { getRepresentation } from '@/server/services/representation/get-representation';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { factEditedOutput, factHistoryOutput, factPageOutput, factProvenanceOutput, representationPreviewOutput } from '@/contracts/console-memory-outputs';
import { deletedOutput } from '@/contracts/console-outputs-common';

export const factsRouter = router({
  list: appProcedure.input(factListInput).output(factPageOutput).query(async ({ ctx, input }) => {
    if (input.scope) await requireScope(ctx.db, ctx.workspace.id, input.scope);
    return listAppFacts(ctx.db, ctx.workspace.name, input);
  }),
  provenance: appProcedure
    .input(factProvenanceInput)
    .output(factProvenanceOutput)
    .query(({ ctx, input }) => getFactProvenance(ctx.db, ctx.workspace.name, input.id, input.messagesPerPage)),
  history: appProcedure.input(factInput).output(factHistoryOutput).query(({ ctx, input }) => getFactHistory(ctx.db, ctx.workspace.id, input.id)),
  edit: appProcedure.input(factEditInput).output(factEditedOutput).mutation(async ({ ctx, input }) => {
    const edited = await editConclusion(ctx.db, ctx.workspace.name, input.id, input.content);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.conclusionEdited, edited.replaced, { replaced_by: edited.id });
    return edited;
  }),
  delete: appProcedure.input(factInput).output(deletedOutput).mutation(async ({ ctx, input }) => {
    await deleteConclusion(ctx.workspace.name, input.id, ctx.db);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.conclusionDeleted, input.id);
    return { deleted: input.id };
  }),
  representation: appProcedure.input(representationPreviewInput).output(representationPreviewOutput).query(async ({ ctx, input }) => {
    // The API answers "" for unknown peers; the console says which one it does not know instead.
    await requirePeer(ctx.db, ctx.workspace.id, input.peer);
    if (input.target) await requirePeer(ctx.db, ctx.workspace.id, input.target);
    const credential = { kind: 'workspace', workspace: ctx.workspace.name } as const;
    return getRepresentation(credential, { workspace: ctx.workspace.name, peer: input.peer }, { target: input.target ?? null }, ctx.db);
  }),
});
