// POST /v3/workspaces/{ws}/sessions/{sess}/messages/list — a page of messages in insertion order
// GET/PUT/DELETE …/messages/list — the message whose id is `list` (static segments win only for their methods)
import 'server-only';

import { listMessagesRoute } from '@/contracts/messages';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { listMessages } from '@/server/services/messages/list-messages';
import { DELETE as deleteMessage, GET as getMessage, PUT as updateMessage } from '../[message_id]/route';

export const POST = route(listMessagesRoute, async ({ params, query, body }) => ({
  body: await listMessages({ workspace: params.workspace_id, session: params.session_id }, body.filters, query),
}));
export const GET = fallThroughTo(getMessage, { message_id: 'list' });
export const PUT = fallThroughTo(updateMessage, { message_id: 'list' });
export const DELETE = fallThroughTo(deleteMessage, { message_id: 'list' });
