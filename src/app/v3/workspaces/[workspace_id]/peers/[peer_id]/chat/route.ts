// POST /v3/workspaces/{workspace_id}/peers/{peer_id}/chat — ask what a peer knows, as JSON or a server-sent-event stream
import { peerChatRoute } from '@/contracts/chat';
import { route } from '@/server/http/route';
import { CHAT_STREAM_HEADERS, chatEventStream } from '@/server/services/dialectic/chat-event-stream';
import { collectChatResponse, startChat } from '@/server/services/dialectic/chat-run';
import { preparePeerChat } from '@/server/services/dialectic/prepare-peer-chat';

export const POST = route(peerChatRoute, async ({ params, body, credential, requestId, signal }) => {
  // Every check runs here, before the first byte, so a bad request is a JSON error even when a stream was asked for.
  const plan = await preparePeerChat(credential, { workspace: params.workspace_id, peer: params.peer_id }, body);
  const run = startChat(plan);
  if (plan.stream) return new Response(chatEventStream(run, { requestId, signal }), { headers: CHAT_STREAM_HEADERS });
  return { body: await collectChatResponse(run, signal) };
});
