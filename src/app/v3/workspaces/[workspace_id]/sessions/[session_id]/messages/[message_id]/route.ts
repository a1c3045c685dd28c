// GET, PUT, DELETE /v3/workspaces/{ws}/sessions/{sess}/messages/{id} — read, re-tag or delete one message
import 'server-only';

import { deleteMessageRoute, getMessageRoute, updateMessageRoute } from '@/contracts/messages';
import { route } from '@/server/http/route';
import { deleteMessage } from '@/server/services/messages/delete-message';
import { getMessage } from '@/server/services/messages/get-message';
import { updateMessage } from '@/server/services/messages/update-message';

const address = (p: { workspace_id: string; session_id: string; message_id: string }) => ({
  workspace: p.workspace_id,
  session: p.session_id,
  messageId: p.message_id,
});

export const GET = route(getMessageRoute, async ({ params }) => ({ body: await getMessage(address(params)) }));

export const PUT = route(updateMessageRoute, async ({ params, body }) => ({
  body: await updateMessage(address(params), body),
}));

export const DELETE = route(deleteMessageRoute, async ({ params }) => {
  await deleteMessage(address(params));
  return {};
});
