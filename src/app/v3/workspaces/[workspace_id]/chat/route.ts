// POST /v3/workspaces/{workspace_id}/chat — ask across the whole workspace, as JSON or a server-sent-event stream
import { workspaceChatRoute } from '@/contracts/chat';
import { route } from '@/server/http/route';
import { CHAT_STREAM_HEADERS, chatEventStream } from '@/server/services/dialectic/chat-event-stream';
import { collectChatResponse, startChat } from '@/server/services/dialectic/chat-run';
import { prepareWorkspaceChat } from '@/server/services/dialectic/prepare-workspace-chat';

export const POST = route(workspaceChatRoute, async ({ params, body, credential, requestId, signal }) => {
  // Every check runs here, before the first byte, so a bad request is a JSON error even when a stream was asked for.
  const plan = await prepareWorkspaceChat(credential, params.workspace_id, body);
  const run = startChat(plan);
  if (plan.stream) return new Response(chatEventStream(run, { requestId, signal }), { headers: CHAT_STREAM_HEADERS });
  return { body: await collectChatResponse(run, signal) };
});
