import 'server-only';
// The app's sessions: filtered list, one session with members and summaries, its messages a page at a time (the
// REST list-messages service, oldest or newest first), deletion through the REST delete service; the context preview
// (the REST context service) and per-message tools: the facts derived from a message, and deleting one message.
import { sessionInput, sessionListInput, sessionMessagesInput } from '@/contracts/console-data';
import { getSessionDetails } from '@/server/services/console/get-session-details';
import { listAppSessions } from '@/server/services/console/list-app-sessions';
import { listMessages } from '@/server/services/messages/list-messages';
import { deleteSession } from '@/server/services/sessions/delete-session';
import { requireSession } from '@/server/services/sessions/ensure-session';
import { sessionContextInput, sessionMessageInput } from '@/contracts/console-session';
import { listMessageFacts } from '@/server/services/console/message-facts';
import { previewSessionContext } from '@/server/services/console/session-context-preview';
import { deleteMessage } from '@/server/services/messages/delete-message';
import { DATA_AUDIT_ACTIONS } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { factRowOutput, sessionContextPreviewOutput, sessionDetailsOutput, sessionMessagesOutput, sessionPageOutput } from '@/contracts/console-data-outputs';
import { deletedOutput } from '@/contracts/console-outputs-common';
import { z } from 'zod';

export const sessionsRouter = router({
  list: appProcedure.input(sessionListInput).output(sessionPageOutput).query(({ ctx, input }) => listAppSessions(ctx.db, ctx.workspace.id, input)),
  get: appProcedure.input(sessionInput).output(sessionDetailsOutput).query(({ ctx, input }) => getSessionDetails(ctx.db, ctx.workspace.id, input.session)),
  messages: appProcedure.input(sessionMessagesInput).output(sessionMessagesOutput).query(async ({ ctx, input }) => {
    await requireSession(ctx.db, ctx.workspace.id, input.session);
    return listMessages({ workspace: ctx.workspace.name, session: input.session }, null, {
      page: input.page,
      size: input.size,
      reverse: input.order === 'newest',
    });
  }),
  context: appProcedure.input(sessionContextInput).output(sessionContextPreviewOutput).query(({ ctx, input }) => {
    const { app: _app, ...query } = input;
    return previewSessionContext(ctx.db, ctx.workspace, query);
  }),
  messageFacts: appProcedure
    .input(sessionMessageInput)
    .output(z.array(factRowOutput))
    .query(({ ctx, input }) => listMessageFacts(ctx.db, { workspace: ctx.workspace.name, session: input.session, messageId: input.message })),
  deleteMessage: appProcedure.input(sessionMessageInput).output(deletedOutput).mutation(async ({ ctx, input }) => {
    await deleteMessage({ workspace: ctx.workspace.name, session: input.session, messageId: input.message }, ctx.db);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.messageDeleted, `${input.session}/${input.message}`);
    return { deleted: input.message };
  }),
  delete: appProcedure.input(sessionInput).output(deletedOutput).mutation(async ({ ctx, input }) => {
    await deleteSession(ctx.workspace.name, input.session);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.sessionDeleted, input.session);
    return { deleted: input.session };
  }),
});
