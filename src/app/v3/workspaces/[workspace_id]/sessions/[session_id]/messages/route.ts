// POST /v3/workspaces/{ws}/sessions/{sess}/messages — append up to 100 messages (also serves the `…/messages/` alias)
import 'server-only';

import { createMessagesRoute } from '@/contracts/messages';
import { route } from '@/server/http/route';
import { createMessages } from '@/server/services/messages/create-messages';

export const POST = route(createMessagesRoute, async ({ params, body }) => ({
  body: await createMessages({ workspace: params.workspace_id, session: params.session_id }, body.messages),
}));
