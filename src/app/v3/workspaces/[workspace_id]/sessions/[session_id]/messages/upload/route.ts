// POST /v3/workspaces/{ws}/sessions/{sess}/messages/upload — turn a PDF, text or JSON file into messages
// GET/PUT/DELETE …/messages/upload — the message whose id is `upload` (static segments win only for their methods)
import 'server-only';

import { uploadMessagesRoute } from '@/contracts/messages';
import { fallThroughTo } from '@/server/http/fall-through';
import { route } from '@/server/http/route';
import { uploadMessages } from '@/server/services/messages/upload-messages';
import { DELETE as deleteMessage, GET as getMessage, PUT as updateMessage } from '../[message_id]/route';

export const POST = route(uploadMessagesRoute, async ({ params, body }) => ({
  body: await uploadMessages({ workspace: params.workspace_id, session: params.session_id }, body),
}));
export const GET = fallThroughTo(getMessage, { message_id: 'upload' });
export const PUT = fallThroughTo(updateMessage, { message_id: 'upload' });
export const DELETE = fallThroughTo(deleteMessage, { message_id: 'upload' });
